/*
 * What the JVM offers a debugger and Java code no longer: suspending a thread, reading its
 * frames, and raising an exception in it wherever it runs (Thread.stop, gone since JDK 20, was
 * this). The kernel uses it to end a killed SIP's thread that is inside JDK code, where no kill
 * check of the SIP's runs (singj.kernel.host.HostThreads). And the JVM's heap sampling (JEP 331),
 * which sees every allocation whoever makes it (JDK code, arrays of any dimension, the stacks of
 * virtual threads): the samples taken on a SIP's threads are handed to its memory account
 * (singj.kernel.host.HeapSampler). Only the capabilities that need no start-up flag are taken:
 * JVMTI lets a library loaded at run time add them.
 */
#include <jni.h>
#include <jvmti.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

static jvmtiEnv *jvmti;

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    if ((*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_21) != JNI_OK) {
        jvmti = NULL;
        return JNI_VERSION_21; /* loaded, but HostThreads.available() says no */
    }
    jvmtiCapabilities wanted;
    memset(&wanted, 0, sizeof wanted);
    wanted.can_signal_thread = 1;
    wanted.can_suspend = 1;
    wanted.can_support_virtual_threads = 1;
    wanted.can_generate_sampled_object_alloc_events = 1;
    if ((*jvmti)->AddCapabilities(jvmti, &wanted) != JVMTI_ERROR_NONE) {
        (*jvmti)->DisposeEnvironment(jvmti);
        jvmti = NULL;
    }
    return JNI_VERSION_21;
}

JNIEXPORT jboolean JNICALL Java_singj_kernel_host_HostThreads_ready(JNIEnv *env, jclass c) {
    return jvmti != NULL;
}

JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_suspend(JNIEnv *env, jobject self, jthread thread) {
    return (*jvmti)->SuspendThread(jvmti, thread);
}

JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_resume(JNIEnv *env, jobject self, jthread thread) {
    return (*jvmti)->ResumeThread(jvmti, thread);
}

/* JVMTI GetThreadState: the JVMTI_THREAD_STATE_* bits, or 0 if it cannot say (0 also means "not started"). */
JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_state(JNIEnv *env, jobject self, jthread thread) {
    jint state = 0;
    return (*jvmti)->GetThreadState(jvmti, thread, &state) == JVMTI_ERROR_NONE ? state : 0;
}

JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_raise(JNIEnv *env, jobject self, jthread thread, jobject exception) {
    return (*jvmti)->StopThread(jvmti, thread, exception);
}

/*
 * Fills classes[i] and methods[i] (name followed by descriptor) with the thread's frames from
 * depth start (0 is the innermost), up to the arrays' length; returns how many, or minus a JVMTI
 * error code.
 */
JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_frames(JNIEnv *env, jobject self, jthread thread, jint start,
                                                           jobjectArray classes, jobjectArray methods) {
    jint max = (*env)->GetArrayLength(env, classes);
    jvmtiFrameInfo *frames = malloc(sizeof(jvmtiFrameInfo) * (max > 0 ? max : 1));
    if (frames == NULL) {
        return -(jint) JVMTI_ERROR_OUT_OF_MEMORY;
    }
    jint count = 0;
    jvmtiError error = (*jvmti)->GetStackTrace(jvmti, thread, start, max, frames, &count);
    if (error != JVMTI_ERROR_NONE) {
        free(frames);
        return -(jint) error;
    }
    for (jint i = 0; i < count; i++) {
        jclass declaring;
        char *name = NULL, *signature = NULL;
        if ((*jvmti)->GetMethodDeclaringClass(jvmti, frames[i].method, &declaring) != JVMTI_ERROR_NONE
                || (*jvmti)->GetMethodName(jvmti, frames[i].method, &name, &signature, NULL) != JVMTI_ERROR_NONE) {
            free(frames);
            return -(jint) JVMTI_ERROR_INTERNAL;
        }
        char both[1024];
        size_t nameLength = strlen(name), signatureLength = strlen(signature);
        if (nameLength + signatureLength >= sizeof both) {
            signatureLength = sizeof both - 1 - nameLength; /* never for a real method: names are short */
        }
        memcpy(both, name, nameLength);
        memcpy(both + nameLength, signature, signatureLength);
        both[nameLength + signatureLength] = 0;
        (*jvmti)->Deallocate(jvmti, (unsigned char *) name);
        (*jvmti)->Deallocate(jvmti, (unsigned char *) signature);
        jstring method = (*env)->NewStringUTF(env, both);
        if (method == NULL) {
            free(frames);
            return -(jint) JVMTI_ERROR_OUT_OF_MEMORY; /* an OutOfMemoryError is pending */
        }
        (*env)->SetObjectArrayElement(env, classes, i, declaring);
        (*env)->SetObjectArrayElement(env, methods, i, method);
        (*env)->DeleteLocalRef(env, declaring);
        (*env)->DeleteLocalRef(env, method);
    }
    free(frames);
    return count;
}

