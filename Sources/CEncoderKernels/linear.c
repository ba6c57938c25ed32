// Linear layers and attention for few rows. cblas_sgemm packs the weight matrix on every call, which for a
// 13-token query costs about as much as the product itself; here the weights are packed once at load into
// panels of 16 output features (k × 16 floats each, read front to back), and a tile of up to 14 rows × 2
// panels accumulates in registers while the panels stream through once. X is first transposed into row
// blocks so that each k step reads the block's inputs from one small contiguous run.
// Paths: AVX-512 (14 rows × 32 features), AVX2 + FMA (6 × 16), portable C (4 × 16), chosen at run time.
#include "team.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define QENC_X86 1
#endif

#ifndef QENC_PREFETCH
#define QENC_PREFETCH 64  // rows of a panel (64 bytes each) to prefetch ahead
#endif

#ifndef QENC_BATCH_ROWS
#define QENC_BATCH_ROWS 64  // products of this many rows or more use qenc_batch_path()
#endif

#ifndef QENC_CHUNKS
#define QENC_CHUNKS 16
#endif

enum { PATH_PORTABLE = 1, PATH_AVX2 = 2, PATH_AVX512 = 3 };
static int forced_path = 0;  // atomic; tests set it

void qenc_force_path(int path) { __atomic_store_n(&forced_path, path, __ATOMIC_RELAXED); }

static int best_path(void) {
#ifdef QENC_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return PATH_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return PATH_AVX2;
#endif
    return PATH_PORTABLE;
}

int qenc_path(void) {
    static int best = 0;  // atomic; computed once
    int b = __atomic_load_n(&best, __ATOMIC_RELAXED);
    if (!b) {
        b = best_path();
        __atomic_store_n(&best, b, __ATOMIC_RELAXED);
    }
    int forced = __atomic_load_n(&forced_path, __ATOMIC_RELAXED);
    return forced > 0 && forced < b ? forced : b;
}

/// Rows per block (registers hold a block's accumulators).
static size_t block_rows(int path) { return path == PATH_AVX512 ? 14 : path == PATH_AVX2 ? 6 : 4; }

size_t qenc_packed_count(size_t n, size_t k) { return (n + QENC_PANEL - 1) / QENC_PANEL * QENC_PANEL * k; }

size_t qenc_scratch_count(size_t rows, size_t k) { return rows * k; }

void qenc_pack(const float *w, size_t rows, size_t k, size_t first, float *packed) {
    for (size_t r = 0; r < rows; r++) {
        size_t f = first + r;
        float *panel = packed + f / QENC_PANEL * QENC_PANEL * k + f % QENC_PANEL;
        const float *src = w + r * k;
        for (size_t i = 0; i < k; i++) panel[i * QENC_PANEL] = src[i];
    }
}

// ---- GELU ----

