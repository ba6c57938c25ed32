"""The OpenAI-compatible facade with the official `openai` Python package as client.

Usage: python openai_client.py [BASE_URL]   (default http://127.0.0.1:8080/v1)
Checks /v1/models, a plain chat completion and a streamed one; exits 1 on any mismatch.
EXPECT_STREAMED_CHUNKS=N also requires at least N content chunks in the stream (the answer's tokens
arriving one by one, as they do when the planner's LLM streams).
"""
import os
import sys
import time

from openai import OpenAI

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/v1"
client = OpenAI(base_url=base, api_key="sk-anything")

models = [m.id for m in client.models.list()]
print("models:", models)
assert "quiver" in models, models

reply = client.chat.completions.create(model="quiver", messages=[{"role": "user", "content": "Multiply 17 by 23"}])
text = reply.choices[0].message.content
print("completion:", repr(text), "usage:", reply.usage)
assert reply.object == "chat.completion" and text, reply

started = time.time()
chunks = client.chat.completions.create(
    model="quiver", messages=[{"role": "user", "content": "Multiply 17 by 23"}], stream=True)
pieces = []
for c in chunks:
    if c.choices and c.choices[0].delta.content:
        pieces.append((round(time.time() - started, 3), c.choices[0].delta.content))
streamed = "".join(p for _, p in pieces)
print("streamed:", repr(streamed), "in", len(pieces), "content chunks at", [t for t, _ in pieces])
assert streamed, "empty stream"
need = int(os.environ.get("EXPECT_STREAMED_CHUNKS", "1"))
assert len(pieces) >= need, f"expected at least {need} content chunks, got {len(pieces)}"
print("openai client OK")
