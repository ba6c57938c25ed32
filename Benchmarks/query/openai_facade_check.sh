#!/usr/bin/env bash
# End-to-end check of the OpenAI-compatible facade with the official `openai` Python package (installed
# into its own venv by openai_client.sh): starts a fake OpenAI upstream (fake_llm.py: a fixed plan, the
# answer streamed word by word), `quiver serve` in front of it, then runs openai_client.py (models, a
# completion, a streamed completion that must arrive in several chunks).
#   Benchmarks/query/openai_facade_check.sh        (QUIVER_BIN=path, else a debug build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ -z "${QUIVER_BIN:-}" ]; then
    (cd "$root" && swift build --product quiver >/dev/null)
    QUIVER_BIN="$(cd "$root" && swift build --show-bin-path)/quiver"
fi
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
llm_port=18097
port=18096
python3 "$here/fake_llm.py" $llm_port &
echo '{}' >"$work/q.json"
QUIVER_LLM_BASE_URL="http://127.0.0.1:$llm_port/v1" QUIVER_LLM_MODEL=fake \
    "$QUIVER_BIN" serve --config "$work/q.json" --catalog "$root/catalog" --port $port --log-level warning \
    --rate-limit-requests-per-minute 0 >"$work/quiver.log" 2>&1 &
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
EXPECT_STREAMED_CHUNKS=4 "$here/openai_client.sh" "http://127.0.0.1:$port/v1"