/// e^x, relative error about 2e-7 (Cephes expf: n = round(x / ln 2), degree-6 polynomial on the rest, 2^n
/// through the exponent bits). Written without calls or branches so that loops over it vectorise.
static inline __attribute__((always_inline)) float exp_approx(float x) {
    x = x < -87.0f ? -87.0f : x > 88.0f ? 88.0f : x;
    float n = (x * 1.44269504f + 12582912.0f) - 12582912.0f;  // round to nearest (|x / ln 2| < 2^22)
    float r = x - n * 0.693359375f + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float y = p * r * r + r + 1.0f;
    int32_t bits = ((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return y * scale;
}

/// x · ½ · (1 + erf(x / √2)), BERT's exact GELU; erf by Abramowitz and Stegun 7.1.26 (error < 1.5e-7).
static inline __attribute__((always_inline)) float gelu1(float x) {
    float z = x * 0.70710678f;
    float a = z < 0 ? -z : z;
    float t = 1.0f / (1.0f + 0.3275911f * a);
    float p = ((((1.061405429f * t - 1.453152027f) * t + 1.421413741f) * t - 0.284496736f) * t + 0.254829592f) * t;
    float erf = 1.0f - p * exp_approx(-a * a);
    return 0.5f * x * (1.0f + (z < 0 ? -erf : erf));
}

static void gelu_portable(float *x, size_t count) {
    for (size_t i = 0; i < count; i++) x[i] = gelu1(x[i]);
}
#ifdef QENC_X86
__attribute__((target("avx2,fma"))) static void gelu_avx2(float *x, size_t count) {
    for (size_t i = 0; i < count; i++) x[i] = gelu1(x[i]);
}
__attribute__((target("avx512f"))) static void gelu_avx512(float *x, size_t count) {
    for (size_t i = 0; i < count; i++) x[i] = gelu1(x[i]);
}
#endif

// ---- softmax over rows (attention scores of sequences too long for qenc_attention) ----

/// Without -ffast-math a compiler keeps a float reduction in order, one element at a time, and a loop that
/// holds one is not vectorised at all; so the maximum and the sum are kept in 16 lanes by hand, and e^x runs
/// in a loop of its own.
static inline __attribute__((always_inline)) void softmax_body(float *x, size_t rows, size_t cols, size_t ld) {
    enum { L = 16 };
    for (size_t r = 0; r < rows; r++) {
        float *restrict p = x + r * ld;
        float lanes[L];
        for (int l = 0; l < L; l++) lanes[l] = p[0];
        size_t c = 0;
        for (; c + L <= cols; c += L)
            for (int l = 0; l < L; l++) lanes[l] = p[c + l] > lanes[l] ? p[c + l] : lanes[l];
        float maximum = p[0];
        for (int l = 0; l < L; l++) maximum = lanes[l] > maximum ? lanes[l] : maximum;
        for (; c < cols; c++) maximum = p[c] > maximum ? p[c] : maximum;
        for (size_t i = 0; i < cols; i++) p[i] = exp_approx(p[i] - maximum);
        for (int l = 0; l < L; l++) lanes[l] = 0;
        for (c = 0; c + L <= cols; c += L)
            for (int l = 0; l < L; l++) lanes[l] += p[c + l];
        float sum = 0;
        for (int l = 0; l < L; l++) sum += lanes[l];
        for (; c < cols; c++) sum += p[c];
        float inv = 1 / sum;
        for (size_t i = 0; i < cols; i++) p[i] *= inv;
    }
}

static void softmax_portable(float *x, size_t rows, size_t cols, size_t ld) { softmax_body(x, rows, cols, ld); }
#ifdef QENC_X86
__attribute__((target("avx2,fma"))) static void softmax_avx2(float *x, size_t rows, size_t cols, size_t ld) {
    softmax_body(x, rows, cols, ld);
}
__attribute__((target("avx512f"))) static void softmax_avx512(float *x, size_t rows, size_t cols, size_t ld) {
    softmax_body(x, rows, cols, ld);
}
#endif

void qenc_softmax_rows(float *x, size_t rows, size_t cols, size_t ld) {
    if (rows == 0 || cols == 0) return;
#ifdef QENC_X86
    int path = qenc_path();
    if (path == PATH_AVX512) { softmax_avx512(x, rows, cols, ld); return; }
    if (path == PATH_AVX2) { softmax_avx2(x, rows, cols, ld); return; }
#endif
    softmax_portable(x, rows, cols, ld);
}

static void gelu_path(int path, float *x, size_t count) {
#ifdef QENC_X86
    if (path == PATH_AVX512) { gelu_avx512(x, count); return; }
    if (path == PATH_AVX2) { gelu_avx2(x, count); return; }
#endif
    (void)path;
    gelu_portable(x, count);
}

void qenc_gelu(float *x, size_t count) { gelu_path(qenc_path(), x, count); }

// ---- tiles: y[m][0 ..< 16·np] += Σ_i xb[i·MR + m] · panel_j[i][·] for m < MR ----

#ifdef QENC_X86
__attribute__((target("avx512f"), always_inline)) static inline void
tile512(const float *xb, size_t k, const float *w, float *y, size_t ldy, const int MR, const int NP) {
    __m512 acc[14][2];
    for (int m = 0; m < MR; m++)
        for (int j = 0; j < NP; j++) acc[m][j] = _mm512_loadu_ps(y + m * ldy + 16 * j);
    const float *w1 = w + k * QENC_PANEL;
    for (size_t i = 0; i < k; i++) {
        // The weights come from memory once per query: ask for them well ahead of use.
        _mm_prefetch((const char *)(w + (i + QENC_PREFETCH) * QENC_PANEL), _MM_HINT_T0);
        if (NP > 1) _mm_prefetch((const char *)(w1 + (i + QENC_PREFETCH) * QENC_PANEL), _MM_HINT_T0);
        __m512 a = _mm512_loadu_ps(w + i * QENC_PANEL);
        __m512 b = NP > 1 ? _mm512_loadu_ps(w1 + i * QENC_PANEL) : a;
        const float *xi = xb + i * MR;
        for (int m = 0; m < MR; m++) {
            __m512 x = _mm512_set1_ps(xi[m]);
            acc[m][0] = _mm512_fmadd_ps(x, a, acc[m][0]);
            if (NP > 1) acc[m][1] = _mm512_fmadd_ps(x, b, acc[m][1]);
        }
    }
    for (int m = 0; m < MR; m++)
        for (int j = 0; j < NP; j++) _mm512_storeu_ps(y + m * ldy + 16 * j, acc[m][j]);
}

__attribute__((target("avx2,fma"), always_inline)) static inline void
tile256(const float *xb, size_t k, const float *w, float *y, size_t ldy, const int MR) {
    __m256 acc[6][2];
    for (int m = 0; m < MR; m++) {
        acc[m][0] = _mm256_loadu_ps(y + m * ldy);
        acc[m][1] = _mm256_loadu_ps(y + m * ldy + 8);
    }
    for (size_t i = 0; i < k; i++) {
        __m256 a = _mm256_loadu_ps(w + i * QENC_PANEL);
        __m256 b = _mm256_loadu_ps(w + i * QENC_PANEL + 8);
        const float *xi = xb + i * MR;
        for (int m = 0; m < MR; m++) {
            __m256 x = _mm256_broadcast_ss(xi + m);
            acc[m][0] = _mm256_fmadd_ps(x, a, acc[m][0]);
            acc[m][1] = _mm256_fmadd_ps(x, b, acc[m][1]);
        }
    }
    for (int m = 0; m < MR; m++) {
        _mm256_storeu_ps(y + m * ldy, acc[m][0]);
        _mm256_storeu_ps(y + m * ldy + 8, acc[m][1]);
    }
}

// One function per block height, so that the accumulators are registers.
#define TILE512(MR)                                                                                        \
    __attribute__((target("avx512f"))) static void tile512_##MR(const float *xb, size_t k, const float *w, \
                                                                float *y, size_t ldy, int np) {           \
        if (np > 1) tile512(xb, k, w, y, ldy, MR, 2);                                                      \
        else tile512(xb, k, w, y, ldy, MR, 1);                                                             \
    }
#define TILE256(MR)                                                                                        \
    __attribute__((target("avx2,fma"))) static void tile256_##MR(const float *xb, size_t k, const float *w,\
                                                                 float *y, size_t ldy, int np) {          \
        for (int j = 0; j < np; j++) tile256(xb, k, w + j * k * QENC_PANEL, y + j * QENC_PANEL, ldy, MR);   \
    }
