"""The handler tests' one bot-check provider: a real HTTP siteverify endpoint answering as
Turnstile, reCAPTCHA and hCaptcha do. A test sets how it answers and reads what it was sent."""

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, Literal
from urllib.parse import parse_qs

from tests.http_server import serving

SECRET = "1x0000000000000000000000000000000AA"  # Turnstile's documented test secret
PASSING = "XXXX.DUMMY.TOKEN.XXXX"
HOSTNAME = "dev.example.com"


@dataclass
class Siteverify:
    url: str = ""
    mode: Literal["ok", "wrong-host", "5xx", "garbage", "slow"] = "ok"
    answer: dict[str, Any] | None = None  # answered as it is, instead of the verdict
    seen: list[dict[str, list[str]]] = field(default_factory=list)  # the forms it was sent

    def reset(self) -> None:
        self.mode, self.answer, self.seen = "ok", None, []

    def verdict(self, form: dict[str, list[str]]) -> dict[str, Any]:
        if self.answer is not None:
            return self.answer
        success = form["response"] == [PASSING] and form["secret"] == [SECRET]
        hostname = "wrong.example" if self.mode == "wrong-host" else HOSTNAME
        return {"success": success, "hostname": hostname}


@contextmanager
def siteverify_server() -> Iterator[Siteverify]:
    fake = Siteverify()

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            fake.seen.append(form)
            if fake.mode == "slow":
                time.sleep(2.5)
            body = json.dumps(fake.verdict(form)).encode()
            if fake.mode == "garbage":
                body = b"<html>not json"
            self.send_response(503 if fake.mode == "5xx" else 200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    with serving(Endpoint) as origin:
        fake.url = f"{origin}/siteverify"
        yield fake
