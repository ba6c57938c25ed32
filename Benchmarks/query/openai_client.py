"""The OpenAI-compatible facade with the official `openai` Python package as client.

Usage: python openai_client.py [BASE_URL]   (default http://127.0.0.1:8080/v1)
Checks /v1/models, a plain chat completion and a streamed one; exits 1 on any mismatch.
"""
import sys

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

chunks = client.chat.completions.create(
    model="quiver", messages=[{"role": "user", "content": "Multiply 17 by 23"}], stream=True)
streamed = "".join((c.choices[0].delta.content or "") for c in chunks if c.choices)
print("streamed:", repr(streamed))
assert streamed, "empty stream"
print("openai client OK")
