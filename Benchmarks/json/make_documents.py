"""Writes the benchmark's documents into OUT_DIR: the bundled catalog as one array (tool definitions,
mostly plain ASCII strings and small integers) and a string-heavy document of tool-result-like records
with quotes, newlines, control characters and non-ASCII text (the escaping paths)."""
import json, pathlib, sys

root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
catalog = [json.loads(p.read_text()) for p in sorted((root / "catalog").glob("*.json"))]
(out / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False))
records = [{"id": i, "title": f"Result {i}: \"quoted\" text\twith a tab", "body": "line one\nline two\r\n\u0001 ctrl é 中文 😀 " * 4,
            "score": round(i * 0.731, 3), "tags": ["a", "b\\c", f"t{i}"], "ok": i % 2 == 0, "next": None} for i in range(2000)]
(out / "strings.json").write_text(json.dumps(records, ensure_ascii=False))
