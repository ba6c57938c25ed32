#!/usr/bin/env bash
# Side-by-side benchmark of Quiver's in-process sentence encoder and sentence-transformers (PyTorch, CPU):
# texts/s over the 4,076 Seal-Tools tool descriptions (batch size 32 on both), single-query p50/p99,
# process start to first vector, resident memory, and retrieval quality (Recall@5, nDCG@10) on the dev
# queries with each side's vectors. The two run one after the other, never at the same time.
#
# Environment:
#   QUIVER_MODEL_DIR  model folder (default: ${QUIVER_DATA_DIR:-data}/models/all-MiniLM-L6-v2, installed if missing)
#   SEAL_DIR          folder with catalog.json and queries-dev.jsonl (default: Benchmarks/retrieval/data/seal-tools
#                     if present, else ../shared/benchmarks/retrieval/seal-tools)
#   PEER_PYTHON       a Python with sentence-transformers (default: /opt/peers/bin/python if present, else a venv
#                     created in Benchmarks/encoder/.venv)
#   BATCH (32), REPEAT (300 single queries), QUERY (a 10-20 token query)
#   QUERY_THREADS     threads for one query in Quiver (0: 2 on a machine with 2+ cores, the default; 1: one thread)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

MODEL="${QUIVER_MODEL_DIR:-${QUIVER_DATA_DIR:-data}/models/all-MiniLM-L6-v2}"
if [[ ! -s "$MODEL/model.safetensors" ]]; then
    scripts/install-model "$MODEL"
fi
MODEL="$(cd "$MODEL" && pwd)"

if [[ -z "${SEAL_DIR:-}" ]]; then
    for d in "$ROOT/Benchmarks/retrieval/data/seal-tools" "$ROOT/../shared/benchmarks/retrieval/seal-tools" \
             /work/shared/benchmarks/retrieval/seal-tools; do
        if [[ -f "$d/catalog.json" ]]; then SEAL_DIR="$d"; break; fi
    done
fi
[[ -f "${SEAL_DIR:-}/catalog.json" ]] || { echo "run.sh: set SEAL_DIR to the Seal-Tools folder" >&2; exit 1; }

if [[ -z "${PEER_PYTHON:-}" ]]; then
    if [[ -x /opt/peers/bin/python ]] && /opt/peers/bin/python -c "import sentence_transformers" 2>/dev/null; then
        PEER_PYTHON=/opt/peers/bin/python
    else
        if [[ ! -x "$HERE/.venv/bin/python" ]]; then
            python3 -m venv "$HERE/.venv"
            "$HERE/.venv/bin/pip" install --quiet sentence-transformers numpy
        fi
        PEER_PYTHON="$HERE/.venv/bin/python"
    fi
fi

BATCH="${BATCH:-32}"
REPEAT="${REPEAT:-300}"
QUERY="${QUERY:-Find the cheapest flight from Paris to Tokyo next Friday}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

"$PEER_PYTHON" "$HERE/bench.py" prepare "$SEAL_DIR" "$OUT"
echo "building encoder-bench (release)..." >&2
swift build -c release --package-path "$HERE" >&2
BIN="$(swift build -c release --package-path "$HERE" --show-bin-path)/encoder-bench"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "running Quiver's encoder..." >&2
"$BIN" --model "$MODEL" --texts "$OUT/texts.txt" --queries "$OUT/queries.txt" --query "$QUERY" --out "$OUT" \
    --batch "$BATCH" --repeat "$REPEAT" --query-threads "${QUERY_THREADS:-0}" --start-ns "$(date +%s%N)" | tee "$OUT/swift.json"
echo "running sentence-transformers..." >&2
HF_HUB_OFFLINE=1 "$PEER_PYTHON" "$HERE/bench.py" peer --model "$MODEL" --out "$OUT" --query "$QUERY" \
    --batch "$BATCH" --repeat "$REPEAT" --start-ns "$(date +%s%N)" | tee "$OUT/peer.json"
echo "machine load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PEER_PYTHON" "$HERE/bench.py" compare "$SEAL_DIR" "$OUT"
