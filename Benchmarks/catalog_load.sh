#!/bin/sh
# Catalog load time for a synthetic catalog of N tools (default 10000), with Python's json.loads of
# the same file as the reference point. Usage: Benchmarks/catalog_load.sh [N]
set -eu
cd "$(dirname "$0")/.."
N="${1:-10000}"
FILE="$(mktemp /tmp/quiver-catalog-XXXXXX.json)"
swift build -c release --product CatalogLoadBenchmark >/dev/null
"$(swift build -c release --show-bin-path)/CatalogLoadBenchmark" catalog "$N" "$FILE" | tee /tmp/quiver-catalog-bench.txt
python3 - "$FILE" <<'PY'
import json, sys, time
data = open(sys.argv[1], "rb").read()
best = min((lambda t: (json.loads(data), time.process_time() - t)[1])(time.process_time()) for _ in range(5))
ours = float(open("/tmp/quiver-catalog-bench.txt").read().split("parse_ms=")[1].split()[0])
print(f"python json.loads_ms={best*1000:.1f}  ratio python/quiver parse={best*1000/ours:.2f}")
PY
rm -f "$FILE"
