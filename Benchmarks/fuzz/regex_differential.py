#!/usr/bin/env python3
"""Differential check of LinearRegex (RE2 semantics) against Python's re (Perl semantics) on random
patterns from the subset where the two agree: literals, ., classes, \\d \\w \\s (ASCII), groups,
alternation, greedy and lazy repetition, ^ $ and (?i). Prints every case whose first match differs.

    Benchmarks/fuzz/regex_differential.py [COUNT=3000] [SEED=1]

Known: nested loops whose bodies can match empty (e.g. `(.??)*([^a])+`) may differ, as RE2 and Perl
differ there; everything else must agree. Exits 1 when more than 0.5% of the cases differ.
"""
import os
import random
import re
import subprocess
import sys

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
ATOMS = ["a", "b", "c", ".", "[ab]", "[^a]", "\\d", "\\w", "\\s", "[a-c]", "x", "\\.", "[[:alpha:]]", "é"]
QUANTIFIERS = ["*", "+", "?", "*?", "+?", "??", "{2}", "{1,3}", "{0,2}?", "{2,}"]


def pattern(depth=0):
    r = random.random()
    if depth > 3 or r < 0.35:
        return random.choice(ATOMS)
    if r < 0.55:
        return pattern(depth + 1) + pattern(depth + 1)
    if r < 0.65:
        return pattern(depth + 1) + "|" + pattern(depth + 1)
    if r < 0.75:
        return "(" + pattern(depth + 1) + ")"
    if r < 0.8:
        return "(?:" + pattern(depth + 1) + ")"
    return "(" + pattern(depth + 1) + ")" + random.choice(QUANTIFIERS)


cases = []
while len(cases) < COUNT:
    p = pattern()
    if random.random() < 0.1:
        p = "^" + p
    if random.random() < 0.1:
        p = p + "$"
    if random.random() < 0.1:
        p = "(?i)" + p
    t = "".join(random.choice("abcxAB .1é_") for _ in range(random.randint(0, 12)))
    if "é" in t and any(k in p for k in ("\\w", "\\s", "\\d", "[[:")):
        continue  # Python's classes are Unicode-aware on str; RE2's are ASCII
    oracle = p.replace("[[:alpha:]]", "[a-zA-Z]")
    try:
        m = re.search(oracle, t, re.ASCII if "é" not in p + t else 0)
    except re.error:
        continue
    cases.append((p, t, "-" if m is None else f"{m.start()} {m.end()}"))

here = os.path.dirname(os.path.abspath(__file__))
package = os.path.join(here, "..", "cel")
subprocess.run(["swift", "build", "-c", "release", "--product", "RegexDiff"], cwd=package, check=True,
               stdout=subprocess.DEVNULL)
binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=package, check=True,
                        capture_output=True, text=True).stdout.strip() + "/RegexDiff"
stdin = "".join(f"{p}\t{t}\n" for p, t, _ in cases)
got = subprocess.run([binary], input=stdin, capture_output=True, text=True, check=True).stdout.splitlines()
differ = [(p, t, want, have) for (p, t, want), have in zip(cases, got) if want != have]
for p, t, want, have in differ:
    print(f"differs: /{p}/ on {t!r}: re {want}, LinearRegex {have}")
print(f"regex-differential: {len(cases) - len(differ)}/{len(cases)} agree with Python re")
sys.exit(1 if len(differ) > len(cases) * 0.005 else 0)
