"""Map failures of the Connect call to honest statuses without leaking AWS internals."""

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    ReadTimeoutError,
)

from problems import Problem

THROTTLED = {
    "ThrottlingException",
    "TooManyRequestsException",
    "Throttling",
    "RequestLimitExceeded",
    "LimitExceededException",
}
UNAVAILABLE = {
    "InternalServiceException",
    "InternalServerException",
    "InternalFailure",
    "ServiceUnavailable",
    "ServiceUnavailableException",
}
# What Connect answers when PersistentChat names a contact it will not continue (unknown,
# still active, too old, from another instance).
RESUME_REFUSED = {
    "InvalidRequestException",
    "InvalidParameterException",
    "ResourceNotFoundException",
}
# What Connect answers when it refuses a value of the request itself: the contract mirrors
# Connect's documented limits, so this is a limit it did not document (the caller's request,
# 422), never an outage. The deployment's own IDs fail with ResourceNotFound/AccessDenied.
VALUE_REFUSED = {"InvalidParameterException"}
# Seconds a browser should wait. Connect's API quota refills per second; its concurrent-chat
# quota only frees up when chats end, so that one asks for a longer pause.
RETRY_AFTER = {"LimitExceededException": "30"}
RETRY_AFTER_THROTTLED = "2"
RETRY_AFTER_UNAVAILABLE = "5"


def error_code(error: Exception) -> str:
    """The AWS error code (or botocore error class) for logs and metrics; never the message."""
    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code") or "Unknown")
    return type(error).__name__


def refuses_resume(code: str) -> bool:
    return code in RESUME_REFUSED


def refuses_value(code: str) -> bool:
    return code in VALUE_REFUSED


def problem_for(error: ClientError | BotoCoreError) -> Problem:
    code = error_code(error)
    if code in THROTTLED:
        return Problem(
            429,
            "throttled",
            "Too many chats being started",
            "Too many chats are being started right now. Try again shortly.",
            headers={"Retry-After": RETRY_AFTER.get(code, RETRY_AFTER_THROTTLED)},
        )
    status = (
        error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if isinstance(error, ClientError)
        else 0
    )
    if code in UNAVAILABLE or status >= 500:
        return Problem(
            503,
            "upstream-unavailable",
            "Chat service unavailable",
            "The chat service is temporarily unavailable. Try again shortly.",
            headers={"Retry-After": RETRY_AFTER_UNAVAILABLE},
        )
    if isinstance(error, ConnectTimeoutError | ReadTimeoutError):
        return Problem(
            504,
            "upstream-timeout",
            "Chat service timed out",
            "The chat service did not answer in time. Try again.",
        )
    # AccessDenied, ResourceNotFound, InvalidRequest/Parameter (our input is validated, so the
    # deployment's config is at fault), unreachable endpoint, or a code we do not know.
    return Problem(
        502,
        "upstream-rejected",
        "Chat could not be started",
        "The chat service could not start a chat. The error has been logged.",
    )
