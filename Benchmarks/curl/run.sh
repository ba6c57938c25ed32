#!/usr/bin/env bash
# CurlHTTP vs AsyncHTTPClient: N sequential GETs (default 10,000) to a local NIO server, one connection each.
# Usage: Benchmarks/curl/run.sh [requests]
set -euo pipefail
cd "$(dirname "$0")"
if ! pkg-config --exists libcurl 2>/dev/null && [ ! -f /usr/include/x86_64-linux-gnu/curl/curl.h ] && [ ! -f /usr/include/curl/curl.h ]; then
    echo "installing libcurl4-openssl-dev" >&2
    apt-get install -y libcurl4-openssl-dev
fi
mkdir -p .build-root && ln -sfn ../../.. .build-root/Quiver
# The root package is seen through a symlink, so SwiftPM does not notice files added to it: drop the cached
# build plan (only the plan; objects are kept).
rm -f .build/release.yaml .build/*/release/description.json
swift build -c release --product CurlBenchmark
"$(swift build -c release --show-bin-path)/CurlBenchmark" "${1:-10000}"
