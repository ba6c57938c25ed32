#ifndef QUIVER_RANKING_KERNELS_H
#define QUIVER_RANKING_KERNELS_H
#include <stddef.h>
#include <stdint.h>

/// Approximate similarity of one int8 query against `count` int8 rows.
/// Each row has `stride` bytes (a multiple of 64; padding bytes are zero). For row i:
///   out[i] = scales[i] * (sum_j rows[i*stride + j] * query[j])
/// `query` is int8 in [-127, 127] with `stride` bytes (zero padded). `row_sums[i]` is the sum of
/// row i's bytes; the AVX-512 VNNI path needs it to undo its unsigned offset.
/// The caller multiplies `out` by the query's own scale if it needs absolute values.
/// Chooses AVX-512 VNNI, AVX2 or portable C at run time. Returns the path used (3, 2, 1).
int quiver_i8_scores(const int8_t *rows, const int32_t *row_sums, const float *scales,
                     size_t count, size_t stride, const int8_t *query, float *out);

/// Which path `quiver_i8_scores` takes on this CPU (3 = AVX-512 VNNI, 2 = AVX2, 1 = portable).
int quiver_i8_path(void);

/// Forces a path for tests and benchmarks (0 = automatic). Paths the CPU lacks fall back.
void quiver_i8_force_path(int path);
#endif
