#!/usr/bin/env bash
# Orchestration overhead of POST /v1/query, side by side in one run:
#   - an instant fake LLM (nginx answering every chat completion with one fixed valid plan),
#   - quiver serve (release) planning against it and running the plan on a builtin tool (math_multiply), twice:
#     as built (glibc's malloc) and as the Docker image runs it (jemalloc preloaded, Debian's libjemalloc2),
#   - LiteLLM's proxy (PyPI litellm[proxy], its own venv) passing the same chat request to the same backend.
# wrk at 32 connections (Lua script for POST); prints req/s, p50, p99, the overhead_ms distribution
# reported by Quiver, and the ratios against LiteLLM. Usage: Benchmarks/query/run.sh [seconds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-10}"
connections=32
threads=2
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! need wrk || ! need nginx; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk nginx-light >/dev/null
fi
venvs="${QUIVER_BENCH_VENVS:-$HOME/.cache/quiver-bench}"
mkdir -p "$venvs"
if [ ! -x "$venvs/litellm/bin/litellm" ]; then
    echo "installing litellm[proxy] into $venvs/litellm ..." >&2
    python3 -m venv "$venvs/litellm"
    "$venvs/litellm/bin/pip" install -q 'litellm[proxy]'
fi

if [ -z "${QUIVER_BIN:-}" ]; then
    echo "building quiver (release)..." >&2
    (cd "$root" && swift build -c release --product quiver >/dev/null)
    QUIVER_BIN="$(cd "$root" && swift build -c release --show-bin-path)/quiver"
fi

wait_for() {
    for _ in $(seq 1 600); do
        curl -fsS -H 'Authorization: Bearer sk-bench' "http://127.0.0.1:$1$2" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "nothing answers on port $1$2" >&2
    return 1
}

# wrk's output -> "rps p50_ms p99_ms"
measure() {
    local url="$1" body="$2" samples="${3:-}"
    BODY="$body" wrk -t"$threads" -c"$connections" -d2s -s "$here/query.lua" "$url" >/dev/null 2>&1 || true   # warm-up
    BODY="$body" SAMPLES="$samples" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/query.lua" "$url" >"$work/wrk.out"
    awk '
        function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
        /Requests\/sec:/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Non-2xx/ { bad = $NF }
        END { if (bad != "") { print "non-2xx responses: " bad > "/dev/stderr" }; printf "%.0f %.3f %.3f\n", rps, p50, p99 }
    ' "$work/wrk.out"
}

# The fake LLM.
fport=18090
mkdir -p "$work/nginx"
sed -e "s|PREFIX|$work/nginx|g" -e "s|PORT|$fport|g" "$here/nginx.conf" >"$work/nginx/nginx.conf"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)
wait_for "$fport" /v1/models
chat='{"model":"fake","messages":[{"role":"user","content":"Multiply 17 by 23"}],"max_tokens":64}'
read -r f_rps f_p50 f_p99 < <(measure "http://127.0.0.1:$fport/v1/chat/completions" "$chat")

