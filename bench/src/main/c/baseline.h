/*
 * What every Linux baseline shares: reading its arguments, checking system calls, the clock,
 * and the one line of output SingJ's NativeBaselines parses:
 *
 *     ns_per_op=1234.5 ops=100000
 *
 * "ops" is what the program counted actually happening (a reply that came back, a child that
 * was reaped), not the number it was asked for, so a caller can tell a real measurement from
 * an empty loop. Every baseline runs a warm-up of a tenth of its operations first.
 */
#ifndef SINGJ_BASELINE_H
#define SINGJ_BASELINE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *baseline_name = "baseline";

/* Reports a failed call with the error number it gave, and ends the program. */
static inline void fail(const char *what, int err) {
    fprintf(stderr, "%s: %s failed: %s\n", baseline_name, what, strerror(err));
    exit(1);
}

/* Reports something that went wrong without an error number, and ends the program. */
static inline void fail_because(const char *why) {
    fprintf(stderr, "%s: %s\n", baseline_name, why);
    exit(1);
}

/* For calls that return -1 and set errno. */
#define CHECK(call) do { if ((call) == -1) fail(#call, errno); } while (0)
/* For calls that return an error number (pthreads, posix_spawn). */
#define CHECK_ERR(call) do { int err_ = (call); if (err_ != 0) fail(#call, err_); } while (0)

static inline long long now_ns(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        fail("clock_gettime(CLOCK_MONOTONIC)", errno);
    }
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Checks there are exactly 1 + extra arguments, the first a positive operation count, and
 * returns it; otherwise prints the usage line and exits with 2.
 */
static inline long long parse_ops(int argc, char **argv, int extra, const char *usage) {
    baseline_name = argv[0];
    const char *slash = strrchr(argv[0], '/');
    if (slash != NULL) {
        baseline_name = slash + 1;
    }
    if (argc == 2 + extra) {
        char *end;
        errno = 0;
        long long ops = strtoll(argv[1], &end, 10);
        if (errno == 0 && *end == '\0' && end != argv[1] && ops > 0) {
            return ops;
        }
    }
    fprintf(stderr, "usage: %s %s (OPS: a positive integer)\n", baseline_name, usage);
    exit(2);
}

static inline long long warmup_ops(long long ops) {
    return ops / 10 > 0 ? ops / 10 : 1;
}

static inline void report(long long elapsed_ns, long long ops) {
    if (ops <= 0) {
        fail_because("no operation completed");
    }
    printf("ns_per_op=%.1f ops=%lld\n", (double) elapsed_ns / (double) ops, ops);
    if (fflush(stdout) != 0) {
        fail("writing the result", errno);
    }
}

#endif
