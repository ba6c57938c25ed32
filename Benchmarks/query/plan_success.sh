#!/usr/bin/env bash
# Plan success rate with the real local model (scripts/llm-server on 127.0.0.1:8089) through a real
# `quiver serve` and POST /v1/query, per constraint mode (planner.constraint none, grammar, json_schema),
# over the queries of Benchmarks/query/queries.json (the requests of sandbox/examples plus builtin-tool
# questions). Prints each query's outcome, one summary line per mode and a Markdown table.
#   Benchmarks/query/plan_success.sh [MODE...]        (default: none grammar json_schema)
# Environment: QUIVER_BIN (else a release build), QUIVER_TEST_LLM_URL, PLAN_TOKENS (160), PLAN_REPAIRS (2),
# PLAN_K (4), PLAN_QUERIES (all), LLM_MODEL (smollm2), LLM_JSON_SCHEMA (llama_cpp: llama-cpp-python's form).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
llm="${QUIVER_TEST_LLM_URL:-http://127.0.0.1:8089/v1}"
curl -fsS "$llm/models" >/dev/null || { echo "no LLM server at $llm: run scripts/llm-server --daemon" >&2; exit 1; }
if [ -z "${QUIVER_BIN:-}" ]; then
    (cd "$root" && swift build -c release --product quiver >/dev/null)
    QUIVER_BIN="$(cd "$root" && swift build -c release --show-bin-path)/quiver"
fi
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(none grammar json_schema)
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
echo '{}' >"$work/q.json"
port=18095
for mode in "${modes[@]}"; do
    QUIVER_LLM_BASE_URL="$llm" QUIVER_LLM_MODEL="${LLM_MODEL:-smollm2}" QUIVER_LLM_ACCEPTS_GRAMMAR=true \
        QUIVER_LLM_JSON_SCHEMA="${LLM_JSON_SCHEMA:-llama_cpp}" QUIVER_PLANNER_CONSTRAINT="$mode" \
        QUIVER_PLANNER_MAX_PLAN_TOKENS="${PLAN_TOKENS:-160}" QUIVER_PLANNER_MAX_REPAIRS="${PLAN_REPAIRS:-2}" QUIVER_LLM_TIMEOUT_SECONDS=600 \
        "$QUIVER_BIN" serve --config "$work/q.json" --catalog "$root/catalog" --port $port --log-level warning \
        --rate-limit-requests-per-minute 0 >"$work/quiver-$mode.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
    python3 "$here/plan_success.py" "http://127.0.0.1:$port" "$mode" --json "$work/$mode.json"
    kill $pid; wait $pid 2>/dev/null || true
done
python3 - "$work" "${modes[@]}" <<'PY'
import json, sys
work, modes = sys.argv[1], sys.argv[2:]
print("\n| constraint | valid plans | first try | repairs (per query) | results | time |")
print("|---|---|---|---|---|---|")
for m in modes:
    s = json.load(open(f"{work}/{m}.json"))["summary"]
    n = s["queries"]
    print(f"| {m} | {s['valid']}/{n} ({100 * s['valid'] / n:.0f}%) | {s['first_try']}/{n} | {s['repairs']} ({s['repairs'] / n:.2f}) "
          f"| {s['results']}/{n} | {s['seconds']} s |")
PY
