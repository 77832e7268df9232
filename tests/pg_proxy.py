"""A real TCP proxy on 127.0.0.1 in front of a PostgreSQL server, to cut the network in tests.

    with PgProxy("127.0.0.1", server.port) as proxy:
        url = proxy.url(database_url)      # the same database, reached through the proxy
        proxy.swallow_commit_reply("INSERT INTO orders")  # that COMMIT is done, unanswered
        proxy.stall(); proxy.resume()      # hold every byte either way (``held`` counts the
                                           # sends waiting), then let them through
        proxy.stall_on("INSERT INTO print_jobs")  # stall when a client sends that
        proxy.drop()                       # close every connection (a FIN to both sides)
        proxy.reset()                      # the same with a TCP reset (RST)
        proxy.cut(); proxy.resume()        # refuse new connections too, until resume()

Each client connection gets its own connection to the server and two threads copying
bytes. The server's side is read as PostgreSQL protocol messages (a type byte and a
length) so ``swallow_commit_reply`` can find the CommandComplete ``C`` tagged ``COMMIT``:
the server has committed when it sends it, and the proxy closes both sides instead of
forwarding it, so the client cannot know. ``after`` is found in the SQL text the client
sends; psycopg sends a statement's text again until it prepares it (its fifth run on a
connection), so aim at a statement a fresh connection runs. The single-byte answers to SSL and GSS
encryption requests at start-up are passed through as such; the test server speaks no
TLS, so the client goes on in clear.
"""

from __future__ import annotations

import socket
import struct
import threading
from types import TracebackType

from sqlalchemy.engine import make_url

_ENCRYPTION_REQUESTS = (80877103, 80877104)  # SSLRequest, GSSENCRequest: a 1-byte answer


class _Link:
    """One client connection and its connection to the server."""

    def __init__(self, proxy: PgProxy, client: socket.socket, server: socket.socket) -> None:
        self._proxy, self.client, self.server = proxy, client, server
        self._one_byte_answers = 0
        self._closed = threading.Event()
        self._tail = b""
        self.marked = False
        """The transaction on this link sent the statement ``swallow_commit_reply`` waits for."""

    def start(self) -> None:
        for target in (self._client_to_server, self._server_to_client):
            threading.Thread(target=target, daemon=True).start()

    def close(self, hard: bool = False) -> None:
        if self._closed.is_set():
            return
        self._closed.set()
        for sock in (self.client, self.server):
            try:
                if hard:  # closed with no lingering: a reset, once the last user lets go.
                    # A thread blocked reading this socket holds it open until it returns,
                    # so wake it without sending anything (SHUT_RD) rather than wait.
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    sock.shutdown(socket.SHUT_RD)
                else:
                    sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self._proxy._forget(self)

    def _recv(self, sock: socket.socket) -> bytes:
        try:
            return sock.recv(65536)
        except OSError:
            return b""

    def _send(self, sock: socket.socket, data: bytes) -> bool:
        self._proxy._hold()
        if self._closed.is_set():
            return False
        try:
            sock.sendall(data)
        except OSError:
            return False
        return True

    def _client_to_server(self) -> None:
        pending, starting = b"", True
        while not self._closed.is_set():
            data = self._recv(self.client)
            if not data:
                break
            if starting:  # untyped start-up packets: a length, then a code
                pending += data
                data = b""
                while starting and len(pending) >= 8:
                    length, code = struct.unpack("!ii", pending[:8])
                    if length == 8 and code in _ENCRYPTION_REQUESTS:
                        self._one_byte_answers += 1
                        data, pending = data + pending[:8], pending[8:]
                    else:
                        starting = False
                        data, pending = data + pending, b""
            if data:
                self._watch(data)
                self._proxy._stall_if_sent(data)
            if data and not self._send(self.server, data):
                break
        self.close()

    def _watch(self, data: bytes) -> None:
        wanted = self._proxy._swallow_after
        if wanted and wanted in self._tail + data:
            self.marked = True
        self._tail = data[-len(wanted) :] if wanted else b""

    def _server_to_client(self) -> None:
        buffer = b""
        while not self._closed.is_set():
            data = self._recv(self.server)
            if not data:
                break
            buffer += data
            ready, buffer, swallowed = self._split(buffer)
            if ready and not self._send(self.client, ready):
                break
            if swallowed:
                break
        self.close()

    def _split(self, buffer: bytes) -> tuple[bytes, bytes, bool]:
        """(bytes to forward, bytes of an incomplete message, a COMMIT reply swallowed)."""
        at = 0
        while at < len(buffer):
            if self._one_byte_answers:
                self._one_byte_answers -= 1
                at += 1
                continue
            if len(buffer) - at < 5:
                break
            kind = buffer[at : at + 1]
            (length,) = struct.unpack("!i", buffer[at + 1 : at + 5])
            end = at + 1 + length
            if end > len(buffer):
                break
            if kind == b"C" and buffer[at + 5 : end].rstrip(b"\0") == b"COMMIT":
                if self._proxy._take_commit_swallow(self.marked):
                    return buffer[:at], b"", True
                self.marked = False
            at = end
        return buffer[:at], buffer[at:], False