TILE512(1) TILE512(2) TILE512(3) TILE512(4) TILE512(5) TILE512(6) TILE512(7)
TILE512(8) TILE512(9) TILE512(10) TILE512(11) TILE512(12) TILE512(13) TILE512(14)
TILE256(1) TILE256(2) TILE256(3) TILE256(4) TILE256(5) TILE256(6)
#endif

static void tile_portable(const float *xb, size_t k, const float *w, float *y, size_t ldy, int mr, int np) {
    for (int j = 0; j < np; j++) {
        const float *panel = w + j * k * QENC_PANEL;
        float acc[4][QENC_PANEL];
        for (int m = 0; m < mr; m++) memcpy(acc[m], y + m * ldy + j * QENC_PANEL, sizeof acc[m]);
        for (size_t i = 0; i < k; i++) {
            const float *wi = panel + i * QENC_PANEL;
            for (int m = 0; m < mr; m++) {
                float x = xb[i * mr + m];
                for (int c = 0; c < QENC_PANEL; c++) acc[m][c] += x * wi[c];
            }
        }
        for (int m = 0; m < mr; m++) memcpy(y + m * ldy + j * QENC_PANEL, acc[m], sizeof acc[m]);
    }
}

typedef void (*tile_fn)(const float *xb, size_t k, const float *w, float *y, size_t ldy, int np);

