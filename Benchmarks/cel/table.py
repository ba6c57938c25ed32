#!/usr/bin/env python3
"""Prints the side-by-side table from the JSON lines of CELBench and peers.py (files given as arguments)."""
import json
import math
import sys

PEERS = [("cel-expr-python", "C++"), ("common-expression-language", "Rust"), ("cel-python", "cel-python")]
GOALS = {"cel-expr-python": 1.0, "cel-python": 100.0}

paths = [a for a in sys.argv[1:] if a != "--no-goals"]
if "--no-goals" in sys.argv:
    GOALS = {}
rates, extra = {}, []
for path in paths:
    with open(path) as handle:
        for line in handle:
            line = line.strip()
            if not line.startswith("{"):
                continue
            row = json.loads(line)
            if "runtime" in row:
                rates[(row["runtime"], row["expression"])] = row["evals_per_second"]
            else:
                extra.append(row)

expressions = sorted({expression for (_, expression) in rates})
present = [(key, label) for key, label in PEERS if any((key, e) in rates for e in expressions)]
header = ["expression", "Quiver"] + [label for _, label in present] + [f"Q/{label}" for _, label in present]
rows = []
ratios = {key: [] for key, _ in present}
for expression in expressions:
    quiver = rates.get(("quiver", expression))
    row = [expression, f"{quiver:,.1f}" if quiver else "-"]
    for key, _ in present:
        peer = rates.get((key, expression))
        row.append(f"{peer:,.2f}" if peer else "-")
    for key, _ in present:
        peer = rates.get((key, expression))
        if quiver and peer:
            ratios[key].append(quiver / peer)
            row.append(f"{quiver / peer:,.2f}x")
        else:
            row.append("-")
    rows.append(row)
geo = ["geometric mean", "", *([""] * len(present))]
for key, _ in present:
    values = ratios[key]
    geo.append(f"{math.exp(sum(map(math.log, values)) / len(values)):,.2f}x" if values else "-")
rows.append(geo)

widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
def show(row):
    print("| " + " | ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))) + " |")
print("Evaluations per second (median of 3 runs), and Quiver's speed-up over each peer:")
show(header)
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for row in rows:
    show(row)
status = 0
for key, goal in GOALS.items():
    values = ratios.get(key)
    if values:
        mean = math.exp(sum(map(math.log, values)) / len(values))
        verdict = "met" if mean >= goal else "NOT met"
        print(f"goal: geometric mean vs {key} >= {goal:g}x: {mean:,.2f}x ({verdict})")
for row in extra:
    if "plan_parse_check" in row:
        p = row["plan_parse_check"]
        print(f"parse + check of a {p['bytes']:,}-byte plan: {p['microseconds']:,.0f} us")
    if "memory" in row:
        m = row["memory"]
        growth = m["rss_end_kib"] - m["rss_start_kib"]
        print(f"memory: RSS {m['rss_start_kib']:,} KiB at start, {m['rss_end_kib']:,} KiB after {m['rounds']:,} rounds "
              f"(each: compile + evaluate all five, evaluate E5 again); growth {growth:+,} KiB")