/*
 * Heap sampling. A thread's JVMTI thread-local storage holds the number of the memory account it
 * is charged to (HeapSampler), or NOT_CHARGED, or nothing yet: the first sample on a thread asks
 * the Java half whose it is (every SIP thread is claimed before it starts, so the answer never
 * changes), and every later sample on a thread that is no SIP's returns at once. A number, never
 * a JNI reference: a thread outlives its SIP's account, and a stale number finds no account.
 */
#define NOT_CHARGED ((void *) (intptr_t) -1)

static jclass sampler;
static jmethodID accountOf, sampled;
/* The Java half allocates: what it allocates is the kernel's bookkeeping, not the SIP's. */
static __thread int inSample;

static void JNICALL onSample(jvmtiEnv *env, JNIEnv *jni, jthread thread, jobject object, jclass klass, jlong size) {
    void *charged = NULL;
    if (inSample || (*env)->GetThreadLocalStorage(env, thread, &charged) != JVMTI_ERROR_NONE || charged == NOT_CHARGED) {
        return;
    }
    inSample = 1;
    jint account = (jint) (intptr_t) charged;
    if (charged == NULL) {
        account = (*jni)->CallStaticIntMethod(jni, sampler, accountOf, thread);
        if ((*jni)->ExceptionCheck(jni)) { /* the heap is full: ask again at the next sample */
            (*jni)->ExceptionClear(jni);
            inSample = 0;
            return;
        }
        (*env)->SetThreadLocalStorage(env, thread, account > 0 ? (void *) (intptr_t) account : NOT_CHARGED);
    }
    if (account > 0) {
        jint stallMillis = (*jni)->CallStaticIntMethod(jni, sampler, sampled, account, object, size);
        if ((*jni)->ExceptionCheck(jni)) {
            (*jni)->ExceptionClear(jni);
            stallMillis = 0;
        }
        if (stallMillis > 0) {
            /*
             * The account is far over its limit and waits for its judgment, or is being killed:
             * slow this thread down here in native code, where a forced stop can still suspend it
             * and raise the kill at its Java frame, so that a loop in JDK code (a multianewarray's,
             * an ArrayList's growth) does not fill the heap before the judgment or the kill.
             */
            struct timespec pause = { stallMillis / 1000, (long) (stallMillis % 1000) * 1000000L };
            nanosleep(&pause, NULL);
        }
    }
    inSample = 0;
}

/*
 * Starts sampling on average every `interval` bytes of each thread's allocation (the JVM draws
 * each gap at random from a geometric distribution, as heap profilers do); samples go to the
 * static methods accountOf(Thread) and sampled(int, Object, long) of `to`. 0, or a JVMTI error.
 */
JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_startSampling(JNIEnv *env, jclass c, jclass to, jint interval) {
    sampler = (*env)->NewGlobalRef(env, to);
    accountOf = (*env)->GetStaticMethodID(env, to, "accountOf", "(Ljava/lang/Thread;)I");
    sampled = (*env)->GetStaticMethodID(env, to, "sampled", "(ILjava/lang/Object;J)I");
    if (sampler == NULL || accountOf == NULL || sampled == NULL) {
        return JVMTI_ERROR_INTERNAL; /* a NoSuchMethodError is pending */
    }
    jvmtiEventCallbacks callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.SampledObjectAlloc = onSample;
    jvmtiError error = (*jvmti)->SetEventCallbacks(jvmti, &callbacks, sizeof callbacks);
    if (error == JVMTI_ERROR_NONE) {
        error = (*jvmti)->SetHeapSamplingInterval(jvmti, interval);
    }
    if (error == JVMTI_ERROR_NONE) {
        error = (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_SAMPLED_OBJECT_ALLOC, NULL);
    }
    return error;
}

/*
 * Charges what the calling thread allocates from now on to account `number`, or to none (0): for
 * an embedding application's thread that calls into a SIP (singj.kernel.proc.Sip.chargeCallingThread).
 */
JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_chargeCurrentThread(JNIEnv *env, jclass c, jint number) {
    return (*jvmti)->SetThreadLocalStorage(jvmti, NULL, number > 0 ? (void *) (intptr_t) number : NOT_CHARGED);
}