/// Runs one tile of `mr` rows and `np` panels whose first `cols` features exist (the rest of the last
/// panel is padding): a partial tile goes through a local buffer so that Y is never written past n.
static void tile(int path, const float *xb, size_t k, const float *w, float *y, size_t ldy, int mr, int np,
                 size_t cols) {
    float local[14 * 2 * QENC_PANEL];
    int partial = cols < (size_t)np * QENC_PANEL;
    float *out = y;
    size_t ld = ldy;
    if (partial) {
        memset(local, 0, sizeof local);
        for (int m = 0; m < mr; m++) memcpy(local + m * 2 * QENC_PANEL, y + m * ldy, cols * sizeof(float));
        out = local;
        ld = 2 * QENC_PANEL;
    }
#ifdef QENC_X86
    static const tile_fn t512[14] = {tile512_1, tile512_2, tile512_3,  tile512_4,  tile512_5,  tile512_6,  tile512_7,
                                     tile512_8, tile512_9, tile512_10, tile512_11, tile512_12, tile512_13, tile512_14};
    static const tile_fn t256[6] = {tile256_1, tile256_2, tile256_3, tile256_4, tile256_5, tile256_6};
    if (path == PATH_AVX512) t512[mr - 1](xb, k, w, out, ld, np);
    else if (path == PATH_AVX2) t256[mr - 1](xb, k, w, out, ld, np);
    else tile_portable(xb, k, w, out, ld, mr, np);
#else
    (void)path;
    tile_portable(xb, k, w, out, ld, mr, np);
#endif
    if (partial)
        for (int m = 0; m < mr; m++) memcpy(y + m * ldy, local + m * 2 * QENC_PANEL, cols * sizeof(float));
}

typedef struct {
    int path;
    const float *xt;  // X transposed into row blocks
    size_t rows, k, n, ldy, group, blocks, block;
    const float *packed;
    float *y;
    int gelu;
} linear_job;

/// Row block b: first row and height (the rows are split evenly into `blocks` blocks of ≤ `block`).
static void block_range(const linear_job *j, size_t b, size_t *first, int *height) {
    size_t base = j->rows / j->blocks, extra = j->rows % j->blocks;
    *first = b * base + (b < extra ? b : extra);
    *height = (int)(base + (b < extra ? 1 : 0));
}

/// One chunk: panels [chunk·group, (chunk+1)·group) for every row block. A chunk's panels (≤ 256 KB) stay in
/// L2 while the row blocks go by.
static void linear_chunk(void *ctx, size_t chunk) {
    const linear_job *j = ctx;
    size_t panels = (j->n + QENC_PANEL - 1) / QENC_PANEL;
    size_t p0 = chunk * j->group, p1 = p0 + j->group < panels ? p0 + j->group : panels;
    for (size_t b = 0; b < j->blocks; b++) {
        size_t m0;
        int mr;
        block_range(j, b, &m0, &mr);
        const float *xb = j->xt + m0 * j->k;
        for (size_t p = p0; p < p1; p += 2) {
            int np = p + 1 < p1 ? 2 : 1;
            size_t c0 = p * QENC_PANEL;
            size_t cols = j->n - c0 < (size_t)np * QENC_PANEL ? j->n - c0 : (size_t)np * QENC_PANEL;
            float *y = j->y + m0 * j->ldy + c0;
            tile(j->path, xb, j->k, j->packed + p * j->k * QENC_PANEL, y, j->ldy, mr, np, cols);
            if (j->gelu)
                for (int m = 0; m < mr; m++) gelu_path(j->path, y + (size_t)m * j->ldy, cols);
        }
    }
}

/// Transposes X (rows × k) into the job's row blocks: block b (rows m0 ..< m0+h) is k × h floats at
/// scratch + m0·k, so each k step of a tile reads its h inputs from one contiguous run.
static void transpose_blocks(const linear_job *j, const float *x, float *scratch) {
    for (size_t b = 0; b < j->blocks; b++) {
        size_t m0;
        int h;
        block_range(j, b, &m0, &h);
        float *dst = scratch + m0 * j->k;
        for (int m = 0; m < h; m++) {
            const float *src = x + (m0 + (size_t)m) * j->k;
            for (size_t i = 0; i < j->k; i++) dst[i * (size_t)h + (size_t)m] = src[i];
        }
    }
}

