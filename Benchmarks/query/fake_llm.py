"""A tiny OpenAI-compatible upstream for checking the facade end to end (stdlib only).

Planning calls get one fixed valid plan (math_multiply over the bundled catalog); answer calls (the
system prompt asks to answer in plain sentences) get "The product is N." — streamed word by word as
`chat.completion.chunk` server-sent events when the request has "stream": true, with a short pause
between tokens so a client sees them arrive one by one.
Usage: python3 fake_llm.py PORT
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PLAN = 'let p = math_multiply(a: 17, b: 23);\nreturn {"product": p};'


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.send_json({"object": "list", "data": [{"id": "fake", "object": "model", "created": 0, "owned_by": "bench"}]})

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        system = next((m.get("content", "") for m in request.get("messages", []) if m.get("role") == "system"), "")
        answering = "plain sentences" in system
        text = "The product is 391." if answering else PLAN
        if not request.get("stream"):
            self.send_json({"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake",
                            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                            "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        words = text.split(" ")
        for i, word in enumerate(words):
            piece = word if i == 0 else " " + word
            chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                     "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
            self.wfile.flush()
            time.sleep(0.05)
        done = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 100, "completion_tokens": len(words), "total_tokens": 100 + len(words)}}
        self.wfile.write(b"data: " + json.dumps(done).encode() + b"\n\ndata: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
