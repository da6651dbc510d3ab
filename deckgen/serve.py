"""`deckgen watch NOTE --serve`: the deck's page on 127.0.0.1, reloaded on every rebuild.

A small standard-library server (one thread per request, all daemons): `/` is the page the
last build wrote, `/events` a server-sent-events stream that says `rebuilt` after each
build (the page reloads itself and keeps its slide, which is in the URL hash), and a POST
to `/rehearsal` keeps the presenter view's timings beside the deck, where the next build
reads them. It listens on the loopback address only and takes rehearsals only from its own
page. Stopping sets an event every stream waits on, so Ctrl-C never hangs on an open page.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"
DEFAULT_PORT = 8520
HEARTBEAT_S = 10.0  # a comment line now and then: a closed page is noticed and dropped
MAX_REHEARSAL_BYTES = 1 << 20


class PageServer:
    """Serves `page` (a path that each build replaces) and tells open pages of new builds."""

    def __init__(self, page: Path, rehearsal: Path, port: int = DEFAULT_PORT):
        self.page, self.rehearsal = page, rehearsal
        self.version = 0
        self.stopping = threading.Event()
        self._changed = threading.Condition()
        self.httpd = ThreadingHTTPServer((HOST, port), _handler_for(self))
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="deckgen-serve",
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.httpd.server_address[1]}/"

    def start(self) -> PageServer:
        self._thread.start()
        return self

    def rebuilt(self) -> None:
        """A build wrote the page again: every open page reloads."""
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self._changed:
            if self.version == seen and not self.stopping.is_set():
                self._changed.wait(timeout)
            return self.version

    def stop(self) -> None:
        self.stopping.set()
        with self._changed:
            self._changed.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()


def _handler_for(server: PageServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # quiet: watch prints builds
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/events":
                self._events()
            elif path in ("/", f"/{server.page.name}"):
                self._page()
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

        def do_POST(self) -> None:
            if self.path.split("?", 1)[0] != "/rehearsal":
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
                return
            origin = self.headers.get("Origin")
            if origin is not None and origin != server.url.rstrip("/"):
                self._send(HTTPStatus.FORBIDDEN, b"only the deck's own page", "text/plain")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 < length <= MAX_REHEARSAL_BYTES:
                self._send(HTTPStatus.BAD_REQUEST, b"no rehearsal", "text/plain")
                return
            text = self.rfile.read(length).decode("utf-8", errors="replace")
            from .output import write_page
            from .plan import read_rehearsal

            try:
                read_rehearsal(text)
            except (ValueError, TypeError, AttributeError) as exc:
                self._send(HTTPStatus.BAD_REQUEST, str(exc).encode(), "text/plain")
                return
            write_page(server.rehearsal, text)
            self._send(HTTPStatus.OK, str(server.rehearsal).encode(), "text/plain")

        def _page(self) -> None:
            try:
                body = server.page.read_bytes()
            except OSError:
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"building...", "text/plain")
                return
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8")

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            seen = server.version
            try:
                self.wfile.write(b"retry: 300\n\n")
                self.wfile.flush()
                while not server.stopping.is_set():
                    now = server.wait_for_change(seen, HEARTBEAT_S)
                    if server.stopping.is_set():
                        break
                    if now != seen:
                        seen = now
                        self.wfile.write(f"event: rebuilt\ndata: {now}\n\n".encode())
                    else:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except OSError:  # the page was closed
                pass

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler
