#!/usr/bin/env bash
# GET /health throughput and latency with wrk at 64 connections, side by side in one run:
# quiver serve (release), FastAPI on uvicorn[standard] (2 workers, TCP_NODELAY), nginx (fixed body).
# Prints requests/s, p50, p99 for each and Quiver's ratios. Usage: Benchmarks/http/run.sh [seconds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-10}"
connections=64
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

venv="$root/Benchmarks/.venv"
if [ ! -x "$venv/bin/uvicorn" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r "$here/requirements.txt"
fi

# QUIVER_BIN=path/to/quiver skips the build (use a release build: debug numbers mean nothing).
if [ -n "${QUIVER_BIN:-}" ]; then
    quiver="$QUIVER_BIN"
else
    echo "building quiver (release)..." >&2
    (cd "$root" && swift build -c release --product quiver >/dev/null)
    quiver="$(cd "$root" && swift build -c release --show-bin-path)/quiver"
fi

wait_for() {
    for _ in $(seq 1 200); do
        curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    echo "nothing answers on port $1" >&2
    return 1
}

# wrk's output -> "rps p50_ms p99_ms"
measure() {
    local url="$1"
    wrk -t"$threads" -c"$connections" -d2s "$url" >/dev/null 2>&1 || true   # warm-up
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url" >"$work/wrk.out"
    awk '
        function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
        /Requests\/sec:/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Non-2xx/ { bad = $NF }
        END { if (bad != "") { print "non-2xx responses: " bad > "/dev/stderr" }; printf "%.0f %.3f %.3f\n", rps, p50, p99 }
    ' "$work/wrk.out"
}

# Quiver
qport=18080
cfg="$work/quiver.json"
echo '{}' >"$cfg"
"$quiver" serve --config "$cfg" --host 127.0.0.1 --port "$qport" --log-level warning >"$work/quiver.log" 2>&1 &
pids+=($!)
wait_for "$qport"
read -r q_rps q_p50 q_p99 < <(measure "http://127.0.0.1:$qport/health")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# FastAPI + uvicorn[standard], 2 workers
uport=18081
(cd "$here" && exec "$venv/bin/uvicorn" fastapi_app:app --host 127.0.0.1 --port "$uport" --workers 2 --log-level warning --no-access-log) >"$work/uvicorn.log" 2>&1 &
pids+=($!)
wait_for "$uport"
read -r u_rps u_p50 u_p99 < <(measure "http://127.0.0.1:$uport/health")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# nginx, fixed body
nport=18082
mkdir -p "$work/nginx"
sed -e "s|PREFIX|$work/nginx|g" -e "s|PORT|$nport|g" "$here/nginx.conf" >"$work/nginx/nginx.conf"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)
wait_for "$nport"
read -r n_rps n_p50 n_p99 < <(measure "http://127.0.0.1:$nport/health")

echo
echo "GET /health, wrk -t$threads -c$connections -d${duration}s, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf "%-36s %12s %10s %10s\n" "server" "requests/s" "p50 ms" "p99 ms"
printf "%-36s %12s %10s %10s\n" "quiver serve (release)" "$q_rps" "$q_p50" "$q_p99"
printf "%-36s %12s %10s %10s\n" "FastAPI uvicorn[standard] 2w nodelay" "$u_rps" "$u_p50" "$u_p99"
printf "%-36s %12s %10s %10s\n" "nginx fixed body" "$n_rps" "$n_p50" "$n_p99"
awk -v q="$q_rps" -v u="$u_rps" -v n="$n_rps" 'BEGIN {
    printf "quiver / uvicorn: %.2fx (goal >= 3x)\n", q / u
    printf "quiver / nginx:   %.2fx (goal >= 0.5x)\n", q / n
}'
