#!/bin/sh
# Request latency cost of analytics: p50/p99 and requests/s of POST /v1/plans/run (a small builtin-only plan,
# two tool calls) against two `quiver serve` processes of the same release build, one with
# analytics.backend=both (runs in analytics.db + stage metrics), one with none; wrk, alternating rounds.
# Goal: p99(both) <= 1.05 x p99(none).
#
# Two load levels, both printed:
#   - saturated: every connection sends its next request as soon as the last one is answered, so the
#     two cores (shared with wrk) are always busy and p99 is mostly queueing: any CPU the analytics
#     writer uses shows up as added latency. This is a throughput test wearing a latency label.
#   - paced (the operating point): each connection waits between requests so that the total rate is
#     PACE_PERCENT (default 50) of what the `none` server sustained saturated; p99 then measures what a
#     request costs, with headroom for the writer, as a service is run in production.
# Both servers run as shipped: jemalloc preloaded, as the Docker image and the systemd unit do (MALLOC=glibc runs
# them on glibc's malloc instead; the same allocator for both sides either way).
# Usage: Benchmarks/analytics/request_p99.sh [ROUNDS=3] [SECONDS=10] [CONNECTIONS=16]
# Needs: swift, wrk, curl, sqlite3 (apt-get install wrk curl sqlite3).
set -eu
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-16}
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
for tool in wrk curl sqlite3; do
    command -v $tool >/dev/null || { echo "request_p99: $tool is not installed (apt-get install $tool)" >&2; exit 1; }
done

# QUIVER_BIN=path/to/quiver skips the release build (numbers from a debug build are not representative).
if [ -n "${QUIVER_BIN:-}" ]; then
    BIN=$QUIVER_BIN
else
    swift build -c release --product quiver >/dev/null
    BIN="$(swift build -c release --show-bin-path)/quiver"
fi
PRELOAD=""
if [ "${MALLOC:-jemalloc}" = jemalloc ]; then
    for candidate in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
        [ -e "$candidate" ] && PRELOAD="$candidate"
    done
    [ -n "$PRELOAD" ] || { echo "request_p99: libjemalloc2 is not installed (apt-get install libjemalloc2, or MALLOC=glibc)" >&2; exit 1; }
fi
echo "allocator: ${PRELOAD:-glibc malloc}"
WORK=$(mktemp -d)
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM
echo '{}' > "$WORK/empty.json"

# start NAME BACKEND PORT
start() {
    mkdir -p "$WORK/$1"
    LD_PRELOAD="$PRELOAD" "$BIN" serve --config "$WORK/empty.json" --catalog "$ROOT/catalog" --port "$3" --data-dir "$WORK/$1" \
        --analytics-backend "$2" --log-level warning --rate-limit-requests-per-minute 0 2>"$WORK/$1.log" &
    PIDS="$PIDS $!"
    eval "PID_$1=$!"
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$3/ready" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "request_p99: quiver ($1) did not become ready:" >&2; cat "$WORK/$1.log" >&2; exit 1
}
PORT_BOTH=${PORT_BOTH:-18471}
PORT_NONE=${PORT_NONE:-18472}
# BOTH_BACKEND / NONE_BACKEND replace the two sides' backends: NONE_BACKEND=none BOTH_BACKEND=none is an A/A run,
# which shows the benchmark's own noise (0.997x saturated, 1.000x paced on the 2-core machine of RESULTS.md).
start both "${BOTH_BACKEND:-both}" "$PORT_BOTH"
start none "${NONE_BACKEND:-none}" "$PORT_NONE"

PLAN='let s = math_add(a: input.x, b: 2);\nlet p = math_multiply(a: s, b: 3);\nreturn {\"sum\": s, \"product\": p};'
BODY="{\"plan\": \"$PLAN\", \"input\": {\"x\": 40}}"
for port in "$PORT_BOTH" "$PORT_NONE"; do
    code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$port/v1/plans/run")
    if [ "$code" != 200 ]; then
        echo "request_p99: POST /v1/plans/run answered $code on port $port:" >&2; cat "$WORK/probe.json" >&2; echo >&2; exit 1
    fi
done
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[$BODY]==]
LUA
# The paced script: the same request, with a pause per connection (milliseconds, from PACE_DELAY_MS).
cat "$WORK/post.lua" > "$WORK/paced.lua"
cat >> "$WORK/paced.lua" <<'LUA'
local pause = tonumber(os.getenv("PACE_DELAY_MS") or "0")
function delay() return pause end
LUA

# CPU time of a process so far, in ticks of 1/CLK_TCK s (user + system, all its threads), from /proc.
tick_us=$(awk -v t="$(getconf CLK_TCK)" 'BEGIN { print 1000000 / t }')
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# wrk's latency figure in milliseconds: 812.00us, 1.20ms, 1.01s
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
# measure NAME PORT [SCRIPT] -> appends "p50 p99 rps cpu" to $WORK/NAME.results (NAME ends in -both or -none; cpu
# is the server's CPU time per request answered in the round, in microseconds: what each request costs, and so
# what analytics adds to it, to about 1%, where the p99 of a round varies by a few per cent between runs)
measure() {
    eval "pid=\$PID_${1##*-}"
    before=$(process_ticks "$pid")
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/${3:-post}.lua" "http://127.0.0.1:$2/v1/plans/run" > "$WORK/wrk.out"
    after=$(process_ticks "$pid")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")")
    rps=$(awk '$1 == "Requests/sec:" { print $2 }' "$WORK/wrk.out")
    answered=$(awk '/requests in/ { print $1 }' "$WORK/wrk.out")
    cpu=$(awk -v a="$before" -v b="$after" -v n="$answered" -v us="$tick_us" 'BEGIN { printf "%.1f", (n > 0 ? (b - a) * us / n : 0) }')
    errors=$(awk '/Non-2xx/ { print $5 }' "$WORK/wrk.out")
    echo "$p50 $p99 $rps $cpu" >> "$WORK/$1.results"
    echo "  $1: p50 ${p50} ms, p99 ${p99} ms, ${rps} req/s, server CPU ${cpu} us/request${errors:+, non-2xx $errors}"
}

