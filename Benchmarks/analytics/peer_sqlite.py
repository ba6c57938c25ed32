#!/usr/bin/env python3
"""Peer for the analytics write benchmark: Python's stdlib sqlite3 writing the same rows into the same
schema (copied from the database the Swift benchmark created), the way a Python service would:
`normal` = batches of 512 runs per transaction with synchronous=NORMAL (executemany);
`full` = one transaction per run with synchronous=FULL (each request commits its own run).
Usage: peer_sqlite.py SCHEMA_DB OUT_DIR RUNS_NORMAL RUNS_FULL"""
import json, os, sqlite3, sys, time

schema_db, out_dir, runs_normal, runs_full = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
TOOLS = ["weather.current", "math.eval", "web.search", "calendar.next", "fx.convert", "unit.convert", "news.top"]
PLAN = 'let w = weather.current(city: "Lisbon")\nlet fx = fx.convert(amount: 20, from: "EUR", to: "USD")\n{"weather": w, "usd": fx}'
ROWS_PER_RUN = 7


def open_db(path, synchronous):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    src = sqlite3.connect(schema_db)
    ddl = [r[0] for r in src.execute(
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table','index') ORDER BY type DESC, rowid")]
    src.close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA synchronous = {synchronous}")
    for statement in ddl:
        db.execute(statement)
    return db


def write_run(db, index, worker=0):
    start = int(time.time() * 1000)
    db.execute(
        "INSERT INTO runs (id, kind, started_at, finished_at, status, query_text, model, tools_considered, plan_text, repairs,"
        " tool_calls, prompt_tokens, completion_tokens, llm_ms, tools_ms, search_ms, overhead_ms, api_key_id)"
        " VALUES (?, 'query', ?, ?, 'ok', ?, ?, ?, ?, ?, 3, 1250, 96, 700, 120, 1.8, 0.9, ?)",
        (f"bench-{worker}-{index}-{start}", start, start + 850,
         f"What will the weather be in Lisbon tomorrow, and convert 20 EUR to USD? #{index}", "qwen2.5-0.5b-instruct",
         json.dumps(TOOLS[:5]), PLAN, 1 if index % 5 == 0 else 0, f"key-{worker % 4}"))
    seq = db.execute("SELECT last_insert_rowid()").fetchone()[0]
    db.executemany(
        "INSERT INTO llm_calls (run_seq, ordinal, purpose, model, started_at, duration_ms, status, prompt_tokens, completion_tokens, attempts)"
        " VALUES (?, ?, ?, 'qwen2.5-0.5b-instruct', ?, ?, 'ok', ?, ?, 1)",
        [(seq, 0, "plan", start + 3, 520, 1100, 80), (seq, 1, "answer", start + 700, 180, 150, 16)])
    db.executemany(
        "INSERT INTO tool_calls (run_seq, ordinal, tool, started_at, duration_ms, status, args_bytes, result_bytes, error_type)"
        " VALUES (?, ?, ?, ?, ?, ?, 64, 512, ?)",
        [(seq, t, TOOLS[(index + t) % len(TOOLS)], start + 20, index % 97 + 0.25,
          "error" if index % 50 == 0 else "ok", "timeout" if index % 50 == 0 else None) for t in range(3)])
    db.execute(
        "INSERT INTO searches (run_seq, ordinal, query_text, k, results, started_at, duration_ms) VALUES (?, 0, ?, 5, ?, ?, 1.8)",
        (seq, "weather Lisbon tomorrow convert EUR USD",
         json.dumps([{"score": 1.0 / (i + 1), "tool": t} for i, t in enumerate(TOOLS[:5])]), start + 1))


def bench_normal(n):
    db = open_db(os.path.join(out_dir, "peer-normal.db"), "NORMAL")
    t0 = time.perf_counter()
    for batch_start in range(0, n, 512):
        db.execute("BEGIN IMMEDIATE")
        for i in range(batch_start, min(n, batch_start + 512)):
            write_run(db, i)
        db.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed


def bench_inline(n):
    """A request that records its own run before answering: one commit per run, synchronous=NORMAL."""
    db = open_db(os.path.join(out_dir, "peer-inline.db"), "NORMAL")
    latencies = []
    for i in range(n):
        t = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        write_run(db, i)
        db.execute("COMMIT")
        latencies.append(time.perf_counter() - t)
    db.close()
    latencies.sort()
    pick = lambda p: latencies[max(0, min(len(latencies) - 1, int(p * len(latencies) + 0.999999) - 1))] * 1e6
    print(f"python inline (request path): {n} runs, one commit each with synchronous=NORMAL; per-run p50 {pick(0.5):.1f} us, p99 {pick(0.99):.1f} us")


def bench_full(n):
    db = open_db(os.path.join(out_dir, "peer-full.db"), "FULL")
    t0 = time.perf_counter()
    for i in range(n):
        db.execute("BEGIN IMMEDIATE")
        write_run(db, i)
        db.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed


bench_inline(min(runs_normal, 20000))
for name, n, fn, how in (("normal", runs_normal, bench_normal, "batches of 512"),
                         ("full", runs_full, bench_full, "one commit per run")):
    s = fn(n)
    print(f"python {name}: {n} runs in {s:.2f} s = {n / s:.0f} runs/s = {n * ROWS_PER_RUN / s:.0f} rows/s ({how}, sqlite3 {sqlite3.sqlite_version})")
