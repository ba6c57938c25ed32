#!/usr/bin/env bash
# Side-by-side CEL benchmark: Quiver's evaluator (this package, release build) against
# cel-expr-python (Google's C++ runtime), common-expression-language (Rust) and cel-python,
# on expressions.json with the same bindings. Prints evaluations per second, the ratios
# Quiver/peer with their geometric means, the parse-and-check time of a 16 KiB plan, and the
# resident memory at the start and end of a long run of evaluations.
#   Benchmarks/cel/run.sh [SECONDS_PER_RUN=2] [MEMORY_SECONDS=20]
set -euo pipefail
PER_RUN="${1:-2}"
MEMORY_SECONDS="${2:-20}"
cd "$(dirname "$0")"
OUT=.build/results
mkdir -p "$OUT"

# Peers: the shared venv when it has them, else our own venv (created once).
PY=""
for candidate in /opt/peers/bin/python .venv/bin/python; do
    if [ -x "$candidate" ] && "$candidate" -c 'import cel_expr_python, cel, celpy' 2>/dev/null; then PY="$candidate"; break; fi
done
if [ -z "$PY" ]; then
    echo "creating .venv with the peers..." >&2
    python3 -m venv .venv
    .venv/bin/pip install --quiet cel-expr-python==0.1.3 common-expression-language==0.10.0 cel-python==0.5.0
    PY=.venv/bin/python
fi

echo "building CELBench (release)..." >&2
swift build -c release --product CELBench 2>&1 | grep -E 'error|Compiling|Build complete' >&2 || true
BIN="$(swift build -c release --show-bin-path)/CELBench"

echo "running Quiver (${PER_RUN}s x 3 per expression)..." >&2
"$BIN" --seconds "$PER_RUN" --memory-seconds "$MEMORY_SECONDS" | tee "$OUT/quiver.jsonl" >&2
echo "running the peers (${PER_RUN}s x 3 per expression)..." >&2
"$PY" peers.py --seconds "$PER_RUN" | tee "$OUT/peers.jsonl" >&2
echo "running regex.json (Quiver's own set; RE2 in C++, the regex crate in Rust, re in Python)..." >&2
"$BIN" --file regex.json --seconds "$PER_RUN" --memory-seconds 0 --plan-seconds 0 | tee "$OUT/quiver-regex.jsonl" >&2
"$PY" peers.py --file regex.json --seconds "$PER_RUN" | tee "$OUT/peers-regex.jsonl" >&2
echo
python3 table.py "$OUT/quiver.jsonl" "$OUT/peers.jsonl"
echo
echo "Regular expressions (regex.json; not part of the goals):"
python3 table.py --no-goals "$OUT/quiver-regex.jsonl" "$OUT/peers-regex.jsonl"
