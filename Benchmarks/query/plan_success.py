"""Plan success rate of a real model behind Quiver, per constraint mode.

Sends each query of queries.json (the requests of sandbox/examples and builtin-tool questions) to
POST /v1/query on a running `quiver serve` and counts: a valid plan (parsed and checked, possibly after
repairs), valid at the first try, the repairs made, and runs that produced a result (tools that need the
network fail here; that does not make the plan invalid). Stdlib only.
Usage: python3 plan_success.py URL LABEL [--json OUT]   (PLAN_QUERIES=N uses the first N queries)
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def load_queries():
    with open(os.path.join(HERE, "queries.json")) as f:
        queries = json.load(f)["queries"]
    return queries[: int(os.environ.get("PLAN_QUERIES", len(queries)))]


def ask(url, item):
    body = {"query": item["query"], "k": int(os.environ.get("PLAN_K", "4"))}
    if "context" in item:
        body["context"] = item["context"]
    req = urllib.request.Request(url + "/v1/query", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=900) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return json.load(e)


def main():
    url, label = sys.argv[1], sys.argv[2]
    out_path = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--json" else None
    queries = load_queries()
    valid = first = results = repairs = 0
    outcomes = {}
    rows = []
    started = time.time()
    for item in queries:
        t0 = time.time()
        out = ask(url, item)
        err = (out.get("error") or {}).get("type")
        n_repairs = out.get("repairs") or 0
        ok = err not in ("plan_invalid", "llm_error", "invalid_request") and bool(out.get("plan"))
        valid += ok
        first += ok and n_repairs == 0
        repairs += n_repairs
        results += err is None
        outcomes[err or "ok"] = outcomes.get(err or "ok", 0) + 1
        plan = (out.get("plan") or "").replace("\n", " ")
        print(f"  [{label}] {'valid  ' if ok else 'invalid'} repairs={n_repairs} {time.time() - t0:5.1f}s {item['query'][:60]!r} -> {plan[:110]}",
              flush=True)
        rows.append({"query": item["query"], "valid": ok, "repairs": n_repairs, "error": err, "plan": out.get("plan")})
    n = len(queries)
    summary = {"mode": label, "queries": n, "valid": valid, "first_try": first, "repairs": repairs, "results": results,
               "outcomes": outcomes, "seconds": round(time.time() - started)}
    print(f"{label:>12}: valid plans {valid}/{n} ({100 * valid / n:.0f}%), first try {first}, repairs {repairs} "
          f"({repairs / n:.2f}/query), results {results}/{n}, outcomes {outcomes}, {summary['seconds']} s", flush=True)
    if out_path:
        with open(out_path, "w") as f:
            json.dump({"summary": summary, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
