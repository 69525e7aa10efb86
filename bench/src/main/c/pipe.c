/*
 * pipe OPS BYTES: a round trip between two processes over two pipes, BYTES each way (the
 * message is read and written in full, in as many calls as the pipe needs). The parent puts a
 * sequence number in each message; the child echoes the message with the number plus one, so
 * each reply the parent checks is a round trip that really happened. ns_per_op is per round
 * trip; ops is the replies that checked out.
 */
#define _GNU_SOURCE
#include "baseline.h"
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

/* Reads exactly n bytes; returns false if the pipe was closed before the first byte. */
static bool read_fully(int fd, char *buffer, size_t n) {
    size_t done = 0;
    while (done < n) {
        ssize_t got = read(fd, buffer + done, n - done);
        if (got == -1) {
            if (errno == EINTR) {
                continue;
            }
            fail("read", errno);
        }
        if (got == 0) {
            if (done == 0) {
                return false;
            }
            fail_because("the pipe closed in the middle of a message");
        }
        done += (size_t) got;
    }
    return true;
}

static void write_fully(int fd, const char *buffer, size_t n) {
    size_t done = 0;
    while (done < n) {
        ssize_t put = write(fd, buffer + done, n - done);
        if (put == -1) {
            if (errno == EINTR) {
                continue;
            }
            fail("write", errno);
        }
        done += (size_t) put;
    }
}

/* The child: echoes every message, sequence number plus one, until the parent closes its pipe. */
static void echo(int from_parent, int to_parent, char *buffer, size_t bytes) {
    while (read_fully(from_parent, buffer, bytes)) {
        uint64_t sequence;
        memcpy(&sequence, buffer, sizeof sequence);
        sequence++;
        memcpy(buffer, &sequence, sizeof sequence);
        write_fully(to_parent, buffer, bytes);
    }
}

/* The parent: n round trips numbered from first; returns how many replies checked out. */
static long long round_trips(int to_child, int from_child, char *buffer, size_t bytes,
                             uint64_t first, long long n) {
    long long answered = 0;
    for (uint64_t sequence = first; sequence < first + (uint64_t) n; sequence++) {
        memcpy(buffer, &sequence, sizeof sequence);
        write_fully(to_child, buffer, bytes);
        if (!read_fully(from_child, buffer, bytes)) {
            fail_because("the child closed its pipe (see its message above)");
        }
        uint64_t reply;
        memcpy(&reply, buffer, sizeof reply);
        if (reply != sequence + 1) {
            fail_because("a reply did not answer the message just sent");
        }
        answered++;
    }
    return answered;
}

int main(int argc, char **argv) {
    long long ops = parse_ops(argc, argv, 1, "OPS BYTES");
    char *end;
    long long bytes = strtoll(argv[2], &end, 10);
    if (*end != '\0' || bytes < (long long) sizeof(uint64_t) || bytes > (1LL << 30)) {
        fprintf(stderr, "%s: BYTES must be between %zu and 2^30\n", baseline_name, sizeof(uint64_t));
        return 2;
    }
    char *buffer = calloc(1, (size_t) bytes);
    if (buffer == NULL) {
        fail("calloc", errno);
    }
    /* a child that dies makes our writes fail with EPIPE, reported, rather than kill us silently */
    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
        fail("signal(SIGPIPE)", errno);
    }
    int to_child[2], to_parent[2];
    CHECK(pipe(to_child));
    CHECK(pipe(to_parent));
    CHECK(fflush(stdout));
    pid_t child = fork();
    CHECK(child);
    if (child == 0) {
        CHECK(close(to_child[1]));
        CHECK(close(to_parent[0]));
        echo(to_child[0], to_parent[1], buffer, (size_t) bytes);
        _exit(0);
    }
    CHECK(close(to_child[0]));
    CHECK(close(to_parent[1]));
    long long warmup = warmup_ops(ops);
    round_trips(to_child[1], to_parent[0], buffer, (size_t) bytes, 0, warmup);
    long long start = now_ns();
    long long answered = round_trips(to_child[1], to_parent[0], buffer, (size_t) bytes, (uint64_t) warmup, ops);
    long long elapsed = now_ns() - start;
    CHECK(close(to_child[1]));  /* the child reads end of file and exits */
    int status;
    CHECK(waitpid(child, &status, 0));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fail_because("the child did not exit cleanly");
    }
    report(elapsed, answered);
    return 0;
}
