#!/bin/sh
# Tools benchmark: per-call overhead of plan dispatch with a builtin no-op tool, and HTTP tool calls/s
# at 8 concurrent vs direct CurlHTTP calls to the same local server. Usage: Benchmarks/tools/run.sh [CALLS]
set -e
cd "$(dirname "$0")/../.."
swift build -c release --product ToolsBenchmark
"$(swift build -c release --show-bin-path)/ToolsBenchmark" catalog "${1:-2000}"
