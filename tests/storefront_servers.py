"""Small real servers on 127.0.0.1:0 for the storefront tests: raw sockets, bounded traffic.

pytest-httpserver covers well-behaved HTTP; these cover what it cannot fake: a server that
trickles bytes, a gzip bomb, TLS with certificates from a private CA made in the test.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Handler = Callable[[socket.socket, bytes], None]


class RawServer:
    """Accepts connections and hands each request's head to `handler`; counts requests."""

    def __init__(self, handler: Handler, tls: ssl.SSLContext | None = None) -> None:
        self.handler = handler
        self.tls = tls
        self.requests: list[bytes] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stopping = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        try:
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
            conn.settimeout(5)
            while not self.stopping:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    head += chunk
                self.requests.append(head)
                self.handler(conn, head)
        except (OSError, ssl.SSLError):
            return
        finally:
            conn.close()

    def close(self) -> None:
        """Stop accepting and release the port."""
        self.stopping = True
        self.sock.close()
        self.thread.join(timeout=2)


@contextmanager
def raw_server(handler: Handler, tls: ssl.SSLContext | None = None) -> Iterator[RawServer]:
    """A RawServer for the duration of a `with` block."""
    server = RawServer(handler, tls)
    try:
        yield server
    finally:
        server.close()


def respond(conn: socket.socket, status: str, body: bytes = b"", headers: str = "") -> None:
    """Send one complete HTTP/1.1 response (keep-alive)."""
    conn.sendall(
        f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{headers}\r\n".encode() + body
    )
