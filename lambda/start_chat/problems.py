"""RFC 9457 problem responses: the caller's mistakes, and what a failure of the Connect call
tells the caller (the AWS-code mapping, as data, below), never AWS's internals."""

import json
from typing import Any, NamedTuple

from botocore.exceptions import BotoCoreError, ClientError, ConnectTimeoutError, ReadTimeoutError

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


class FieldError(NamedTuple):
    field: str
    message: str


class Problem(Exception):
    """An HTTP error the handler answers with; `reason` names it in logs and metrics."""

    def __init__(
        self,
        status: int,
        reason: str,
        title: str,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status, reason, title, detail)
        self.status, self.reason, self.title, self.detail = status, reason, title, detail
        self.errors = errors or []
        self.headers = headers or {}

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
        errors=errors,
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


class Upstream(NamedTuple):
    """What a failure of the Connect call tells the caller."""

    status: int
    reason: str
    title: str
    detail: str
    retry_after: str | None = None  # seconds a browser should wait

    def problem(self) -> Problem:
        headers = {"Retry-After": self.retry_after} if self.retry_after else {}
        return Problem(self.status, self.reason, self.title, self.detail, headers=headers)


THROTTLED = Upstream(
    429,
    "throttled",
    "Too many chats being started",
    "Too many chats are being started right now. Try again shortly.",
    retry_after="2",  # Connect's API quota refills per second
)
UNAVAILABLE = Upstream(
    503,
    "upstream-unavailable",
    "Chat service unavailable",
    "The chat service is temporarily unavailable. Try again shortly.",
    retry_after="5",
)
TIMED_OUT = Upstream(
    504,
    "upstream-timeout",
    "Chat service timed out",
    "The chat service did not answer in time. Try again.",
)
# AccessDenied, ResourceNotFound, InvalidRequest/Parameter (our input is validated, so the
# deployment's config is at fault), an unreachable endpoint, or a code we do not know.
REJECTED = Upstream(
    502,
    "upstream-rejected",
    "Chat could not be started",
    "The chat service could not start a chat. The error has been logged.",
)
# AWS error code -> what the caller is told. Any other: a 5xx is UNAVAILABLE, a timeout
# TIMED_OUT, the rest REJECTED.
UPSTREAM = {
    "ThrottlingException": THROTTLED,
    "TooManyRequestsException": THROTTLED,
    "Throttling": THROTTLED,
    "RequestLimitExceeded": THROTTLED,
    # Connect's concurrent-chat quota frees only when chats end: a longer pause.
    "LimitExceededException": THROTTLED._replace(retry_after="30"),
    "InternalServiceException": UNAVAILABLE,
    "InternalServerException": UNAVAILABLE,
    "InternalFailure": UNAVAILABLE,
    "ServiceUnavailable": UNAVAILABLE,
    "ServiceUnavailableException": UNAVAILABLE,
}
THROTTLING_CODES = frozenset(code for code, answer in UPSTREAM.items() if answer.status == 429)
# What Connect answers when PersistentChat names a contact it will not continue (unknown,
# still active, too old, from another instance): the browser's stale chat, not a fault.
RESUME_REFUSED = frozenset(
    {"InvalidRequestException", "InvalidParameterException", "ResourceNotFoundException"}
)
# What Connect answers when it refuses a value of the request itself: the contract mirrors
# Connect's documented limits, so this is a limit it did not document (the caller's request,
# 422), never an outage. The deployment's own IDs fail with ResourceNotFound/AccessDenied.
VALUE_REFUSED = frozenset({"InvalidParameterException"})


def error_code(error: Exception) -> str:
    """The AWS error code (or botocore error class) for logs and metrics; never the message."""
    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code") or "Unknown")
    return type(error).__name__


def upstream_failed(error: ClientError | BotoCoreError) -> Problem:
    if answer := UPSTREAM.get(error_code(error)):
        return answer.problem()
    status = 0
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    if status >= 500:
        return UNAVAILABLE.problem()
    if isinstance(error, ConnectTimeoutError | ReadTimeoutError):
        return TIMED_OUT.problem()
    return REJECTED.problem()
