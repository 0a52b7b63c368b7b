"""The raw body of an API Gateway HTTP API 2.0 event, as one JSON object or a problem."""

import base64
import binascii
import json
from typing import Any

import problems
from routes import MAX_BODY_BYTES


def body_object(event: dict[str, Any]) -> dict[str, Any]:
    return json_object(body_bytes(event))


def body_bytes(event: dict[str, Any]) -> bytes:
    body = event.get("body") or ""
    if not isinstance(body, str):
        raise problems.bad_body("The body must be text.")
    if event.get("isBase64Encoded"):
        if len(body) > (MAX_BODY_BYTES + 2) // 3 * 4:  # refuse before decoding
            raise problems.too_large(MAX_BODY_BYTES)
        try:
            raw = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            raise problems.bad_body("The body is not valid base64.") from None
    else:
        raw = body.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_BODY_BYTES:
        raise problems.too_large(MAX_BODY_BYTES)
    return raw


class DuplicateKey(ValueError):
    pass


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON leaves duplicate keys to the parser (RFC 8259 §4): Python keeps the last, other
    parsers the first. Refused, so no two readers of a body can disagree on its meaning."""
    value = dict(pairs)
    if len(value) != len(pairs):
        raise DuplicateKey
    return value


def json_object(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(
            raw.decode("utf-8"), parse_constant=_no_constants, object_pairs_hook=_unique_keys
        )
    except DuplicateKey:
        raise problems.bad_body("The body has an object with a duplicate key.") from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise problems.bad_body("The body is not valid UTF-8 JSON.") from None
    if not isinstance(value, dict):
        raise problems.bad_body("The body must be a JSON object.")
    return value
