"""POST /chat: from an API Gateway HTTP API 2.0 event to a validated StartChatContact request.

docs/openapi.yaml documents the same rules; tests/lambda/test_openapi.py proves they agree.
"""

import base64
import binascii
import json
from typing import Any

import problems
from field_reader import FieldReader
from request_fields import StartChatFields
from settings import Settings

MAX_BODY_BYTES = 16 * 1024
IDEMPOTENCY_KEY_MAX = 500
JSON_MEDIA_TYPE = "application/json"


def parse(event: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """StartChatContact parameters chosen by the browser (never the instance or flow), or
    raise problems.Problem describing the client's mistake."""
    http = event.get("requestContext", {}).get("http", {})
    if http.get("method", "POST") != "POST":
        raise problems.method_not_allowed()
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    if media_type(headers.get("content-type")) != JSON_MEDIA_TYPE:
        raise problems.unsupported_media_type()
    body = json_object(body_bytes(event))
    fields = StartChatFields(settings)
    params = fields.read(body)
    client_token = idempotency_key(headers, fields)
    if fields.errors:
        raise problems.invalid(fields.errors)
    if client_token is not None:
        params["ClientToken"] = client_token
    return params


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


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


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def json_object(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise problems.bad_body("The body is not valid UTF-8 JSON.") from None
    if not isinstance(value, dict):
        raise problems.bad_body("The body must be a JSON object.")
    return value


def idempotency_key(headers: dict[str, str], reader: FieldReader) -> str | None:
    key = headers.get("idempotency-key")
    if key is None:
        return None
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_MAX or not all(" " <= c <= "~" for c in key):
        reader.fail(
            "Idempotency-Key", f"must be 1-{IDEMPOTENCY_KEY_MAX} printable ASCII characters"
        )
        return None
    return key
