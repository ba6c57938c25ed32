// Int8 first-pass similarity kernels for Quiver's Ranking module. Each path computes the same
// integer dot products exactly (int32 accumulation cannot overflow for stride <= 65536), so
// results differ only in the order rows are visited, never in value.
#include "ranking_kernels.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define QUIVER_X86 1
#endif

static int forced_path = 0;  // read and written with atomic builtins: tests set it while searches run

void quiver_i8_force_path(int path) { __atomic_store_n(&forced_path, path, __ATOMIC_RELAXED); }

static void scores_portable(const int8_t *rows, const float *scales, size_t count, size_t stride,
                            const int8_t *query, float *out) {
    for (size_t i = 0; i < count; i++) {
        const int8_t *row = rows + i * stride;
        int32_t acc = 0;
        for (size_t j = 0; j < stride; j++) acc += (int32_t)row[j] * (int32_t)query[j];
        out[i] = scales[i] * (float)acc;
    }
}

#ifdef QUIVER_X86
__attribute__((target("avx2")))
static void scores_avx2(const int8_t *rows, const float *scales, size_t count, size_t stride,
                        const int8_t *query, float *out) {
    for (size_t i = 0; i < count; i++) {
        const int8_t *row = rows + i * stride;
        __m256i acc0 = _mm256_setzero_si256();
        __m256i acc1 = _mm256_setzero_si256();
        for (size_t j = 0; j < stride; j += 32) {
            __m256i r = _mm256_loadu_si256((const __m256i *)(row + j));
            __m256i q = _mm256_loadu_si256((const __m256i *)(query + j));
            __m256i r0 = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(r));
            __m256i r1 = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(r, 1));
            __m256i q0 = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(q));
            __m256i q1 = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(q, 1));
            acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(r0, q0));
            acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(r1, q1));
        }
        __m256i acc = _mm256_add_epi32(acc0, acc1);
        __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
        out[i] = scales[i] * (float)_mm_cvtsi128_si32(s);
    }
}

__attribute__((target("avx512f,avx512bw,avx512vnni")))
static void scores_vnni(const int8_t *rows, const int32_t *row_sums, const float *scales, size_t count,
                        size_t stride, const int8_t *query, float *out) {
    // vpdpbusd multiplies unsigned by signed bytes: feed the query + 128 as the unsigned side
    // and subtract 128 * (sum of the row) afterwards.
    const __m512i offset = _mm512_set1_epi8((char)0x80);
    size_t blocks = stride / 64;
    __m512i qs[64];
    if (blocks > 64) { scores_avx2(rows, scales, count, stride, query, out); return; }
    for (size_t b = 0; b < blocks; b++) {
        __m512i q = _mm512_loadu_si512((const void *)(query + b * 64));
        qs[b] = _mm512_xor_si512(q, offset);  // q + 128 as unsigned
    }
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        const int8_t *r0 = rows + i * stride;
        __m512i a0 = _mm512_setzero_si512(), a1 = _mm512_setzero_si512();
        __m512i a2 = _mm512_setzero_si512(), a3 = _mm512_setzero_si512();
        for (size_t b = 0; b < blocks; b++) {
            a0 = _mm512_dpbusd_epi32(a0, qs[b], _mm512_loadu_si512((const void *)(r0 + b * 64)));
            a1 = _mm512_dpbusd_epi32(a1, qs[b], _mm512_loadu_si512((const void *)(r0 + stride + b * 64)));
            a2 = _mm512_dpbusd_epi32(a2, qs[b], _mm512_loadu_si512((const void *)(r0 + 2 * stride + b * 64)));
            a3 = _mm512_dpbusd_epi32(a3, qs[b], _mm512_loadu_si512((const void *)(r0 + 3 * stride + b * 64)));
        }
        // Reduce the four accumulators together: interleave, add, then fold the four 128-bit lanes.
        __m512i s01 = _mm512_add_epi32(_mm512_unpacklo_epi32(a0, a1), _mm512_unpackhi_epi32(a0, a1));
        __m512i s23 = _mm512_add_epi32(_mm512_unpacklo_epi32(a2, a3), _mm512_unpackhi_epi32(a2, a3));
        __m512i s4 = _mm512_add_epi32(_mm512_unpacklo_epi64(s01, s23), _mm512_unpackhi_epi64(s01, s23));
        __m256i h = _mm256_add_epi32(_mm512_castsi512_si256(s4), _mm512_extracti64x4_epi64(s4, 1));
        __m128i q4 = _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
        __m128i corr = _mm_slli_epi32(_mm_loadu_si128((const __m128i *)(row_sums + i)), 7);
        __m128 f = _mm_cvtepi32_ps(_mm_sub_epi32(q4, corr));
        _mm_storeu_ps(out + i, _mm_mul_ps(f, _mm_loadu_ps(scales + i)));
    }
    for (; i < count; i++) {
        const int8_t *r = rows + i * stride;
        __m512i a = _mm512_setzero_si512();
        for (size_t b = 0; b < blocks; b++)
            a = _mm512_dpbusd_epi32(a, qs[b], _mm512_loadu_si512((const void *)(r + b * 64)));
        out[i] = scales[i] * (float)(_mm512_reduce_add_epi32(a) - 128 * row_sums[i]);
    }
}
#endif

int quiver_i8_path(void) {
#ifdef QUIVER_X86
    __builtin_cpu_init();
    int best = 1;
    if (__builtin_cpu_supports("avx2")) best = 2;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vnni"))
        best = 3;
    int forced = __atomic_load_n(&forced_path, __ATOMIC_RELAXED);
    if (forced > 0 && forced < best) return forced;
    return best;
#else
    return 1;
#endif
}

int quiver_i8_scores(const int8_t *rows, const int32_t *row_sums, const float *scales,
                     size_t count, size_t stride, const int8_t *query, float *out) {
    int path = quiver_i8_path();
#ifdef QUIVER_X86
    if (stride % 64 == 0) {
        if (path == 3) { scores_vnni(rows, row_sums, scales, count, stride, query, out); return 3; }
        if (path == 2) { scores_avx2(rows, scales, count, stride, query, out); return 2; }
    }
#endif
    scores_portable(rows, scales, count, stride, query, out);
    return 1;
}
