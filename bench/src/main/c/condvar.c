/*
 * condvar OPS: two threads ping-ponging through a mutex and two condition variables, the
 * classic blocking hand-over between threads (here free to run on different CPUs). The pinger
 * gives the turn to the ponger and waits on its condition until the turn comes back; the ponger
 * counts each turn it hands back. ns_per_op is per round trip; ops is the ponger's count.
 */
#define _GNU_SOURCE
#include "baseline.h"
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pinger_wakes = PTHREAD_COND_INITIALIZER;
static pthread_cond_t ponger_wakes = PTHREAD_COND_INITIALIZER;
/* all guarded by lock */
static bool pongers_turn;
static bool finished;
static long long answered;

static void *ponger(void *unused) {
    (void) unused;
    CHECK_ERR(pthread_mutex_lock(&lock));
    for (;;) {
        while (!pongers_turn && !finished) {
            CHECK_ERR(pthread_cond_wait(&ponger_wakes, &lock));
        }
        if (!pongers_turn) {
            break;
        }
        pongers_turn = false;
        answered++;
        CHECK_ERR(pthread_cond_signal(&pinger_wakes));
    }
    CHECK_ERR(pthread_mutex_unlock(&lock));
    return NULL;
}

/* Called with lock held. */
static void round_trips(long long n) {
    for (long long i = 0; i < n; i++) {
        pongers_turn = true;
        CHECK_ERR(pthread_cond_signal(&ponger_wakes));
        while (pongers_turn) {
            CHECK_ERR(pthread_cond_wait(&pinger_wakes, &lock));
        }
    }
}

int main(int argc, char **argv) {
    long long ops = parse_ops(argc, argv, 0, "OPS");
    pthread_t thread;
    CHECK_ERR(pthread_create(&thread, NULL, ponger, NULL));
    CHECK_ERR(pthread_mutex_lock(&lock));
    round_trips(warmup_ops(ops));
    long long answered_before = answered;
    long long start = now_ns();
    round_trips(ops);
    long long elapsed = now_ns() - start;
    long long measured = answered - answered_before;
    finished = true;
    CHECK_ERR(pthread_cond_signal(&ponger_wakes));
    CHECK_ERR(pthread_mutex_unlock(&lock));
    CHECK_ERR(pthread_join(thread, NULL));
    report(elapsed, measured);
    return 0;
}
