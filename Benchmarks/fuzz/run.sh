#!/usr/bin/env bash
# Fuzzes the Sandbox module (parser, checker, evaluator, plan runner, JSON, regex) with libFuzzer.
#   Benchmarks/fuzz/run.sh SECONDS [extra libFuzzer flags...]
# Builds Sources/JSONCore, then Sources/Sandbox + Sources/SandboxJSON + FuzzEntry.swift with swiftc -sanitize=fuzzer,address into .build-fuzz/,
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
rm -rf "$OUT/src" "$OUT/modules" && mkdir -p "$OUT/src" "$OUT/modules"
cp -R "$ROOT/Sources/Sandbox" "$OUT/src/Sandbox" && cp -R "$ROOT/Sources/JSONCore" "$OUT/src/JSONCore" && cp "$HERE/FuzzEntry.swift" "$OUT/src/"
# The values' JSON (module SandboxJSON in the package) is compiled into the same module as Sandbox here, so
# that the fuzz entry reaches Sandbox's internals: its `import Sandbox` lines go.
cp -R "$ROOT/Sources/SandboxJSON" "$OUT/src/SandboxJSON"
sed -i -E '/^(public |internal )?import Sandbox$/d' "$OUT"/src/SandboxJSON/*.swift
FLAGS=(-parse-as-library -swift-version 6 -O -g
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault -sanitize=fuzzer,address)
# SandboxJSON imports JSONCore (JSON reading and writing): built first as a static library, instrumented too.
mapfile -t CORE_SOURCES < <(find "$OUT/src/JSONCore" -name '*.swift' | sort)
swiftc "${FLAGS[@]}" -module-name JSONCore -emit-library -static -emit-module -emit-module-path "$OUT/modules/JSONCore.swiftmodule" \
    "${CORE_SOURCES[@]}" -o "$OUT/modules/libJSONCore.a" 2> "$OUT/build.log" || {
    cat "$OUT/build.log" >&2
    exit 2
}
mapfile -t SOURCES < <(find "$OUT/src/Sandbox" "$OUT/src/SandboxJSON" -name '*.swift' | sort)
swiftc "${FLAGS[@]}" -module-name SandboxFuzz -I "$OUT/modules" -L "$OUT/modules" -lJSONCore \
    "${SOURCES[@]}" "$OUT/src/FuzzEntry.swift" -o "$OUT/sandbox-fuzz" 2>> "$OUT/build.log" || {
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
