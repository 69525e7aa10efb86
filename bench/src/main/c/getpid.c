/*
 * getpid OPS: the cheapest real system call, the floor of any user-kernel round trip.
 * syscall(SYS_getpid) rather than getpid(), which a libc may answer from a cache without
 * entering the kernel. ns_per_op is per call.
 */
#define _GNU_SOURCE
#include "baseline.h"
#include <sys/syscall.h>
#include <unistd.h>

/* Makes n calls; returns how many answered with the expected pid (all of them, or it fails). */
static long long calls(long long n, long expected) {
    long long answered = 0;
    for (long long i = 0; i < n; i++) {
        long pid = syscall(SYS_getpid);
        if (pid == -1) {
            fail("syscall(SYS_getpid)", errno);
        }
        answered += pid == expected;
    }
    return answered;
}

int main(int argc, char **argv) {
    long long ops = parse_ops(argc, argv, 0, "OPS");
    long expected = (long) getpid();
    calls(warmup_ops(ops), expected);
    long long start = now_ns();
    long long answered = calls(ops, expected);
    long long elapsed = now_ns() - start;
    if (answered != ops) {
        fail_because("syscall(SYS_getpid) answered with another pid");
    }
    report(elapsed, answered);
    return 0;
}
