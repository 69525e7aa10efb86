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
 * an embedding application's thread that calls into a SIP (singj.kernel.proc.Proc.chargeCallingThread).
 */
JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_chargeCurrentThread(JNIEnv *env, jclass c, jint number) {
    return (*jvmti)->SetThreadLocalStorage(jvmti, NULL, number > 0 ? (void *) (intptr_t) number : NOT_CHARGED);
}

/*
 * An exact census of what one SIP holds (singj.kernel.host.HeapCensus): the bytes of the objects
 * reachable from the SIP's roots, without following into what others share. One JVMTI heap walk
 * (FollowReferences: iterative, at a safepoint) from all the JVM's roots, in which a root is
 * followed only if it is the SIP's: a stack or JNI local of one of its threads, or the array of
 * its threads and classes made here. The walk is told where to stop by tags, in a JVMTI
 * environment of its own made for this one walk (its tags all go with it, at once):
 *   - the Class objects of the SIP's loader are followed (their statics are the SIP's); every
 *     other Class object is shared, neither counted nor followed;
 *   - an instance of a class of the kernel's loader or of another SIP's is a barrier: its own
 *     size is counted (a kernel object the SIP holds is charged to it), what it refers to is not
 *     followed;
 *   - an instance of a class the caller names as shared infrastructure (threads, thread groups,
 *     class loaders, thread containers) is neither counted nor followed, unless it is one of the
 *     SIP's threads;
 *   - everything else reached is the SIP's: counted once, and followed.
 * "Once" without a tag on every object (a tag is an entry in the JVM's tag table, and made the
 * walk 7x slower): the JVM visits each object once and reports its reference to its class first,
 * so an instance is counted there, at its class's instance size (learnt from the first reference
 * to one), and a primitive array in its value callback. Object arrays, stack chunks (instances of
 * many sizes), barrier objects and instances of classes loaded since the walk began are counted
 * where they are first reached,
 * and tagged so that a second reference does not count them again.
 * The walk stops as soon as the count passes stopAbove: the verdict is known, and the pause is
 * bounded by the quota, not by what a hoarder holds.
 */
#define TAG_VISITED     ((jlong) 1)
#define TAG_SIP_CLASS   ((jlong) 2)    /* on a Class object of the SIP's loader */
#define TAG_CLASS_CLASS ((jlong) 4)    /* on java.lang.Class: its instances are Class objects */
#define TAG_FOREIGN     ((jlong) 8)    /* on a class of the kernel or of another SIP: barrier */
#define TAG_SHARED      ((jlong) 16)   /* on a class whose instances are shared infrastructure */
#define TAG_SIP_THREAD  ((jlong) 32)   /* on a thread object of the SIP */
#define TAG_ROOTS       ((jlong) 64)   /* on the array of the SIP's threads and classes */
#define TAG_PRIM_ARRAY  ((jlong) 128)  /* on a primitive array class */
#define TAG_OBJ_ARRAY   ((jlong) 256)  /* on an object array class */
#define TAG_SIZED_EACH  ((jlong) 512)  /* on an instance class whose instances differ in size (a virtual thread's stack chunk) */
#define INDEX_SHIFT     16             /* a class's tag holds its index + 1 from here up */

typedef struct {
    jlong bytes;       /* everything counted */
    jlong foreign;     /* of which barrier objects: kernel's, other SIPs' */
    jlong objects;
    jlong tagged;      /* objects tagged to be counted once */
    jlong stopAbove;
    jboolean stopped;
    jlong *instanceSizes; /* by class index; 0 until an instance is reached */
} Census;

/* Counts one object; false once the count is past the bound (the walk then aborts). */
static jboolean count(Census *census, jlong size) {
    census->bytes += size;
    census->objects++;
    if (census->bytes > census->stopAbove) {
        census->stopped = JNI_TRUE;
        return JNI_FALSE;
    }
    return JNI_TRUE;
}

