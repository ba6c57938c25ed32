#ifndef QUIVER_ENCODER_TEAM_H
#define QUIVER_ENCODER_TEAM_H
#include "encoder_kernels.h"

/// Runs fn(ctx, c) for every chunk c < chunks, on the caller and (when `team` is not NULL) the team's worker,
/// each claiming the next chunk until none is left; returns when all have finished. chunks < 65536.
void qenc_team_run(qenc_team *team, size_t chunks, void (*fn)(void *ctx, size_t chunk), void *ctx);
#endif
