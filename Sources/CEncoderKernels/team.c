// A team of two threads for one forward pass: the caller and one persistent worker. A job is a number of
// chunks; both threads claim chunks from one atomic word until none is left, so if the worker is slow to
// wake (or its core is busy) the caller simply does the whole job. The worker spins briefly between jobs
// (a query hands over about 30 jobs, microseconds apart) and sleeps on a futex after that.
#define _GNU_SOURCE
#include "team.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

// The claim word: generation (32 bits) | chunk count (16 bits) | next chunk (16 bits). A thread claims chunk
// i by a compare-and-swap from (g, n, i) to (g, n, i + 1), which fails if a new job was published meanwhile.
#define CLAIM(gen, count, next) (((uint64_t)(gen) << 32) | ((uint64_t)(count) << 16) | (uint64_t)(next))
#define CLAIM_GEN(w) ((uint32_t)((w) >> 32))
#define CLAIM_COUNT(w) ((uint32_t)(((w) >> 16) & 0xFFFF))
#define CLAIM_NEXT(w) ((uint32_t)((w)&0xFFFF))

#define QENC_STALL_US 300       // a wait for the worker this long counts as a stall
#define QENC_STALL_PENALTY 50   // forward passes run single-threaded after a stall

struct qenc_team {
    uint64_t claim;            // atomic: the current job's claim word
    uint32_t generation;       // atomic: futex word, the current job's generation
    uint32_t done;             // atomic: chunks of the current job finished
    int sleeping;              // atomic: the worker is (about to be) in futex_wait
    int stop;                  // atomic: the worker must exit
    int busy;                  // atomic: a caller holds the team
    unsigned long worker_chunks;  // atomic: chunks run by the worker
    int penalty;               // atomic: forward passes left to run without the worker after a stall
    // The job. Written by the caller before it publishes the claim word, read by the worker only after
    // it claimed a chunk of that job (the job cannot change before the claimed chunk is done).
    void (*fn)(void *ctx, size_t chunk);
    void *ctx;
    unsigned spin_us;
    pthread_t thread;
};

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static uint64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

// The team needs futexes (Linux); elsewhere qenc_team_create returns NULL and queries run on one thread.
#if defined(__linux__)
static void futex_wait(uint32_t *word, uint32_t expected) {
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake(uint32_t *word) { syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0); }
#else
static void futex_wait(uint32_t *word, uint32_t expected) { (void)word; (void)expected; }
static void futex_wake(uint32_t *word) { (void)word; }
#endif