static jint JNICALL onReference(jvmtiHeapReferenceKind kind, const jvmtiHeapReferenceInfo *info, jlong classTag,
                                jlong referrerClassTag, jlong size, jlong *tag, jlong *referrerTag, jint length, void *data) {
    Census *census = (Census *) data;
    if (referrerTag == NULL) { /* a root: only the SIP's are followed */
        if (*tag == TAG_ROOTS) {
            return JVMTI_VISIT_OBJECTS; /* the array made here: followed, not counted */
        }
        jboolean ours = (kind == JVMTI_HEAP_REFERENCE_STACK_LOCAL && (info->stack_local.thread_tag & TAG_SIP_THREAD))
                || (kind == JVMTI_HEAP_REFERENCE_JNI_LOCAL && (info->jni_local.thread_tag & TAG_SIP_THREAD));
        if (!ours) {
            return 0;
        }
    } else if (kind == JVMTI_HEAP_REFERENCE_CLASS) {
        /* the referrer is being visited, and this is the one time: count an instance here */
        jlong index = referrerClassTag >> INDEX_SHIFT;
        if (index != 0 && !(referrerClassTag & (TAG_PRIM_ARRAY | TAG_OBJ_ARRAY | TAG_SIZED_EACH | TAG_CLASS_CLASS))
                && !count(census, census->instanceSizes[index - 1])) {
            return JVMTI_VISIT_ABORT;
        }
    }
    if (classTag & TAG_CLASS_CLASS) { /* a Class object: the SIP's are followed to their statics */
        if ((*tag & TAG_SIP_CLASS) && !(*tag & TAG_VISITED)) {
            *tag |= TAG_VISITED;
            return count(census, size) ? JVMTI_VISIT_OBJECTS : JVMTI_VISIT_ABORT;
        }
        return 0;
    }
    if ((classTag & TAG_SHARED) && !(*tag & TAG_SIP_THREAD)) {
        return 0;
    }
    if (classTag & TAG_PRIM_ARRAY) {
        return JVMTI_VISIT_OBJECTS; /* counted when visited, by onPrimitiveArray */
    }
    jlong index = classTag >> INDEX_SHIFT;
    if ((classTag & (TAG_FOREIGN | TAG_OBJ_ARRAY | TAG_SIZED_EACH)) || index == 0) {
        if (*tag & TAG_VISITED) {
            return 0;
        }
        *tag |= TAG_VISITED;
        census->tagged++;
        if (!count(census, size)) {
            return JVMTI_VISIT_ABORT;
        }
        if (classTag & TAG_FOREIGN) {
            census->foreign += size;
            return 0;
        }
        return JVMTI_VISIT_OBJECTS;
    }
    census->instanceSizes[index - 1] = size; /* every instance of a class has its size */
    return JVMTI_VISIT_OBJECTS;
}

static jint JNICALL onPrimitiveArray(jlong classTag, jlong size, jlong *tag, jint elements, jvmtiPrimitiveType type,
                                     const void *values, void *data) {
    return count((Census *) data, size) ? 0 : JVMTI_VISIT_ABORT;
}

/*
 * Counts what the SIP whose classes `loader` defined and whose threads are `threads` holds; stops
 * once past stopAbove. Classes of `kernel` (a loader) and of loaders of class `sipLoaders` other
 * than `loader` are barriers; `shared`: classes (and their subclasses) whose instances are shared
 * infrastructure; `sizedEach`: classes whose instances differ in size though they are no arrays. out[0] = bytes, out[1] = of which barrier objects, out[2] = objects, out[3] = 1
 * if stopped early, out[4] = nanoseconds the walk (the safepoint) took, out[5] = classes looked
 * at, out[6] = objects tagged, out[7] = nanoseconds spent tagging classes before the walk.
 * Returns 0, or a JVMTI error.
 */
