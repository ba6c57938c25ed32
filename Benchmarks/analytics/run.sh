#!/bin/sh
# Analytics write benchmark: Swift AnalyticsWriter vs Python's sqlite3 writing the same rows into the
# same schema, in one run. Prints runs/s and rows/s for durability normal and full, the latency of
# record() on the request path, the database size per 100,000 runs, and the Swift/Python ratios.
# Needs: swift, python3 (stdlib only), libsqlite3-dev.
# Usage: Benchmarks/analytics/run.sh [RUNS_NORMAL=100000] [RUNS_FULL=20000] [PEER_RUNS_FULL=2000]
# (the Python peer commits each run alone with synchronous=FULL, about 100-200 runs/s, hence fewer runs)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
runs_normal=${1:-100000}
runs_full=${2:-20000}
peer_runs_full=${3:-2000}
out=${TMPDIR:-/tmp}/quiver-analytics-bench
swift build -c release --package-path "$here" >/dev/null
bin=$(swift build -c release --package-path "$here" --show-bin-path)/AnalyticsBench
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
swift_out=$("$bin" "$out" "$runs_normal" "$runs_full" 8 64)
echo "$swift_out"
peer_out=$(python3 "$here/peer_sqlite.py" "$out/normal.db" "$out" "$runs_normal" "$peer_runs_full")
echo "$peer_out"
rate() { echo "$1" | grep "^$2:" | sed 's/.*= \([0-9]*\) runs\/s.*/\1/'; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
echo "ratio normal (writer with 8 producers vs Python batches): $(ratio "$(rate "$swift_out" 'swift normal')" "$(rate "$peer_out" 'python normal')")x"
echo "ratio insert path only (store.write vs Python batches): $(ratio "$(rate "$swift_out" 'swift store.write only')" "$(rate "$peer_out" 'python normal')")x"
echo "ratio full (group commit, 64 waiting requests vs one commit per run): $(ratio "$(rate "$swift_out" 'swift full')" "$(rate "$peer_out" 'python full')")x"
echo "not measured here: request p99 of /v1/plans/run with analytics both vs none (needs the server; see docs)"
