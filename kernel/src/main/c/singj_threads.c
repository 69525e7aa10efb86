/*
 * What the JVM offers a debugger and Java code no longer: suspending a thread, reading its
 * frames, and raising an exception in it wherever it runs (Thread.stop, gone since JDK 20, was
 * this). The kernel uses it to end a killed SIP's thread that is inside JDK code, where no kill
 * check of the SIP's runs (singj.kernel.host.HostThreads). Only the capabilities that need no
 * start-up flag are taken: JVMTI lets a library loaded at run time add them.
 */
#include <jni.h>
#include <jvmti.h>
#include <stdlib.h>
#include <string.h>

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