JNIEXPORT jint JNICALL Java_singj_kernel_host_HostThreads_census(JNIEnv *env, jclass c, jobject loader, jobjectArray threads,
                                                               jobject kernel, jclass sipLoaders, jobjectArray shared,
                                                               jobjectArray sizedEach, jlong stopAbove, jlongArray out) {
    struct timespec begin, start, end;
    clock_gettime(CLOCK_MONOTONIC, &begin);
    JavaVM *vm;
    jvmtiEnv *walk;
    if ((*env)->GetJavaVM(env, &vm) != 0 || (*vm)->GetEnv(vm, (void **) &walk, JVMTI_VERSION_21) != JNI_OK) {
        return JVMTI_ERROR_INTERNAL;
    }
    jvmtiCapabilities wanted;
    memset(&wanted, 0, sizeof wanted);
    wanted.can_tag_objects = 1;
    jvmtiError error = (*walk)->AddCapabilities(walk, &wanted);
    jint classCount = 0;
    jclass *classes = NULL;
    if (error == JVMTI_ERROR_NONE) {
        error = (*walk)->GetLoadedClasses(walk, &classCount, &classes);
    }
    jlong *instanceSizes = error == JVMTI_ERROR_NONE ? calloc(classCount > 0 ? classCount : 1, sizeof(jlong)) : NULL;
    jclass classClass = (*env)->FindClass(env, "java/lang/Class");
    jclass objectClass = (*env)->FindClass(env, "java/lang/Object");
    if (error != JVMTI_ERROR_NONE || instanceSizes == NULL || classClass == NULL || objectClass == NULL) {
        if (classes != NULL) {
            (*walk)->Deallocate(walk, (unsigned char *) classes);
        }
        free(instanceSizes);
        (*walk)->DisposeEnvironment(walk);
        return error != JVMTI_ERROR_NONE ? error : JVMTI_ERROR_OUT_OF_MEMORY;
    }
    jint sharedCount = (*env)->GetArrayLength(env, shared);
    jint threadCount = (*env)->GetArrayLength(env, threads);
    jint sipClasses = 0;
    for (jint i = 0; i < classCount; i++) {
        jobject definer = NULL;
        jboolean isArray = JNI_FALSE;
        jlong tag = ((jlong) i + 1) << INDEX_SHIFT;
        if ((*walk)->GetClassLoader(walk, classes[i], &definer) != JVMTI_ERROR_NONE
                || (*walk)->IsArrayClass(walk, classes[i], &isArray) != JVMTI_ERROR_NONE) {
            (*env)->DeleteLocalRef(env, classes[i]);
            continue;
        }
        if (isArray) {
            char *signature = NULL;
            if ((*walk)->GetClassSignature(walk, classes[i], &signature, NULL) == JVMTI_ERROR_NONE) {
                /* [I, [B...: one bracket and a primitive letter */
                tag |= signature[1] != '[' && signature[1] != 'L' ? TAG_PRIM_ARRAY : TAG_OBJ_ARRAY;
                (*walk)->Deallocate(walk, (unsigned char *) signature);
            } else {
                tag |= TAG_OBJ_ARRAY;
            }
        }
        if (definer != NULL && (*env)->IsSameObject(env, definer, loader)) {
            tag |= TAG_SIP_CLASS;
        } else if (definer != NULL && ((*env)->IsSameObject(env, definer, kernel) || (*env)->IsInstanceOf(env, definer, sipLoaders))) {
            tag |= TAG_FOREIGN;
        } else if (!isArray) { /* the JDK's, the ABI's, contracts' */
            if ((*env)->IsSameObject(env, classes[i], classClass)) {
                tag |= TAG_CLASS_CLASS;
            }
            for (jint s = 0; s < (*env)->GetArrayLength(env, sizedEach); s++) {
                jobject each = (*env)->GetObjectArrayElement(env, sizedEach, s);
                if ((*env)->IsSameObject(env, classes[i], each)) {
                    tag |= TAG_SIZED_EACH;
                }
                (*env)->DeleteLocalRef(env, each);
            }
            for (jint s = 0; s < sharedCount; s++) {
                jclass infrastructure = (jclass) (*env)->GetObjectArrayElement(env, shared, s);
                jboolean is = (*env)->IsAssignableFrom(env, classes[i], infrastructure);
                (*env)->DeleteLocalRef(env, infrastructure);
                if (is) {
                    tag |= TAG_SHARED;
                    break;
                }
            }
        }
        if (definer != NULL) {
            (*env)->DeleteLocalRef(env, definer);
        }
        (*walk)->SetTag(walk, classes[i], tag);
        if (tag & TAG_SIP_CLASS) {
            classes[sipClasses++] = classes[i]; /* kept for the roots */
        } else {
            (*env)->DeleteLocalRef(env, classes[i]);
        }
    }
    jobjectArray roots = (*env)->NewObjectArray(env, sipClasses + threadCount, objectClass, NULL);
    jobject rootsRef = roots == NULL ? NULL : (*env)->NewGlobalRef(env, roots);
    (*env)->DeleteLocalRef(env, roots);
    (*env)->DeleteLocalRef(env, objectClass);
    (*env)->DeleteLocalRef(env, classClass);
    for (jint i = 0; i < sipClasses; i++) {
        if (rootsRef != NULL) {
            (*env)->SetObjectArrayElement(env, rootsRef, i, classes[i]);
        }
        (*env)->DeleteLocalRef(env, classes[i]);
    }
    (*walk)->Deallocate(walk, (unsigned char *) classes);
    if (rootsRef == NULL) {
        free(instanceSizes);
        (*walk)->DisposeEnvironment(walk);
        return JVMTI_ERROR_OUT_OF_MEMORY; /* an OutOfMemoryError is pending */
    }
    for (jint i = 0; i < threadCount; i++) {
        jobject thread = (*env)->GetObjectArrayElement(env, threads, i);
        (*walk)->SetTag(walk, thread, TAG_SIP_THREAD);
        (*env)->SetObjectArrayElement(env, rootsRef, sipClasses + i, thread);
        (*env)->DeleteLocalRef(env, thread);
    }
    (*walk)->SetTag(walk, rootsRef, TAG_ROOTS);
    Census census = { 0, 0, 0, 0, stopAbove, JNI_FALSE, instanceSizes };
    jvmtiHeapCallbacks callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.heap_reference_callback = onReference;
    callbacks.array_primitive_value_callback = onPrimitiveArray;
    clock_gettime(CLOCK_MONOTONIC, &start);
    error = (*walk)->FollowReferences(walk, 0, NULL, NULL, &callbacks, &census);
    clock_gettime(CLOCK_MONOTONIC, &end);
    (*env)->DeleteGlobalRef(env, rootsRef);
    (*walk)->DisposeEnvironment(walk);
    free(instanceSizes);
    jlong results[8] = { census.bytes, census.foreign, census.objects, census.stopped,
                         (end.tv_sec - start.tv_sec) * 1000000000L + (end.tv_nsec - start.tv_nsec), classCount,
                         census.tagged, (start.tv_sec - begin.tv_sec) * 1000000000L + (start.tv_nsec - begin.tv_nsec) };
    (*env)->SetLongArrayRegion(env, out, 0, 8, results);
    return error;
}
