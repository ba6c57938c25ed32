#!/usr/bin/env python3
"""Synthesises speed-test catalogs of N tools from real tool text (Seal-Tools and MetaTool).

  synth.py DATA CACHE N [N ...]

Tool i starts from real tool i mod T; past the first T it gets a second real tool's name word,
a clause of its description and parameters, so texts stay realistic but distinct. Its vector mixes
the two real tools' MiniLM vectors (from CACHE/<dataset>/quiver-tools.f32) plus a little noise,
L2-normalised. Writes CACHE/synth/N/{catalog.json,tools.f32} and CACHE/synth/{queries.jsonl,queries.f32}
(200 Seal-Tools queries with their vectors).
"""
import json, os, random, re, sys
import numpy as np

data, cache = sys.argv[1], sys.argv[2]
sizes = [int(x) for x in sys.argv[3:]]
tools, vecs = [], []
for name in ["seal-tools", "metatool"]:
    cat = json.load(open(os.path.join(data, name, "catalog.json"), encoding="utf-8"))
    v = np.fromfile(os.path.join(cache, name, "quiver-tools.f32"), dtype="<f4").reshape(len(cat), -1)
    tools += cat
    vecs.append(v)
vecs = np.concatenate(vecs)
T = len(tools)
rng = random.Random(20261123)
nrng = np.random.default_rng(20261123)
out = os.path.join(cache, "synth")
os.makedirs(out, exist_ok=True)

for n in sizes:
    catalog, rows = [], np.empty((n, vecs.shape[1]), dtype="<f4")
    for i in range(n):
        a = i % T
        base = dict(tools[a])
        if i >= T:
            b = rng.randrange(T)
            other = tools[b]
            word = (re.findall(r"[A-Za-z]+", other["name"]) or ["x"])[-1]
            base["name"] = f'{base["name"]}{word.capitalize()}{i}'
            clause = other.get("description", "").split(",")[0]
            base["description"] = f'{base.get("description", "")} Also: {clause}'
            props = dict((base.get("parameters") or {}).get("properties", {}))
            props.update((other.get("parameters") or {}).get("properties", {}))
            base["parameters"] = {"type": "object", "properties": props}
            v = vecs[a] + 0.35 * vecs[b] + nrng.normal(0, 0.02, vecs.shape[1])
        else:
            v = vecs[a]
        rows[i] = v / np.linalg.norm(v)
        catalog.append(base)
    d = os.path.join(out, str(n))
    os.makedirs(d, exist_ok=True)
    json.dump(catalog, open(os.path.join(d, "catalog.json"), "w", encoding="utf-8"))
    rows.tofile(os.path.join(d, "tools.f32"))
    print(f"synth {n}: {d}")

queries = [json.loads(l) for l in open(os.path.join(data, "seal-tools", "queries-dev.jsonl"), encoding="utf-8")]
qv = np.fromfile(os.path.join(cache, "seal-tools", "queries.f32"), dtype="<f4").reshape(len(queries), -1)
pick = sorted(rng.sample(range(len(queries)), 200))
with open(os.path.join(out, "queries.jsonl"), "w", encoding="utf-8") as f:
    for i in pick:
        f.write(json.dumps(queries[i]["query"]) + "\n")
np.ascontiguousarray(qv[pick], dtype="<f4").tofile(os.path.join(out, "queries.f32"))
