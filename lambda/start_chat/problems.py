"""RFC 9457 problem responses, and how AWS failures map onto them."""

import json
from dataclasses import dataclass, field
from typing import Any

PROBLEM_TYPE = "urn:connect-chat-starter:problem:"
NO_STORE = {"Cache-Control": "no-store"}
# The caller's mistakes (metric ChatRejected.<reason>); infra/names.py lists the same.
REJECTION_REASONS = (
    "validation-error",
    "malformed-body",
    "unsupported-media-type",
    "body-too-large",
    "origin-not-allowed",
    "chat-not-resumable",
    "continuation-refused",
    "too-many-chats",
    "bot-check-failed",
    "value-refused",
)
# An error body lists at most this many; a request of a thousand unknown keys must not
# earn an answer ten times its size.
MAX_LISTED_ERRORS = 20


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


@dataclass
class Problem(Exception):
    """An HTTP error the handler answers with; `reason` names it in logs and metrics."""

    status: int
    reason: str
    title: str
    detail: str
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def response(self, request_id: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_TYPE + self.reason,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "requestId": request_id,
        }
        if self.errors:
            listed = self.errors[:MAX_LISTED_ERRORS]
            body["errors"] = [{"field": e.field, "message": e.message} for e in listed]
            if len(self.errors) > len(listed):
                body["moreErrors"] = len(self.errors) - len(listed)
        headers = {"Content-Type": "application/problem+json", **NO_STORE, **self.headers}
        return {"statusCode": self.status, "headers": headers, "body": json.dumps(body)}


def invalid(errors: list[FieldError]) -> Problem:
    return Problem(
        400,
        "validation-error",
        "Invalid request",
        "The request body or headers are not valid; see errors.",
        errors,
    )


def bad_body(detail: str) -> Problem:
    return Problem(400, "malformed-body", "Malformed request body", detail)


def unsupported_media_type() -> Problem:
    return Problem(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "Send the body as JSON with 'Content-Type: application/json'.",
    )


def too_large(limit: int) -> Problem:
    return Problem(
        413, "body-too-large", "Request body too large", f"The body must be at most {limit} bytes."
    )


def origin_not_allowed() -> Problem:
    return Problem(
        403,
        "origin-not-allowed",
        "Origin not allowed",
        "Chats can only be started from this deployment's own websites.",
    )


def too_many_chats(retry_after_seconds: int) -> Problem:
    """This client's own limit, not Connect's: it says when a slot frees."""
    return Problem(
        429,
        "too-many-chats",
        "Too many chats started",
        "You have started too many chats. Try again later.",
        headers={"Retry-After": str(retry_after_seconds)},
    )


def bot_check_failed() -> Problem:
    return Problem(
        403,
        "bot-check-failed",
        "Bot check failed",
        "Complete the check on the page (it sends X-Bot-Token), then start the chat again.",
    )


def bot_check_unavailable() -> Problem:
    return Problem(
        503,
        "bot-check-unavailable",
        "Bot check unavailable",
        "The bot check could not be verified right now. Try again shortly.",
        headers={"Retry-After": "5"},
    )


def not_resumable() -> Problem:
    """Connect refused to continue the previous chat: the page should start a fresh one."""
    return Problem(
        409,
        "chat-not-resumable",
        "Chat cannot be resumed",
        "The previous chat cannot be continued. Start a new chat without PersistentChat.",
    )


def continuation_refused() -> Problem:
    """PersistentChat without the ContinuationToken of the chat it names: knowing a contact
    ID is not being its customer (continuation.py). Connect was not called."""
    return Problem(
        403,
        "continuation-refused",
        "Chat cannot be continued",
        "Only the browser that had the previous chat can continue it. Start a new chat "
        "without PersistentChat.",
    )


def value_refused() -> Problem:
    """Connect refused a value the contract let through (InvalidParameterException): the
    caller's request, not an outage, so it pages no one."""
    return Problem(
        422,
        "value-refused",
        "Chat service refused the request",
        "The chat service refused a value in this request. Shorten or simplify the name, "
        "attributes and message, then try again.",
    )


def internal_error() -> Problem:
    return Problem(
        500,
        "internal-error",
        "Internal error",
        "Something went wrong on our side. Try again later.",
    )
