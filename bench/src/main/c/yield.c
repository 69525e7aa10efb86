/*
 * yield OPS: a real switch between two threads of one process on one CPU, the honest
 * "thread yield" baseline (a lone sched_yield that returns to the same thread costs about a
 * third of it). Both threads are pinned to the first CPU the process may use (CPU 0 on an
 * unrestricted machine) and call sched_yield in a loop. A shared counter takes turns: thread 0
 * may only move it from even to odd, thread 1 from odd to even, so each step is a hand-over
 * that really happened (the other thread ran since this one's last step). ns_per_op is per
 * hand-over; ops is the steps the two threads counted in the measured window.
 */
#define _GNU_SOURCE
#include "baseline.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static _Atomic long long turns;     /* steps taken so far; its parity says whose step is next */
static long long measure_from;      /* the step that starts the measured window */
static long long measure_to;        /* the step that ends it */
static long long started_ns, ended_ns;

struct player {
    int parity;                     /* 0 or 1: the steps this thread may take */
    int cpu;
    long long measured_steps;
    pthread_t thread;
};

static void pin_to(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    CHECK_ERR(pthread_setaffinity_np(pthread_self(), sizeof set, &set));
    if (sched_getcpu() != cpu) {
        fail_because("a thread pinned to one CPU runs on another");
    }
}

static void *play(void *arg) {
    struct player *me = arg;
    pin_to(me->cpu);
    for (;;) {
        long long taken = atomic_load(&turns);
        if (taken >= measure_to) {
            return NULL;
        }
        if ((taken & 1) == me->parity) {
            /* the other thread has stepped since this one did: one hand-over */
            long long next = taken + 1;
            if (next == measure_from) {
                started_ns = now_ns();
            } else if (next == measure_to) {
                ended_ns = now_ns();
            }
            if (taken >= measure_from) {
                me->measured_steps++;
            }
            atomic_store(&turns, next);
        }
        CHECK(sched_yield());
    }
}

/* The first CPU this process is allowed to run on. */
static int first_allowed_cpu(void) {
    cpu_set_t allowed;
    CHECK(sched_getaffinity(0, sizeof allowed, &allowed));
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &allowed)) {
            return cpu;
        }
    }
    fail_because("the process may run on no CPU");
    return -1;
}

int main(int argc, char **argv) {
    long long ops = parse_ops(argc, argv, 0, "OPS");
    measure_from = warmup_ops(ops);
    measure_to = measure_from + ops;
    int cpu = first_allowed_cpu();
    struct player players[2] = {{.parity = 0, .cpu = cpu}, {.parity = 1, .cpu = cpu}};
    for (int i = 0; i < 2; i++) {
        CHECK_ERR(pthread_create(&players[i].thread, NULL, play, &players[i]));
    }
    for (int i = 0; i < 2; i++) {
        CHECK_ERR(pthread_join(players[i].thread, NULL));
    }
    report(ended_ns - started_ns, players[0].measured_steps + players[1].measured_steps);
    return 0;
}
