/*
 * spawn OPS PROGRAM: starting a process and reaping it, posix_spawn of PROGRAM (the tiny exit0,
 * which does nothing and succeeds) then waitpid until it has exited. ns_per_op is per
 * spawn and reap; ops is the children reaped with exit status 0.
 */
#define _GNU_SOURCE
#include "baseline.h"
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

static long long spawn_and_reap(const char *program, long long n) {
    char *child_argv[] = {(char *) program, NULL};
    long long reaped = 0;
    for (long long i = 0; i < n; i++) {
        pid_t child;
        int err = posix_spawn(&child, program, NULL, NULL, child_argv, environ);
        if (err != 0) {
            fprintf(stderr, "%s: posix_spawn of %s failed: %s\n", baseline_name, program, strerror(err));
            exit(1);
        }
        int status;
        while (waitpid(child, &status, 0) == -1) {
            if (errno != EINTR) {
                fail("waitpid", errno);
            }
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "%s: %s did not exit with status 0 (wait status %d)\n", baseline_name, program, status);
            exit(1);
        }
        reaped++;
    }
    return reaped;
}

int main(int argc, char **argv) {
    long long ops = parse_ops(argc, argv, 1, "OPS PROGRAM");
    const char *program = argv[2];
    spawn_and_reap(program, warmup_ops(ops));
    long long start = now_ns();
    long long reaped = spawn_and_reap(program, ops);
    long long elapsed = now_ns() - start;
    report(elapsed, reaped);
    return 0;
}
