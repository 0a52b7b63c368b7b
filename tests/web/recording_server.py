"""An attacker's server on 127.0.0.1: answers every request with 404 and records it, so a
browser test can assert the page never called it."""

from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

from tests.http_server import serving


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """(origin, the "METHOD /path" of each request received) while the block runs."""
    received: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def record(self) -> None:
            received.append(f"{self.command} {self.path}")
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT = do_OPTIONS = do_HEAD = record

        def log_message(self, *_: object) -> None:
            pass

    with serving(Recorder) as origin:
        yield origin, received