class PgProxy:
    """Forwards 127.0.0.1:``port`` to the server; a context manager (threads stop on exit).

    ``commits_swallowed`` counts the COMMIT replies kept from the client so far.
    """

    def __init__(self, server_host: str, server_port: int) -> None:
        self._target = (server_host, server_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._links: set[_Link] = set()
        self._lock = threading.Lock()
        self._flowing = threading.Event()
        self._flowing.set()
        self._refusing = False
        self._held = 0
        self._stall_on = b""
        self._swallow = 0
        self._swallow_after: bytes = b""
        self.commits_swallowed = 0
        self._stopping = threading.Event()
        self._acceptor = threading.Thread(target=self._accept, daemon=True)

    @classmethod
    def before(cls, database_url: str) -> PgProxy:
        """A proxy in front of the server ``database_url`` names."""
        url = make_url(database_url)
        return cls(url.host or "127.0.0.1", url.port or 5432)

    def url(self, database_url: str) -> str:
        """``database_url`` through the proxy (encryption off: the proxy reads the bytes)."""
        url = make_url(database_url).set(host="127.0.0.1", port=self.port)
        return url.update_query_dict({"sslmode": "disable"}).render_as_string(hide_password=False)

    def __enter__(self) -> PgProxy:
        self._acceptor.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stopping.set()
        self._flowing.set()
        self._acceptor.join()
        self._listener.close()
        self.drop()

    @property
    def connections(self) -> int:
        with self._lock:
            return len(self._links)

    def swallow_commit_reply(self, after: str = "", times: int = 1) -> None:
        """The next ``times`` COMMIT replies from the server close the connection instead;
        with ``after`` (SQL text, e.g. ``"INSERT INTO orders"``), only the COMMIT of a
        transaction that sent it (so a background job's commit passes)."""
        with self._lock:
            self._swallow += times
            self._swallow_after = after.encode()

    def stall_on(self, sql: str) -> None:
        """Stall (as ``stall()``) when a client next sends ``sql``, before it is forwarded:
        that transaction waits, with everything it did before held in the server."""
        with self._lock:
            self._stall_on = sql.encode()

    def _stall_if_sent(self, data: bytes) -> None:
        with self._lock:
            hit = bool(self._stall_on) and self._stall_on in data
            if hit:
                self._stall_on = b""
        if hit:
            self.stall()

    def stall(self) -> None:
        """Hold every byte in both directions (connections stay open) until ``resume()``."""
        self._flowing.clear()

    def cut(self) -> None:
        """Drop every connection and close new ones at once, until ``resume()``."""
        with self._lock:
            self._refusing = True
        self.drop()

    def resume(self) -> None:
        with self._lock:
            self._refusing = False
        self._flowing.set()

    def drop(self) -> None:
        """Close every open connection on both sides."""
        for link in self._snapshot():
            link.close()

    def reset(self) -> None:
        """Abort every open connection with a TCP reset on both sides."""
        for link in self._snapshot():
            link.close(hard=True)

    @property
    def held(self) -> int:
        """Sends waiting for ``resume()`` (a stalled query's bytes reached the proxy)."""
        with self._lock:
            return self._held

    def _hold(self) -> None:
        if self._flowing.is_set():
            return
        with self._lock:
            self._held += 1
        self._flowing.wait()
        with self._lock:
            self._held -= 1

    def _snapshot(self) -> list[_Link]:
        with self._lock:
            return list(self._links)

    def _forget(self, link: _Link) -> None:
        with self._lock:
            self._links.discard(link)

    def _take_commit_swallow(self, marked: bool) -> bool:
        with self._lock:
            if not self._swallow or (self._swallow_after and not marked):
                return False
            self._swallow -= 1
            self.commits_swallowed += 1
            return True

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                refusing = self._refusing
            if refusing:
                client.close()
                continue
            try:
                server = socket.create_connection(self._target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            link = _Link(self, client, server)
            with self._lock:
                self._links.add(link)
            link.start()
