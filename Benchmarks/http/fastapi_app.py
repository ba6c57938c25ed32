"""FastAPI peer for the GET /health benchmark (same body as Quiver's /health).

uvicorn with several workers binds the socket in the parent and hands it to the workers; connections
accepted that way never get TCP_NODELAY, so every response waits on a ~40 ms delayed ACK. The patch
below sets it on each accepted socket, which is the fastest set-up of this stack.
"""
import socket

from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_connection_made = HttpToolsProtocol.connection_made


def _connection_made_nodelay(self, transport):
    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
    return _connection_made(self, transport)


HttpToolsProtocol.connection_made = _connection_made_nodelay

app = FastAPI()


@app.get("/health")
async def health():
    return {"status": "ok", "version": "0.1.0"}
