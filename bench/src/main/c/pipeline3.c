/*
 * pipeline3 BATCHES SMALL BLOCKS: the Figure 5 workload as plain Linux processes (no SingJ):
 * source (this process) -> filter -> sink, each a process, each link two pipes (the message down,
 * an 8-byte acknowledgement up). Per batch, SMALL 64-byte messages, then BLOCKS 1 MiB blocks,
 * each acknowledged from the sink before the next; the filter changes each message (a 64-byte
 * one's first and last words, a block's first word) and the sink answers with a value that
 * depends on it, which the source checks. Prints "small-ns N block-ns N" per batch, as SingJ's
 * StageSource does. The first batch is a warm-up and is not printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SMALL_BYTES 64
#define BLOCK_BYTES (1 << 20)

static void die(const char *what) {
    fprintf(stderr, "pipeline3: %s: %s\n", what, strerror(errno));
    exit(2);
}

static int read_fully(int fd, void *buffer, size_t n) {
    size_t done = 0;
    while (done < n) {
        ssize_t got = read(fd, (char *) buffer + done, n - done);
        if (got == -1) {
            if (errno == EINTR) continue;
            die("read");
        }
        if (got == 0) return done == 0 ? 0 : (errno = EPIPE, die("a message cut short"), 0);
        done += (size_t) got;
    }
    return 1;
}

static void write_fully(int fd, const void *buffer, size_t n) {
    size_t done = 0;
    while (done < n) {
        ssize_t put = write(fd, (const char *) buffer + done, n - done);
        if (put == -1) {
            if (errno == EINTR) continue;
            die("write");
        }
        done += (size_t) put;
    }
}

/* A message: one byte of kind ('S' small, 'B' block, 'E' end), then its payload. */
static void stage(int from_up, int to_up, int to_down, int from_down, int is_sink) {
    char *buffer = malloc(BLOCK_BYTES);
    char kind;
    while (read_fully(from_up, &kind, 1)) {
        uint64_t ack;
        if (kind == 'E') {
            if (!is_sink) write_fully(to_down, &kind, 1);
            break;
        }
        size_t bytes = kind == 'S' ? SMALL_BYTES : BLOCK_BYTES;
        read_fully(from_up, buffer, bytes);
        if (is_sink) {
            uint64_t first, last;
            memcpy(&first, buffer, 8);
            memcpy(&last, buffer + SMALL_BYTES - 8, 8);
            ack = kind == 'S' ? first + last : (uint64_t) *(int32_t *) buffer;
        } else {
            if (kind == 'S') {
                ((uint64_t *) buffer)[0]++;
                ((uint64_t *) buffer)[SMALL_BYTES / 8 - 1]++;
            } else {
                (*(int32_t *) buffer)++;
            }
            write_fully(to_down, &kind, 1);
            write_fully(to_down, buffer, bytes);
            read_fully(from_down, &ack, sizeof ack);
        }
        write_fully(to_up, &ack, sizeof ack);
    }
    exit(0);
}

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: pipeline3 BATCHES SMALL BLOCKS\n");
        return 2;
    }
    int batches = atoi(argv[1]), small = atoi(argv[2]), blocks = atoi(argv[3]);
    int down1[2], up1[2], down2[2], up2[2];
    if (pipe(down1) || pipe(up1) || pipe(down2) || pipe(up2)) die("pipe");
    if (fork() == 0) { /* the sink */
        stage(down2[0], up2[1], -1, -1, 1);
    }
    if (fork() == 0) { /* the filter */
        stage(down1[0], up1[1], down2[1], up2[0], 0);
    }
    char *buffer = calloc(1, BLOCK_BYTES);
    for (int batch = 0; batch <= batches; batch++) {
        long long start = now();
        for (uint64_t i = 0; i < (uint64_t) small; i++) {
            ((uint64_t *) buffer)[0] = i;
            ((uint64_t *) buffer)[SMALL_BYTES / 8 - 1] = i;
            char kind = 'S';
            uint64_t ack;
            write_fully(down1[1], &kind, 1);
            write_fully(down1[1], buffer, SMALL_BYTES);
            read_fully(up1[0], &ack, sizeof ack);
            if (ack != 2 * i + 2) { errno = EPROTO; die("a wrong acknowledgement"); }
        }
        long long middle = now();
        for (int i = 0; i < blocks; i++) {
            *(int32_t *) buffer = i;
            char kind = 'B';
            uint64_t ack;
            write_fully(down1[1], &kind, 1);
            write_fully(down1[1], buffer, BLOCK_BYTES);
            read_fully(up1[0], &ack, sizeof ack);
            if (ack != (uint64_t) i + 1) { errno = EPROTO; die("a wrong acknowledgement"); }
        }
        long long end = now();
        if (batch > 0) {
            printf("small-ns %lld block-ns %lld\n", (middle - start) / small, (end - middle) / blocks);
            fflush(stdout);
        }
    }
    char end = 'E';
    write_fully(down1[1], &end, 1);
    while (wait(NULL) > 0) {}
    return 0;
}
