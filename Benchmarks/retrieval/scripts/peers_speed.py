"""Speed of the Python peer on the synthesised catalogs: bm25s + a numpy dot product, fused with
the ToolWeaver formula and a top-10 by argpartition. Same BLAS (OpenBLAS) as Quiver."""
import json, os, resource, time
import numpy as np


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def run(cache, out):
    import bm25s
    from peers import tool_text
    queries = [json.loads(l) for l in open(os.path.join(cache, "synth", "queries.jsonl"), encoding="utf-8")]
    qv = np.fromfile(os.path.join(cache, "synth", "queries.f32"), dtype="<f4").reshape(len(queries), -1)
    result = {}
    for n in [1000, 10000, 100000]:
        d = os.path.join(cache, "synth", str(n))
        tools = json.load(open(os.path.join(d, "catalog.json"), encoding="utf-8"))
        t0 = time.perf_counter()
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize([tool_text(t) for t in tools], stopwords="en", show_progress=False), show_progress=False)
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        tv = np.fromfile(os.path.join(d, "tools.f32"), dtype="<f4").reshape(n, -1)
        load = time.perf_counter() - t0
        qtok = [bm25s.tokenize([q], stopwords="en", show_progress=False, return_ids=False)[0] for q in queries]
        lat = {"bm25": [], "dot": [], "fused": []}
        cpu = {"bm25": [], "dot": [], "fused": []}
        pt = time.process_time
        for rep in range(2):
            for i, q in enumerate(queries):
                c0 = pt()
                t0 = time.perf_counter()
                s = retriever.get_scores(qtok[i]) if qtok[i] else np.zeros(n, dtype=np.float32)
                top = np.argpartition(-s, 10)[:10]
                top = top[np.argsort(-s[top])]
                t1 = time.perf_counter()
                c1 = pt()
                c = tv @ qv[i]
                topc = np.argpartition(-c, 10)[:10]
                topc = topc[np.argsort(-c[topc])]
                t2 = time.perf_counter()
                c2 = pt()
                s = retriever.get_scores(qtok[i]) if qtok[i] else np.zeros(n, dtype=np.float32)
                c = tv @ qv[i]
                mx = s.max()
                f = 0.3 * (s / mx if mx > 0 else s) + 0.7 * (c + 1) / 2
                topf = np.argpartition(-f, 10)[:10]
                topf = topf[np.argsort(-f[topf])]
                t3 = time.perf_counter()
                c3 = pt()
                if rep == 1:
                    cpu["bm25"].append(c1 - c0)
                    cpu["dot"].append(c2 - c1)
                    cpu["fused"].append(c3 - c2)
                    lat["bm25"].append(t1 - t0)
                    lat["dot"].append(t2 - t1)
                    lat["fused"].append(t3 - t2)
        result[str(n)] = {k: {"p50_ms": 1000 * pct(v, 50), "p99_ms": 1000 * pct(v, 99), "cpu_p50_ms": 1000 * pct(cpu[k], 50)}
                          for k, v in lat.items()}
        result[str(n)]["build_s"] = build
        result[str(n)]["load_vectors_s"] = load
        result[str(n)]["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(n, json.dumps(result[str(n)]))
    json.dump(result, open(out, "w"), indent=1)
