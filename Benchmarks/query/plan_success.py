"""Plan success rate of a real model behind Quiver, with and without the GBNF grammar.

Sends each query of QUERIES to POST /v1/query on a running `quiver serve` and counts: a valid plan
(parsed and checked, possibly after repairs), the repairs it took, and runs that produced a result.
Usage: python3 plan_success.py URL LABEL   (stdlib only; PLAN_QUERIES=N uses the first N queries)
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

# Queries in the spirit of sandbox/examples, over the bundled builtin tools.
QUERIES = [
    "What is 17 times 23?",
    "Add 1234 and 4321.",
    "What is 2 to the power of 10?",
    "Divide 100 by 8.",
    "Round 3.14159 to 2 decimal places.",
    "What is the mean of 3, 5 and 10?",
    "What is the median of 7, 1, 4, 9 and 3?",
    "Convert 10 kilometers to miles.",
    "Convert 100 degrees Fahrenheit to Celsius.",
    "How many words are in the sentence 'the quick brown fox jumps'?",
    "Make the text 'hello world' upper case.",
    "What time is it now in Europe/Paris?",
    "Subtract 58 from 1000.",
    "What is 15 percent of 240?",
    "What is the standard deviation of 2, 4, 4, 4, 5, 5, 7 and 9?",
    "Multiply 12.5 by 8 and then add 3.",
]


def main():
    url, label = sys.argv[1], sys.argv[2]
    queries = QUERIES[: int(os.environ.get("PLAN_QUERIES", len(QUERIES)))]
    valid = results = repairs = 0
    errors = {}
    started = time.time()
    for q in queries:
        body = json.dumps({"query": q, "k": 4}).encode()
        req = urllib.request.Request(url + "/v1/query", data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=300) as r:
                out = json.load(r)
        except urllib.error.HTTPError as e:
            out = json.load(e)
        err = (out.get("error") or {}).get("type")
        repairs += out.get("repairs") or 0
        if err != "plan_invalid" and out.get("plan") and err not in ("llm_error", "invalid_request"):
            valid += 1
        if err is None:
            results += 1
        errors[err or "ok"] = errors.get(err or "ok", 0) + 1
    n = len(queries)
    print(f"{label:>12}: valid plans {valid}/{n} ({100 * valid / n:.0f}%), results {results}/{n}, "
          f"repairs {repairs} ({repairs / n:.2f}/query), outcomes {errors}, {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