void qenc_linear(qenc_team *team, const float *x, size_t rows, size_t k, const float *packed, size_t n,
                 float *y, size_t ldy, float *scratch, int gelu) {
    if (rows == 0 || n == 0 || k == 0) return;
    int path = rows >= QENC_BATCH_ROWS ? qenc_batch_path() : qenc_path();
    linear_job j = {.path = path, .xt = scratch, .rows = rows, .k = k, .n = n, .ldy = ldy, .packed = packed,
                    .y = y, .gelu = gelu};
    j.block = block_rows(j.path);
    j.blocks = (rows + j.block - 1) / j.block;
    transpose_blocks(&j, x, scratch);
    size_t panels = (n + QENC_PANEL - 1) / QENC_PANEL;
    size_t cache = (256 * 1024) / (k * QENC_PANEL * sizeof(float));  // panels per 256 KB
    // About 16 chunks, so that two threads finish within a small chunk of each other; whole tiles of 2 panels.
    size_t balance = panels / QENC_CHUNKS;
    size_t group = cache < balance ? cache : balance;
    group &= ~(size_t)1;
    if (group < 2) group = 2;
    j.group = group;
    qenc_team_run(team, (panels + group - 1) / group, linear_chunk, &j);
}

// ---- attention ----

typedef struct {
    int path;
    const float *qkv;
    float *context;
    size_t tokens, hidden, d;
    float scale;
} attention_job;

/// One head: scores of every query row against all rows (keys transposed first, so that each score row is
/// a vectorised sum of key rows), softmax, weighted sum of the value rows. Score rows are padded to a multiple
/// of 16 columns (zero keys), so that the vector loops run whole even for a dozen tokens.
static inline __attribute__((always_inline)) void attention_body(const attention_job *j, size_t head) {
    size_t ld = 3 * j->hidden, d = j->d, n = j->tokens, w = (n + 15) / 16 * 16;
    const float *q = j->qkv + head * d, *k = q + j->hidden, *v = q + 2 * j->hidden;
    float kt[QENC_MAX_HEAD_SIZE * QENC_MAX_ATTENTION_TOKENS];  // kt[e * w + c] = K[c][e], 0 for c ≥ n
    float scores[QENC_MAX_ATTENTION_TOKENS];
    for (size_t e = 0; e < d; e++) {
        for (size_t c = 0; c < n; c++) kt[e * w + c] = k[c * ld + e];
        for (size_t c = n; c < w; c++) kt[e * w + c] = 0;
    }
    for (size_t r = 0; r < n; r++) {
        const float *qr = q + r * ld;
        for (size_t c = 0; c < w; c++) scores[c] = 0;
        for (size_t e = 0; e < d; e++) {
            float qe = qr[e] * j->scale;
            const float *row = kt + e * w;
            for (size_t c = 0; c < w; c++) scores[c] += qe * row[c];
        }
        float maximum = scores[0];
        for (size_t c = 1; c < n; c++) maximum = scores[c] > maximum ? scores[c] : maximum;
        for (size_t c = 0; c < w; c++) scores[c] = exp_approx(scores[c] - maximum);
        float sum = 0;
        for (size_t c = 0; c < n; c++) sum += scores[c];
        float inv = 1 / sum;
        float *restrict out = j->context + r * j->hidden + head * d;
        for (size_t e = 0; e < d; e++) out[e] = 0;
        for (size_t c = 0; c < n; c++) {
            float p = scores[c] * inv;
            const float *restrict vc = v + c * ld;
            for (size_t e = 0; e < d; e++) out[e] += p * vc[e];
        }
    }
}

static void attention_portable(void *ctx, size_t head) { attention_body(ctx, head); }
#ifdef QENC_X86
__attribute__((target("avx2,fma"))) static void attention_avx2(void *ctx, size_t head) { attention_body(ctx, head); }
__attribute__((target("avx512f"))) static void attention_avx512(void *ctx, size_t head) { attention_body(ctx, head); }
#endif

