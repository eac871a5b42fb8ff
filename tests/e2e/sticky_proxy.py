"""A small reverse proxy for the two-server test: one public address in front of several app servers, sticky by a
``backend`` cookie (as a load balancer's affinity cookie), websockets passed through.

It works on TCP connections: it reads a connection's first request head, picks the server its ``backend`` cookie
names (the first server without one), and from then on copies bytes both ways, so the HTTP requests and the
websocket upgrade on that connection all reach the same server. Test code only.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections import Counter
from collections.abc import Mapping

_BACKEND = re.compile(rb"(?im)^cookie:[^\r\n]*\bbackend=(\w+)")
_HEAD_LIMIT = 64 * 1024


class StickyProxy:
    """Listens on 127.0.0.1:``port``; ``backends`` maps a cookie value to an app server's port."""

    def __init__(self, port: int, backends: Mapping[str, int]) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._backends = dict(backends)
        self._default = next(iter(self._backends))
        self.connections: Counter[str] = Counter()  # connections sent to each backend
        self._listener = socket.create_server(("127.0.0.1", port))
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        head = b""
        try:
            while b"\r\n\r\n" not in head and len(head) < _HEAD_LIMIT:
                chunk = client.recv(65536)
                if not chunk:
                    client.close()
                    return
                head += chunk
            found = _BACKEND.search(head.split(b"\r\n\r\n", 1)[0])
            name = found.group(1).decode() if found else self._default
            name = name if name in self._backends else self._default
            upstream = socket.create_connection(("127.0.0.1", self._backends[name]))
            self.connections[name] += 1
        except OSError:
            client.close()
            return
        upstream.sendall(head)
        threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()
        _pipe(client, upstream)


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
