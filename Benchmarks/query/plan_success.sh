#!/usr/bin/env bash
# Plan success rate with the real local model (scripts/llm-server on 127.0.0.1:8089), with and without
# the GBNF grammar, over Benchmarks/query/plan_success.py's queries. Usage: Benchmarks/query/plan_success.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
llm="${QUIVER_TEST_LLM_URL:-http://127.0.0.1:8089/v1}"
curl -fsS "$llm/models" >/dev/null || { echo "no LLM server at $llm: run scripts/llm-server --daemon" >&2; exit 1; }
if [ -z "${QUIVER_BIN:-}" ]; then
    (cd "$root" && swift build -c release --product quiver >/dev/null)
    QUIVER_BIN="$(cd "$root" && swift build -c release --show-bin-path)/quiver"
fi
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
echo '{}' >"$work/q.json"
for grammar in off on; do
    port=18095
    QUIVER_LLM_BASE_URL="$llm" QUIVER_LLM_MODEL=smollm2 QUIVER_LLM_ACCEPTS_GRAMMAR=true QUIVER_PLANNER_GRAMMAR=$grammar \
        QUIVER_PLANNER_MAX_PLAN_TOKENS=${PLAN_TOKENS:-160} QUIVER_PLANNER_MAX_REPAIRS=2 \
        "$QUIVER_BIN" serve --config "$work/q.json" --catalog "$root/catalog" --port $port --log-level warning \
        --rate-limit-requests-per-minute 0 >"$work/quiver-$grammar.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
    python3 "$here/plan_success.py" "http://127.0.0.1:$port" "grammar $grammar"
    kill $pid; wait $pid 2>/dev/null || true
done
