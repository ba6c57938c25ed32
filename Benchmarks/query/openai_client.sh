#!/usr/bin/env bash
# Runs openai_client.py (the official openai package, in its own venv) against a running Quiver.
# Usage: Benchmarks/query/openai_client.sh [BASE_URL]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venvs="${QUIVER_BENCH_VENVS:-$HOME/.cache/quiver-bench}"
if [ ! -x "$venvs/openai/bin/python" ] || ! "$venvs/openai/bin/python" -c 'import openai' 2>/dev/null; then
    mkdir -p "$venvs"
    python3 -m venv "$venvs/openai"
    "$venvs/openai/bin/pip" install -q openai
fi
exec "$venvs/openai/bin/python" "$here/openai_client.py" "$@"
