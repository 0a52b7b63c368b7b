"""A POST from a chosen local client address (127.0.0.2 and 127.0.0.3 are distinct callers
to the local stack), with header values sent as given, bytes included."""

import http.client
import json
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: Any  # the JSON answer, {} when empty


def post_from(
    url: str,
    data: bytes,
    *,
    source: str = "127.0.0.1",
    headers: Mapping[str, str | bytes] | None = None,
) -> Answer:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=15, source_address=(source, 0)
    )
    try:
        connection.putrequest("POST", parts.path)
        sent = {"Content-Type": "application/json", "Content-Length": str(len(data))}
        for name, value in {**sent, **(headers or {})}.items():
            connection.putheader(name, value)
        connection.endheaders(data)
        response = connection.getresponse()
        return Answer(
            response.status, dict(response.getheaders()), json.loads(response.read() or b"{}")
        )
    finally:
        connection.close()
