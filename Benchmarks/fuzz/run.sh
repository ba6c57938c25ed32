#!/usr/bin/env bash
# Fuzzes the Sandbox module (parser, checker, evaluator, plan runner, JSON, regex) with libFuzzer.
#   Benchmarks/fuzz/run.sh SECONDS [extra libFuzzer flags...]
# Builds Sources/Sandbox + FuzzEntry.swift with swiftc -sanitize=fuzzer,address into .build-fuzz/,
# seeds a corpus from seeds.txt (CEL conformance expressions, regex cases, example plans; one input
# per line, first byte = mode, see FuzzEntry.swift), and runs for SECONDS. Exits non-zero on any
# crash, sanitizer report, timeout (an input running over 10 s) or out-of-memory; the input that
# failed is left in .build-fuzz/artifacts/.
set -euo pipefail
SECONDS_TO_RUN="${1:?usage: run.sh SECONDS [libFuzzer flags...]}"
shift
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/.build-fuzz"
mkdir -p "$OUT/corpus" "$OUT/artifacts"

echo "fuzz: building (swiftc -O -sanitize=fuzzer,address)..."
# Compile a snapshot, so edits made while the (slow) sanitizer build runs cannot break it.
rm -rf "$OUT/src" && mkdir -p "$OUT/src" && cp -R "$ROOT/Sources/Sandbox" "$OUT/src/Sandbox" && cp "$HERE/FuzzEntry.swift" "$OUT/src/"
mapfile -t SOURCES < <(find "$OUT/src/Sandbox" -name '*.swift' | sort)
swiftc -parse-as-library -module-name SandboxFuzz -swift-version 6 -O -g \
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
    -enable-upcoming-feature InternalImportsByDefault \
    -sanitize=fuzzer,address \
    "${SOURCES[@]}" "$OUT/src/FuzzEntry.swift" -o "$OUT/sandbox-fuzz" 2> "$OUT/build.log" || {
    grep -v 'Cannot export local symbol' "$OUT/build.log" >&2
    exit 2
}

# One seed file per line of seeds.txt (the corpus directory keeps what the fuzzer adds across runs).
awk -v dir="$OUT/corpus" '{ f = sprintf("%s/seed-%05d", dir, NR); printf "%s", $0 > f; close(f) }' "$HERE/seeds.txt"
echo "fuzz: $(ls "$OUT/corpus" | wc -l) corpus inputs; running for ${SECONDS_TO_RUN}s"

set +e
"$OUT/sandbox-fuzz" "$OUT/corpus" \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -artifact_prefix="$OUT/artifacts/" -print_final_stats=1 "$@" 2>&1 | tee "$OUT/fuzz.log" | grep -E 'pulse|DONE|ERROR|SUMMARY|crash-|timeout-|oom-|stat::number_of_executed_units|Done '
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    echo "fuzz: FAILED (exit $status); see $OUT/fuzz.log and $OUT/artifacts/" >&2
    exit "$status"
fi
echo "fuzz: clean after ${SECONDS_TO_RUN}s"
