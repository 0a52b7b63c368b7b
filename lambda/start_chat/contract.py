"""POST /chat and POST /widget: from an API Gateway HTTP API 2.0 event to a validated
StartChatContact request, and from Connect's answer to the route's response shape.

docs/openapi.yaml documents the same rules; tests/lambda/test_openapi.py proves they agree.
"""

import json
from dataclasses import dataclass, field
from typing import Any

import problems
from field_reader import FieldReader
from identity import claimed_attributes
from request_body import MAX_BODY_BYTES, body_object
from request_fields import StartChatFields
from settings import Settings

__all__ = ["MAX_BODY_BYTES", "ChatRequest", "is_widget_route", "parse", "success"]

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

    @property
    def resuming(self) -> bool:
        return "PersistentChat" in self.params


def is_widget_route(event: dict[str, Any]) -> bool:
    return str(event.get("routeKey") or event.get("rawPath") or "").endswith("/widget")


def parse(event: dict[str, Any], settings: Settings) -> ChatRequest:
    """The StartChatContact parameters the browser chose (never the instance or flow), or
    raise problems.Problem describing the client's mistake."""
    widget = is_widget_route(event)
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    # A simple (text/plain) POST needs no preflight, so CORS alone does not stop another
    # site's page from starting chats; absent Origin = not a browser, and not refused.
    origin = headers.get("origin")
    if origin is not None and origin not in settings.allowed_origins:
        raise problems.origin_not_allowed()
    allowed_types = WIDGET_MEDIA_TYPES if widget else (JSON_MEDIA_TYPE,)
    if media_type(headers.get("content-type")) not in allowed_types:
        raise problems.unsupported_media_type()
    body = body_object(event)
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
        body = {
            "data": {"startChatResult": chat, "featurePermissions": permissions(request, settings)}
        }
    headers = {"Content-Type": JSON_MEDIA_TYPE, **problems.NO_STORE}
    return {"statusCode": 200, "headers": headers, "body": json.dumps(body)}


def permissions(request: ChatRequest, settings: Settings) -> dict[str, bool]:
    """Markdown only where the environment allows it and the widget asked for it, as AWS's
    sample backend decides."""
    asked = request.params.get("SupportedMessagingContentTypes") or ()
    allowed = dict(settings.feature_permissions)
    allowed["MESSAGING_MARKDOWN"] = (
        bool(allowed.get("MESSAGING_MARKDOWN")) and "text/markdown" in asked
    )
    return allowed


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


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
