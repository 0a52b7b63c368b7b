"""POST /chat and POST /widget: from an API Gateway HTTP API 2.0 event to a validated
StartChatContact request, and from Connect's answer to the route's response shape.

docs/openapi.yaml documents the same rules; tests/lambda/test_openapi.py proves they agree.
"""

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

import problems
from field_reader import FieldReader
from identity import claimed_attributes
from request_fields import StartChatFields
from settings import Settings

MAX_BODY_BYTES = 16 * 1024
IDEMPOTENCY_KEY_MAX = 500
JSON_MEDIA_TYPE = "application/json"
# AWS's chat widget (ChatInterface.initiateChat) sends no Content-Type unless told to.
WIDGET_MEDIA_TYPES = (JSON_MEDIA_TYPE, "text/plain", "")
RESULT_KEYS = ("ContactId", "ParticipantId", "ParticipantToken", "ContinuedFromContactId")


@dataclass(frozen=True)
class ChatRequest:
    params: dict[str, Any]
    widget: bool
    missing_claims: list[str] = field(default_factory=list)


def is_widget_route(event: dict[str, Any]) -> bool:
    return str(event.get("routeKey") or event.get("rawPath") or "").endswith("/widget")


def parse(event: dict[str, Any], settings: Settings) -> ChatRequest:
    """The StartChatContact parameters the browser chose (never the instance or flow), or
    raise problems.Problem describing the client's mistake."""
    widget = is_widget_route(event)
    http = event.get("requestContext", {}).get("http", {})
    if http.get("method", "POST") != "POST":
        raise problems.method_not_allowed()
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    allowed_types = WIDGET_MEDIA_TYPES if widget else (JSON_MEDIA_TYPE,)
    if media_type(headers.get("content-type")) not in allowed_types:
        raise problems.unsupported_media_type()
    body = json_object(body_bytes(event))
    fields = StartChatFields(settings, widget=widget)
    params = fields.read(body)
    missing = claimed_attributes(event, settings, params, fields)
    client_token = idempotency_key(headers, fields)
    if fields.errors:
        raise problems.invalid(fields.errors)
    if client_token is not None:
        params["ClientToken"] = client_token
    return ChatRequest(params, widget, missing)


def success(result: dict[str, Any], request: ChatRequest, settings: Settings) -> dict[str, Any]:
    chat = {key: result[key] for key in RESULT_KEYS if key in result}
    body: dict[str, Any] = chat
    if request.widget:  # the shape AWS's sample backend answers ChatInterface with
        permissions = dict(settings.feature_permissions)
        body = {"data": {"startChatResult": chat, "featurePermissions": permissions}}
    headers = {"Content-Type": JSON_MEDIA_TYPE, **problems.NO_STORE}
    return {"statusCode": 200, "headers": headers, "body": json.dumps(body)}


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


def idempotency_key(headers: dict[str, str], fields: FieldReader) -> str | None:
    key = headers.get("idempotency-key")
    if key is None:
        return None
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_MAX or not all(" " <= c <= "~" for c in key):
        fields.fail(
            "Idempotency-Key", f"must be 1-{IDEMPOTENCY_KEY_MAX} printable ASCII characters"
        )
        return None
    return key