void qenc_attention(qenc_team *team, const float *qkv, size_t tokens, size_t hidden, size_t heads, float scale,
                    float *context) {
    if (tokens == 0 || heads == 0 || tokens > QENC_MAX_ATTENTION_TOKENS || hidden / heads > QENC_MAX_HEAD_SIZE) return;
    attention_job j = {.path = qenc_path(), .qkv = qkv, .context = context, .tokens = tokens, .hidden = hidden,
                       .d = hidden / heads, .scale = scale};
    void (*fn)(void *, size_t) = attention_portable;
#ifdef QENC_X86
    if (j.path == PATH_AVX512) fn = attention_avx512;
    else if (j.path == PATH_AVX2) fn = attention_avx2;
#endif
    qenc_team_run(team, heads, fn, &j);
}

// ---- the path for batches: measured once on this CPU ----
//
// AVX-512 is the best path for a query (a dozen rows: 14-row tiles, half the passes over the weights). For
// batches it depends on the CPU: where a core has one 512-bit FMA unit, or lowers its clock for AVX-512,
// AVX2's 6-row tiles do as much work per cycle at a higher clock. Measured on a Xeon with AMX (2 cores):
// batches of 32 texts at 785 texts/s with AVX-512 and 872 with AVX2, queries 1.5 ms against 2.3 ms. So the
// batch path is timed once, on a product the size of a batch's (ten times a path, long enough for a clock
// change to show), and the faster one is used for every product of QENC_BATCH_ROWS rows or more.

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/// Seconds per product of one `rows` × `k` · (`n` × `k`)ᵀ with `path`, single-threaded (best of `reps`).
static double time_path(int path, const float *x, size_t rows, size_t k, const float *packed, size_t n, float *y,
                        float *scratch, int reps) {
    double best = 1e9;
    for (int r = 0; r < reps; r++) {
        linear_job j = {.path = path, .xt = scratch, .rows = rows, .k = k, .n = n, .ldy = n, .packed = packed,
                        .y = y, .gelu = 0};
        j.block = block_rows(path);
        j.blocks = (rows + j.block - 1) / j.block;
        size_t panels = (n + QENC_PANEL - 1) / QENC_PANEL;
        j.group = panels;
        double start = seconds_now();
        transpose_blocks(&j, x, scratch);
        linear_chunk(&j, 0);
        double elapsed = seconds_now() - start;
        if (elapsed < best) best = elapsed;
    }
    return best;
}

static int calibrate_batch_path(void) {
#ifdef QENC_X86
    enum { ROWS = 168, K = 384, N = 384 };  // a batch's worth of rows through one hidden-size layer
    float *x = malloc(sizeof(float) * ROWS * K);
    float *packed = malloc(sizeof(float) * qenc_packed_count(N, K));
    float *y = malloc(sizeof(float) * ROWS * N);
    float *scratch = malloc(sizeof(float) * qenc_scratch_count(ROWS, K));
    int chosen = PATH_AVX512;
    if (x && packed && y && scratch) {
        for (size_t i = 0; i < (size_t)ROWS * K; i++) x[i] = (float)(i % 97) * 0.01f;
        for (size_t i = 0; i < qenc_packed_count(N, K); i++) packed[i] = (float)(i % 89) * 0.01f;
        memset(y, 0, sizeof(float) * ROWS * N);
        // About 50 MFLOP a product, ~1 ms: 10 reps a path, in two alternating rounds.
        double t512 = 1e9, t256 = 1e9, t;
        for (int round = 0; round < 2; round++) {
            t = time_path(PATH_AVX512, x, ROWS, K, packed, N, y, scratch, 5);
            if (t < t512) t512 = t;
            t = time_path(PATH_AVX2, x, ROWS, K, packed, N, y, scratch, 5);
            if (t < t256) t256 = t;
        }
        // AVX2 only when clearly faster: the difference must exceed the noise of a 1 ms measurement.
        if (t256 < 0.95 * t512) chosen = PATH_AVX2;
    }
    free(x);
    free(packed);
    free(y);
    free(scratch);
    return chosen;
#else
    return qenc_path();
#endif
}

int qenc_batch_path(void) {
    int path = qenc_path();
    if (path != PATH_AVX512 || __atomic_load_n(&forced_path, __ATOMIC_RELAXED) > 0) return path;
    static int chosen = 0;  // atomic; measured once (two threads may both measure: same answer, no harm)
    int c = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (!c) {
        c = calibrate_batch_path();
        __atomic_store_n(&chosen, c, __ATOMIC_RELAXED);
    }
    return c;
}
