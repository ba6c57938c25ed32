#!/usr/bin/env bash
# JSON throughput of Catalog's and Sandbox's parse/serialize (release builds), with CPython's json module as
# the peer, and optionally the same benchmark built from a second source tree (before a change) side by side.
#   Benchmarks/json/run.sh [SECONDS_PER_OPERATION=2] [BEFORE_ROOT]
# BEFORE_ROOT is another checkout of the repository (e.g. `git worktree add /tmp/before main`); its
# Sources/Sandbox and Sources/Catalog are measured with the same driver and the ratio after/before printed.
set -euo pipefail
SECONDS_PER_OP="${1:-2}"
BEFORE="${2:-}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$ROOT/.build-json-bench"
mkdir -p "$WORK/docs" && rm -f "$WORK"/*.jsonl
python3 "$HERE/make_documents.py" "$ROOT" "$WORK/docs"
DOCS=("$WORK/docs/catalog.json" "$WORK/docs/strings.json")

# One package copy per source tree: the manifest and driver from here, the modules as symlinks.
build() {  # label tree
    local dir="$WORK/$1"
    mkdir -p "$dir/Sources"
    cp "$HERE/Package.swift" "$dir/"
    rm -rf "$dir/Sources/JSONBench" && cp -R "$HERE/Sources/JSONBench" "$dir/Sources/"
    for module in Sandbox SandboxJSON Catalog JSONCore; do
        rm -f "$dir/Sources/$module"
        if [ -d "$2/Sources/$module" ]; then ln -s "$2/Sources/$module" "$dir/Sources/$module"; fi
    done
    echo "building $1 from $2 (release)..." >&2
    (cd "$dir" && swift build -c release --product JSONBench 2>&1 | grep -E 'error|Build complete' >&2)
    echo "$(cd "$dir" && swift build -c release --show-bin-path)/JSONBench"
}

AFTER_BIN="$(build after "$ROOT")"
"$AFTER_BIN" "$SECONDS_PER_OP" "${DOCS[@]}" > "$WORK/after.jsonl"
python3 "$HERE/peer.py" "$SECONDS_PER_OP" "${DOCS[@]}" > "$WORK/peer.jsonl"
if [ -n "$BEFORE" ]; then
    BEFORE_BIN="$(build before "$(cd "$BEFORE" && pwd)")"
    # alternate the two builds (before, after, before) and keep each one's best, so drift in machine
    # load during the run does not favour either
    "$BEFORE_BIN" "$SECONDS_PER_OP" "${DOCS[@]}" > "$WORK/before.jsonl"
    "$AFTER_BIN" "$SECONDS_PER_OP" "${DOCS[@]}" > "$WORK/after2.jsonl"
    "$BEFORE_BIN" "$SECONDS_PER_OP" "${DOCS[@]}" > "$WORK/before2.jsonl"
fi

python3 - "$WORK" <<'PY'
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
def load(name):
    p = work / name
    rows = [json.loads(line) for line in p.read_text().split("\n") if line] if p.exists() else []
    return {(r["document"], r["operation"]): r.get("mb_per_s", r.get("output_fnv1a")) for r in rows}
after, after2, before, before2, peer = (load(n) for n in ("after.jsonl", "after2.jsonl", "before.jsonl", "before2.jsonl", "peer.jsonl"))
for (doc, op), fingerprint in after.items():
    if isinstance(fingerprint, str) and before:
        same = fingerprint == before.get((doc, op))
        print(f"{doc:14} {op:26} output identical to before: {'yes' if same else 'NO'}")
after = {k: v for k, v in after.items() if not isinstance(v, str)}
print(f"{'document':14} {'operation':26} {'after MB/s':>10} {'before MB/s':>11} {'after/before':>12} {'python MB/s':>11} {'after/python':>12}")
for (doc, op), mb in after.items():
    if after2: mb = max(mb, after2[(doc, op)])  # best of the two runs of each build
    b = max(before.get((doc, op), 0), before2.get((doc, op), 0)) or None
    py = peer.get((doc, "python." + op.split(".")[1]))
    cols = [f"{mb:10.1f}", f"{b:11.1f}" if b else f"{'-':>11}", f"{mb / b:12.2f}" if b else f"{'-':>12}",
            f"{py:11.1f}" if py else f"{'-':>11}", f"{mb / py:12.2f}" if py else f"{'-':>12}"]
    print(f"{doc:14} {op:26} " + " ".join(cols))
PY
