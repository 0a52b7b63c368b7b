"""From an API Gateway HTTP API 2.0 event to a validated StartChatContact request, by the
route's description in routes.py, and from Connect's answer to the route's response shape.
The only reader of the event: parse() returns all that later steps need."""

import json
from typing import Any, NamedTuple

import problems
from continuation import TOKEN_FIELD
from identity import caller, claimed_attributes, subject, verified_claims
from request_body import body_object
from routes import BOT_TOKEN_HEADER, JSON_MEDIA_TYPE, ROUTES, Route
from rules import Errors
from settings import Settings

RESULT_KEYS = ("ContactId", "ParticipantId", "ParticipantToken", "ContinuedFromContactId")


class ChatRequest(NamedTuple):
    route: Route
    params: dict[str, Any]  # never the instance or flow: those come from the deployment
    caller: str  # "sub:<JWT subject>" or "ip:<source address>": never a header
    subject: str | None = None  # the verified JWT subject of a signed-in caller
    source_ip: str | None = None  # the connection's address, as API Gateway saw it
    bot_token: str | None = None  # the page's bot-check token (X-Bot-Token)
    missing_claims: tuple[str, ...] = ()  # mapped claims it lacked

    @property
    def resuming(self) -> bool:
        return "PersistentChat" in self.params


def request_id(event: dict[str, Any]) -> str:
    return str(event.get("requestContext", {}).get("requestId", "unknown"))


def route_of(event: dict[str, Any]) -> Route:
    """API Gateway sends only the routes the stack wires to this function; any other is a
    wiring mistake, answered as an internal error."""
    return ROUTES[str(event.get("routeKey"))]


def parse(event: dict[str, Any], route: Route, settings: Settings) -> ChatRequest:
    """The request the browser made, or raise problems.Problem describing its mistake."""
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    # A simple (text/plain) POST needs no preflight, so CORS alone does not stop another
    # site's page from starting chats; absent Origin = not a browser, and not refused.
    origin = headers.get("origin")
    if origin is not None and origin not in settings.allowed_origins:
        raise problems.origin_not_allowed()
    if media_type(headers.get("content-type")) not in route.media_types:
        raise problems.unsupported_media_type()
    body = body_object(event)
    context = event.get("requestContext") or {}
    claims = verified_claims(context)
    errors = Errors()
    params: dict[str, Any] = route.body.read(errors, "", body, settings) or {}
    missing: tuple[str, ...] = ()
    if settings.claim_attributes:
        claimed = claimed_attributes(
            claims, settings.claim_attributes, params.get("Attributes") or {}
        )
        for attribute in claimed.forged:
            errors.fail(f"Attributes.{attribute}", "is set from your sign-in and cannot be sent")
        if claimed.attributes:
            params["Attributes"] = claimed.attributes
        missing = claimed.missing
    for header, (param, rule) in route.headers.items():
        if (value := headers.get(header.lower())) is not None:
            params[param] = rule.read(errors, header, value, settings)
    if errors.found:
        raise problems.invalid(errors.found)
    signed_in, source_ip = subject(claims), (context.get("http") or {}).get("sourceIp")
    return ChatRequest(
        route=route,
        params=params,
        caller=caller(signed_in, source_ip),
        subject=signed_in,
        source_ip=source_ip,
        bot_token=headers.get(BOT_TOKEN_HEADER.lower()),
        missing_claims=missing,
    )


def success(
    result: dict[str, Any],
    request: ChatRequest,
    settings: Settings,
    *,
    continuation_token: str | None = None,
) -> dict[str, Any]:
    chat = {key: result[key] for key in RESULT_KEYS if key in result}
    if continuation_token:
        chat[TOKEN_FIELD] = continuation_token
    body: dict[str, Any] = chat
    if request.route.answer == "widget":  # what AWS's sample backend answers its widgets
        permissions = feature_permissions(request, settings)
        body = {"data": {"startChatResult": chat, "featurePermissions": permissions}}
    headers = {"Content-Type": JSON_MEDIA_TYPE, **problems.NO_STORE}
    return {"statusCode": 200, "headers": headers, "body": json.dumps(body)}


def feature_permissions(request: ChatRequest, settings: Settings) -> dict[str, bool]:
    """Markdown only where the environment allows it and the widget asked for it, as AWS's
    sample backend decides."""
    asked = request.params.get("SupportedMessagingContentTypes") or ()
    allowed = dict(settings.feature_permissions)
    allowed["MESSAGING_MARKDOWN"] = bool(allowed.get("MESSAGING_MARKDOWN")) and (
        "text/markdown" in asked
    )
    return allowed


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()