echo "warm-up (5 s each)"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/post.lua" "http://127.0.0.1:$PORT_BOTH/v1/plans/run" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/post.lua" "http://127.0.0.1:$PORT_NONE/v1/plans/run" >/dev/null
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# rounds LABEL SCRIPT: alternating rounds, results in $WORK/LABEL-both.results and LABEL-none.results
rounds() {
    for r in $(seq 1 "$ROUNDS"); do
        echo "$1 round $r/$ROUNDS (wrk -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s)"
        if [ $((r % 2)) -eq 1 ]; then measure "$1-both" "$PORT_BOTH" "$2"; measure "$1-none" "$PORT_NONE" "$2"
        else measure "$1-none" "$PORT_NONE" "$2"; measure "$1-both" "$PORT_BOTH" "$2"; fi
    done
    for side in both none; do
        eval "${1}_${side}_p50=\$(awk '{print \$1}' \"\$WORK/$1-$side.results\" | median)"
        eval "${1}_${side}_p99=\$(awk '{print \$2}' \"\$WORK/$1-$side.results\" | median)"
        eval "${1}_${side}_rps=\$(awk '{print \$3}' \"\$WORK/$1-$side.results\" | median)"
        eval "${1}_${side}_cpu=\$(awk '{print \$4}' \"\$WORK/$1-$side.results\" | median)"
    done
}
rounds saturated post
PACE_PERCENT=${PACE_PERCENT:-50}
target=$(awk -v r="$saturated_none_rps" -v p="$PACE_PERCENT" 'BEGIN { printf "%d", r * p / 100 }')
PACE_DELAY_MS=$(awk -v c="$CONNECTIONS" -v t="$target" 'BEGIN { printf "%d", (t > 0 ? c * 1000 / t : 0) }')
export PACE_DELAY_MS
echo "paced: $PACE_PERCENT% of the saturated 'none' rate ($saturated_none_rps req/s) = about $target req/s: each connection pauses $PACE_DELAY_MS ms"
rounds paced paced
sleep 1
for side in both none; do
    eval "pid=\$PID_$side"
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "request_p99: the '$side' server exited during the run; its log:" >&2; tail -40 "$WORK/$side.log" >&2; exit 1
    fi
done
runs=$(sqlite3 "$WORK/both/analytics.db" 'SELECT COUNT(*) FROM runs' 2>/dev/null || echo "?")
calls=$(sqlite3 "$WORK/both/analytics.db" 'SELECT COUNT(*) FROM tool_calls' 2>/dev/null || echo "?")
dropped=$(curl -s "http://127.0.0.1:$PORT_BOTH/metrics" | awk '/^quiver_analytics_dropped_total/ { s += $2 } END { print s + 0 }')
echo
echo "medians over $ROUNDS rounds ($runs runs, $calls tool calls in analytics.db; $dropped runs dropped):"
for level in saturated paced; do
    eval "bp50=\$${level}_both_p50 bp99=\$${level}_both_p99 brps=\$${level}_both_rps np50=\$${level}_none_p50 np99=\$${level}_none_p99 nrps=\$${level}_none_rps"
    eval "bcpu=\$${level}_both_cpu ncpu=\$${level}_none_cpu"
    echo "$level  analytics both: p50 $bp50 ms, p99 $bp99 ms, $brps req/s, server CPU $bcpu us/request"
    echo "$level  analytics none: p50 $np50 ms, p99 $np99 ms, $nrps req/s, server CPU $ncpu us/request"
    awk -v l="$level" -v a="$bp99" -v b="$np99" -v c="$bp50" -v d="$np50" -v e="$brps" -v f="$nrps" -v g="$bcpu" -v h="$ncpu" 'BEGIN {
        printf "%s  ratio both/none: p99 %.3fx (goal <= 1.05x), p50 %.3fx, throughput %.3fx, CPU per request %.3fx (%+.1f us)\n", l, a / b, c / d, e / f, g / h, g - h }'
done

# Where the CPU went, over the whole run (from /proc): the server per request, and the analytics writer's thread
# (named quiver-sqlite) per run written.
served() { curl -s "http://127.0.0.1:$1/metrics" | awk '/^quiver_requests_total\{route="\/v1\/plans\/run"/ { s += $2 } END { print s + 0 }'; }
writer_ticks() {
    for task in /proc/"$1"/task/*; do
        [ "$(cat "$task/comm" 2>/dev/null)" = quiver-sqlite ] && awk '{ print $14 + $15 }' "$task/stat"
    done | awk '{ s += $1 } END { print s + 0 }'
}
awk -v tb="$(process_ticks "$PID_both")" -v nb="$(served "$PORT_BOTH")" -v tn="$(process_ticks "$PID_none")" -v nn="$(served "$PORT_NONE")" \
    -v tw="$(writer_ticks "$PID_both")" -v runs="$runs" -v us="$tick_us" 'BEGIN {
    if (nb > 0 && nn > 0) printf "server CPU per request: both %.1f us, none %.1f us\n", tb * us / nb, tn * us / nn
    if (runs + 0 > 0) printf "analytics writer thread (quiver-sqlite): %.1f us of CPU per run written\n", tw * us / runs }'
