#!/usr/bin/env python3
"""The peer side of the encoder benchmark, and the comparison.

  bench.py prepare SEAL_DIR OUT        writes OUT/texts.txt (tool descriptions) and OUT/queries.txt (dev queries)
  bench.py peer --model DIR --out OUT --query Q [--batch 32] [--start-ns N]
                                       sentence-transformers on PyTorch (CPU): same measurements as encoder-bench
  bench.py compare SEAL_DIR OUT        quality (Recall@5, nDCG@10) of both vector sets, agreement, and the table

The peer writes OUT/peer.json and OUT/peer-{texts,queries}.f32; encoder-bench writes OUT/swift.json and
OUT/swift-{texts,queries}.f32.
"""
import json
import math
import os
import resource
import sys
import time


def prepare(seal_dir, out):
    with open(os.path.join(seal_dir, "catalog.json"), encoding="utf-8") as f:
        tools = json.load(f)
    with open(os.path.join(seal_dir, "queries-dev.jsonl"), encoding="utf-8") as f:
        queries = [json.loads(line) for line in f if line.strip()]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "texts.txt"), "w", encoding="utf-8") as f:
        for t in tools:
            f.write(" ".join(t["description"].split()) + "\n")
    with open(os.path.join(out, "queries.txt"), "w", encoding="utf-8") as f:
        for q in queries:
            f.write(" ".join(q["query"].split()) + "\n")
    print(f"prepared {len(tools)} tool descriptions and {len(queries)} queries in {out}")