# Quiver.
qport=18088
# A fresh data directory (analytics.db grows with every run), with the in-process encoder's model as
# the service ships it (installed once by scripts/install-model).
bash "$root/scripts/install-model" >&2
echo '{}' >"$work/quiver.json"
# run_quiver NAME [ENV=VALUE...]: start quiver with a fresh data directory, measure, stop; sets q_rps q_p50 q_p99
# and writes overhead_ms samples to $work/overhead-NAME.*.
run_quiver() {
    local name="$1"; shift
    env "$@" QUIVER_LLM_BASE_URL="http://127.0.0.1:$fport/v1" QUIVER_LLM_MODEL=fake \
        "$QUIVER_BIN" serve --config "$work/quiver.json" --catalog "$root/catalog" --host 127.0.0.1 --port "$qport" \
        --data-dir "$work/data-$name" --model-dir "$root/data/models/all-MiniLM-L6-v2" \
        --log-level warning --rate-limit-requests-per-minute 0 >"$work/quiver-$name.log" 2>&1 &
    local pid=$!
    pids+=($pid)
    wait_for "$qport" /ready   # the tool index is built (embedding the catalog) before queries
    curl -fsS -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$qport/v1/query" -d '{"query":"Multiply 17 by 23"}' >"$work/one.json" \
        || { echo "quiver /v1/query failed:" >&2; cat "$work/one.json" "$work/quiver-$name.log" >&2; exit 1; }
    echo "one /v1/query response ($name): $(head -c 300 "$work/one.json")" >&2
    read -r q_rps q_p50 q_p99 < <(measure "http://127.0.0.1:$qport/v1/query" '{"query":"Multiply 17 by 23"}' "$work/overhead-$name")
    kill "$pid"; wait "$pid" 2>/dev/null || true
}
# As built: glibc's malloc.
run_quiver glibc
g_rps=$q_rps g_p50=$q_p50 g_p99=$q_p99
# As the Docker image runs it: jemalloc preloaded (Debian's libjemalloc2; see the Dockerfile).
jemalloc=""
for candidate in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
    [ -e "$candidate" ] && jemalloc="$candidate"
done
if [ -z "$jemalloc" ]; then
    as_root apt-get install -y -qq libjemalloc2 >/dev/null 2>&1 || true
    for candidate in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
        [ -e "$candidate" ] && jemalloc="$candidate"
    done
fi
j_rps="" j_p50="" j_p99=""
if [ -n "$jemalloc" ]; then
    run_quiver jemalloc LD_PRELOAD="$jemalloc"
    j_rps=$q_rps j_p50=$q_p50 j_p99=$q_p99
fi

# LiteLLM's proxy, pass-through to the same backend.
lport=18091
sed -e "s|PORT|$fport|g" "$here/litellm.yaml" >"$work/litellm.yaml"
(cd "$work" && LITELLM_LOG=ERROR exec "$venvs/litellm/bin/litellm" --config "$work/litellm.yaml" --host 127.0.0.1 --port "$lport" --num_workers 1) \
    >"$work/litellm.log" 2>&1 &
pids+=($!)
wait_for "$lport" /health/liveliness
read -r l_rps l_p50 l_p99 < <(measure "http://127.0.0.1:$lport/v1/chat/completions" "$chat")

printf "\n%-44s %10s %10s %10s\n" "32 connections, ${duration}s" "req/s" "p50 ms" "p99 ms"
printf "%-44s %10s %10s %10s\n" "fake LLM alone (nginx)" "$f_rps" "$f_p50" "$f_p99"
printf "%-44s %10s %10s %10s\n" "quiver POST /v1/query, glibc malloc (built)" "$g_rps" "$g_p50" "$g_p99"
[ -n "$j_rps" ] && printf "%-44s %10s %10s %10s\n" "quiver POST /v1/query, jemalloc (as shipped)" "$j_rps" "$j_p50" "$j_p99"
printf "%-44s %10s %10s %10s\n" "LiteLLM proxy chat pass-through" "$l_rps" "$l_p50" "$l_p99"
overhead() {
    cat "$work"/overhead-"$1".* 2>/dev/null | sort -g | awk -v name="$1" '
        function at(p,   i) { i = int(NR * p) + 1; if (i > NR) i = NR; return v[i] }
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "no overhead_ms samples (" name ")"; exit }
            printf "quiver (%s) overhead_ms over %d responses: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f (goal p99 <= 2)\n", name, NR, at(0.5), at(0.9), at(0.99), v[NR]
        }'
}
overhead glibc
[ -n "$j_rps" ] && overhead jemalloc
awk -v q="$g_rps" -v l="$l_rps" 'BEGIN { if (l > 0) printf "quiver (glibc malloc) / LiteLLM req/s: %.1fx (goal >= 50x)\n", q / l }'
[ -n "$j_rps" ] && awk -v q="$j_rps" -v l="$l_rps" 'BEGIN { if (l > 0) printf "quiver (jemalloc, as shipped) / LiteLLM req/s: %.1fx (goal >= 50x)\n", q / l }'
exit 0