/// Claims and runs chunks of the published job until none is left. Returns the chunks run.
static unsigned long work(qenc_team *t) {
    unsigned long ran = 0;
    uint64_t w = __atomic_load_n(&t->claim, __ATOMIC_ACQUIRE);
    while (CLAIM_NEXT(w) < CLAIM_COUNT(w)) {
        if (!__atomic_compare_exchange_n(&t->claim, &w, w + 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) continue;
        t->fn(t->ctx, CLAIM_NEXT(w));
        __atomic_fetch_add(&t->done, 1, __ATOMIC_RELEASE);
        ran++;
        w = __atomic_load_n(&t->claim, __ATOMIC_ACQUIRE);
    }
    return ran;
}

static int has_work(qenc_team *t) {
    uint64_t w = __atomic_load_n(&t->claim, __ATOMIC_SEQ_CST);
    return CLAIM_NEXT(w) < CLAIM_COUNT(w);
}

static void *worker_main(void *arg) {
    qenc_team *t = arg;
    while (!__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE)) {
        unsigned long ran = work(t);
        if (ran) __atomic_fetch_add(&t->worker_chunks, ran, __ATOMIC_RELAXED);
        // Spin for the next job, then sleep until the generation changes.
        uint64_t start = now_us();
        int found = 0;
        for (unsigned i = 1; !found; i++) {
            if (has_work(t) || __atomic_load_n(&t->stop, __ATOMIC_ACQUIRE)) found = 1;
            else if ((i & 63) == 0 && now_us() - start >= t->spin_us) break;
            else cpu_relax();
        }
        if (found) continue;
        uint32_t gen = __atomic_load_n(&t->generation, __ATOMIC_SEQ_CST);
        __atomic_store_n(&t->sleeping, 1, __ATOMIC_SEQ_CST);
        if (!has_work(t) && !__atomic_load_n(&t->stop, __ATOMIC_SEQ_CST)) futex_wait(&t->generation, gen);
        __atomic_store_n(&t->sleeping, 0, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

qenc_team *qenc_team_create(unsigned spin_us) {
#if !defined(__linux__)
    (void)spin_us;
    return NULL;
#endif
    qenc_team *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->spin_us = spin_us;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) { free(t); return NULL; }
    pthread_attr_setstacksize(&attr, 256 * 1024);  // the kernels keep at most a few KB on the stack
    int status = pthread_create(&t->thread, &attr, worker_main, t);
    pthread_attr_destroy(&attr);
    if (status != 0) { free(t); return NULL; }
#if defined(__linux__)
    pthread_setname_np(t->thread, "quiver-encoder");  // as top -H and profilers show it
#endif
    return t;
}

void qenc_team_destroy(qenc_team *t) {
    if (!t) return;
    __atomic_store_n(&t->stop, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&t->generation, 1, __ATOMIC_SEQ_CST);
    futex_wake(&t->generation);
    pthread_join(t->thread, NULL);
    free(t);
}

int qenc_team_try_acquire(qenc_team *t) {
    if (!t) return 0;
    if (__atomic_load_n(&t->penalty, __ATOMIC_RELAXED) > 0) {
        __atomic_fetch_sub(&t->penalty, 1, __ATOMIC_RELAXED);
        return 0;
    }
    return !__atomic_exchange_n(&t->busy, 1, __ATOMIC_ACQUIRE);
}

void qenc_team_release(qenc_team *t) {
    if (t) __atomic_store_n(&t->busy, 0, __ATOMIC_RELEASE);
}

unsigned long qenc_team_worker_chunks(qenc_team *t) {
    return t ? __atomic_load_n(&t->worker_chunks, __ATOMIC_RELAXED) : 0;
}

void qenc_team_run(qenc_team *t, size_t chunks, void (*fn)(void *ctx, size_t chunk), void *ctx) {
    if (!t || chunks < 2 || chunks > 0xFFFF) {
        for (size_t c = 0; c < chunks; c++) fn(ctx, c);
        return;
    }
    // The previous job is finished (done == count), so the worker touches neither the job nor `done`.
    t->fn = fn;
    t->ctx = ctx;
    __atomic_store_n(&t->done, 0, __ATOMIC_RELAXED);
    uint32_t gen = __atomic_load_n(&t->generation, __ATOMIC_RELAXED) + 1;
    __atomic_store_n(&t->claim, CLAIM(gen, chunks, 0), __ATOMIC_SEQ_CST);
    __atomic_store_n(&t->generation, gen, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&t->sleeping, __ATOMIC_SEQ_CST)) futex_wake(&t->generation);
    work(t);
    // A chunk takes tens of microseconds. Waiting much longer for the worker's last one means it was
    // preempted (the other core is busy): then the next forward passes run without it, since a preempted
    // worker would hold each of them up by a scheduler time slice.
    uint64_t start = 0;
    for (unsigned spins = 1; __atomic_load_n(&t->done, __ATOMIC_ACQUIRE) < chunks; spins++) {
        cpu_relax();
        if ((spins & 255) != 0) continue;
        uint64_t now = now_us();
        if (!start) start = now;
        else if (now - start > QENC_STALL_US) __atomic_store_n(&t->penalty, QENC_STALL_PENALTY, __ATOMIC_RELAXED);
    }
}