def arg(name, default=None):
    if name in sys.argv:
        i = sys.argv.index(name)
        if i + 1 < len(sys.argv):
            return sys.argv[i + 1]
    return default


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def peer():
    start_ns = int(arg("--start-ns", str(time.time_ns())))
    model_dir, out, query = arg("--model"), arg("--out"), arg("--query")
    batch = int(arg("--batch", "32"))
    repeats = int(arg("--repeat", "300"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_dir, device="cpu")
    first = model.encode([query])
    first_ms = (time.time_ns() - start_ns) / 1e6
    assert first.shape[0] == 1
    after_load = rss_mb()
    for _ in range(20):
        model.encode([query])
    lat = []
    cpu0 = cpu_seconds()
    for _ in range(repeats):
        t = time.perf_counter()
        model.encode([query])
        lat.append((time.perf_counter() - t) * 1000)
    single_cpu_ms = (cpu_seconds() - cpu0) * 1000 / repeats
    lat.sort()
    texts = open(os.path.join(out, "texts.txt"), encoding="utf-8").read().splitlines()
    queries = open(os.path.join(out, "queries.txt"), encoding="utf-8").read().splitlines()
    t0 = time.perf_counter()
    cpu0 = cpu_seconds()
    vecs = model.encode(texts, batch_size=batch, normalize_embeddings=True)
    seconds = time.perf_counter() - t0
    batch_cpu = cpu_seconds() - cpu0
    qvecs = model.encode(queries, batch_size=batch, normalize_embeddings=True)
    vecs.astype(np.float32).tofile(os.path.join(out, "peer-texts.f32"))
    qvecs.astype(np.float32).tofile(os.path.join(out, "peer-queries.f32"))
    pct = lambda p: lat[min(len(lat) - 1, max(0, math.ceil(p / 100 * len(lat)) - 1))]
    result = {
        "impl": "sentence-transformers",
        "threads": f"torch {torch.__version__}: {torch.get_num_threads()} intra-op threads, "
                   f"{torch.get_num_interop_threads()} inter-op threads",
        "query_tokens": len(model.tokenizer(query)["input_ids"]),
        "first_vector_ms": first_ms,
        "single_p50_ms": pct(50),
        "single_p99_ms": pct(99),
        "texts": len(texts),
        "batch_size": batch,
        "texts_per_s": len(texts) / seconds,
        "batch_seconds": seconds,
        "batch_cpu_seconds": batch_cpu,
        "single_cpu_ms": single_cpu_ms,
        "rss_after_load_mb": after_load,
        "rss_end_mb": rss_mb(),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(result))


def metrics(qv, tv, queries, names):
    import numpy as np
    scores = qv @ tv.T
    recall5 = ndcg10 = 0.0
    for i, q in enumerate(queries):
        relevant = set(q["relevant"])
        top = np.argsort(-scores[i], kind="stable")[:10]
        hits = [names[j] in relevant for j in top]
        recall5 += sum(hits[:5]) / len(relevant)
        dcg = sum(1 / math.log2(r + 2) for r, h in enumerate(hits) if h)
        idcg = sum(1 / math.log2(r + 2) for r in range(min(len(relevant), 10)))
        ndcg10 += dcg / idcg
    return recall5 / len(queries), ndcg10 / len(queries)


def compare(seal_dir, out):
    import numpy as np
    with open(os.path.join(seal_dir, "catalog.json"), encoding="utf-8") as f:
        names = [t["name"] for t in json.load(f)]
    with open(os.path.join(seal_dir, "queries-dev.jsonl"), encoding="utf-8") as f:
        queries = [json.loads(line) for line in f if line.strip()]
    runs = {}
    for impl in ("swift", "peer"):
        with open(os.path.join(out, f"{impl}.json")) as f:
            runs[impl] = json.loads(f.read().strip().splitlines()[-1])
        tv = np.fromfile(os.path.join(out, f"{impl}-texts.f32"), dtype=np.float32).reshape(len(names), -1)
        qv = np.fromfile(os.path.join(out, f"{impl}-queries.f32"), dtype=np.float32).reshape(len(queries), -1)
        runs[impl]["recall@5"], runs[impl]["ndcg@10"] = metrics(qv, tv, queries, names)
        runs[impl]["vectors"] = (tv, qv)
    (st, sq), (pt, pq) = runs["swift"]["vectors"], runs["peer"]["vectors"]
    cos = np.concatenate([(st * pt).sum(1), (sq * pq).sum(1)])
    s, p = runs["swift"], runs["peer"]
    print()
    print(f"Encoder benchmark: {s['texts']} Seal-Tools tool descriptions, {len(queries)} dev queries, batch size {s['batch_size']}")
    print(f"  Quiver (Swift):         {s['threads']}; model {s.get('model_id', '')}")
    print(f"  sentence-transformers:  {p['threads']}")
    print(f"{'metric':34} {'Quiver':>12} {'PyTorch':>12} {'ratio':>8}  goal")
    rows = [
        ("batch throughput (texts/s)", "texts_per_s", "higher", "Quiver >= PyTorch"),
        ("single query p50 (ms)", "single_p50_ms", "lower", "<= 5 ms"),
        ("single query p99 (ms)", "single_p99_ms", "lower", ""),
        ("CPU time per single query (ms)", "single_cpu_ms", "lower", ""),
        ("CPU seconds for the batch", "batch_cpu_seconds", "lower", ""),
        ("process start to first vector (ms)", "first_vector_ms", "lower", "<= 300 ms"),
        ("resident memory at end (MB)", "rss_end_mb", "lower", "<= 150 MB"),
        ("peak resident memory (MB)", "peak_rss_mb", "lower", ""),
        ("Recall@5", "recall@5", "higher", "within 0.005"),
        ("nDCG@10", "ndcg@10", "higher", "within 0.005"),
    ]
    for label, key, better, goal in rows:
        a, b = s[key], p[key]
        ratio = (a / b) if better == "higher" else (b / a)
        print(f"{label:34} {a:12.4f} {b:12.4f} {ratio:7.2f}x  {goal}")
    print(f"query tokens in the single-query test: {s['query_tokens']} (Quiver), {p['query_tokens']} (PyTorch)")
    print(f"cosine(Quiver, sentence-transformers) over {len(cos)} vectors: min {cos.min():.6f}, mean {cos.mean():.6f}")
    print(f"|ΔRecall@5| = {abs(s['recall@5'] - p['recall@5']):.4f}, |ΔnDCG@10| = {abs(s['ndcg@10'] - p['ndcg@10']):.4f}")
    print("(ratio > 1 means Quiver is better)")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif command == "peer":
        peer()
    elif command == "compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
