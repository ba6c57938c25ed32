#ifndef QUIVER_ENCODER_KERNELS_H
#define QUIVER_ENCODER_KERNELS_H
// Kernels of SentenceEncoder's forward pass for few rows (a single query): linear layers computed straight
// from weights packed once at load (no per-call packing, unlike cblas_sgemm), attention for one sequence,
// and a two-thread team that splits each of them between the caller and one persistent worker.
// The Swift side checks every size before calling; these functions trust their arguments.
#include <stddef.h>

/// Output features per panel of packed weights.
#define QENC_PANEL 16
/// Longest sequence and largest head `qenc_attention` accepts (its transposed keys live on the stack).
#define QENC_MAX_ATTENTION_TOKENS 64
#define QENC_MAX_HEAD_SIZE 128

typedef struct qenc_team qenc_team;

/// Floats of a packed weight matrix with `n` output features and `k` inputs: ceil(n / 16) * 16 * k.
size_t qenc_packed_count(size_t n, size_t k);

/// Floats of the scratch `qenc_linear` needs for `rows` rows of `k` inputs: rows * k.
size_t qenc_scratch_count(size_t rows, size_t k);

/// Packs `rows` rows of W (row-major, `k` floats each: PyTorch's Linear layout, one output feature a row)
/// as output features `first` ..< `first + rows` of `packed`, a zero-initialised buffer of
/// `qenc_packed_count(n, k)` floats. Layout: panel p (features 16p ..< 16p+16) is k × 16 floats,
/// packed[p*16k + i*16 + j] = W[16p + j - first][i]. Features past n stay zero.
void qenc_pack(const float *w, size_t rows, size_t k, size_t first, float *packed);

/// Y (rows × n, row stride ldy) += X (rows × k, row stride k) · Wᵀ, W given packed by `qenc_pack`; then, if
/// `gelu` is not 0, Y = GELU(Y) (BERT's erf GELU). `scratch` holds `qenc_scratch_count(rows, k)` floats (X
/// transposed into row blocks). With a team, the panels are shared between the caller and the team's
/// worker; with NULL the caller does all.
void qenc_linear(qenc_team *team, const float *x, size_t rows, size_t k, const float *packed, size_t n,
                 float *y, size_t ldy, float *scratch, int gelu);

/// In place: x ← x · ½ · (1 + erf(x / √2)), absolute error below 1e-6 for |x| ≤ 10.
void qenc_gelu(float *x, size_t count);

/// Each of `rows` rows (row stride `ld`) of `cols` floats becomes its softmax (max subtracted first).
void qenc_softmax_rows(float *x, size_t rows, size_t cols, size_t ld);

/// Multi-head self-attention of one sequence of `tokens` (≤ QENC_MAX_ATTENTION_TOKENS; head size ≤
/// QENC_MAX_HEAD_SIZE) rows: Q, K and V are
/// side by side in `qkv` (row stride 3 * hidden); head h uses columns h*d ..< (h+1)*d of each, d = hidden /
/// heads. context (row stride hidden) = softmax(scale · Q·Kᵀ) · V per head. Heads are shared with the team.
void qenc_attention(qenc_team *team, const float *qkv, size_t tokens, size_t hidden, size_t heads, float scale,
                    float *context);

/// The kernel path in use: 3 = AVX-512, 2 = AVX2 + FMA, 1 = portable C.
int qenc_path(void);
/// The path for products of many rows (batches): AVX-512 or AVX2, whichever a one-time measurement on this
/// CPU found faster (measured once, at the first batch, in a few tens of milliseconds); `qenc_path()` where
/// there is no such choice.
int qenc_batch_path(void);
/// Forces a path for tests (0 = automatic); a path the CPU lacks falls back to the best it has.
void qenc_force_path(int path);

/// Starts a team: one worker thread that, after a job, spins for `spin_us` microseconds waiting for the next
/// one before sleeping on a futex. Returns NULL when the thread cannot be created, and on systems other than
/// Linux (no futex).
qenc_team *qenc_team_create(unsigned spin_us);
/// Stops and joins the worker, frees the team. The team must not be in use.
void qenc_team_destroy(qenc_team *team);
/// Takes the team for one forward pass: 1 on success, 0 when another caller holds it or when the worker
/// recently stalled a pass (it was preempted: the other core is busy), for the next 50 passes.
int qenc_team_try_acquire(qenc_team *team);
void qenc_team_release(qenc_team *team);
/// Chunks the worker has run since the team started (tests check that it takes part).
unsigned long qenc_team_worker_chunks(qenc_team *team);
#endif
