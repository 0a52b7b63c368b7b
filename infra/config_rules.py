"""Checks for single values in cdk.json's environments; each returns a reason or None."""

import re
import uuid
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], str | None]

ACCOUNT = re.compile(r"^\d{12}$")
REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")
ATTRIBUTE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,127}$")
HTTPS_ORIGIN = re.compile(r"^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$")
LOCALHOST_ORIGIN = re.compile(r"^http://localhost:\d{1,5}$")
INSTANCE_ARN = re.compile(
    r"^arn:aws[a-z-]*:connect:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):instance/(?P<id>[^/]+)$"
)
# The values CloudWatch Logs accepts for a retention period (never-expire left out on purpose).
LOG_RETENTION_DAYS = (
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
)


def is_uuid(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string (a UUID)"
    try:
        canonical = str(uuid.UUID(value))
    except ValueError:
        return f"{value!r} is not a UUID"
    return None if canonical == value.lower() else f"{value!r} is not a UUID"


def matches(pattern: re.Pattern[str], what: str) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, str) and pattern.match(value):
            return None
        return f"{value!r} is not {what}"

    return check


def integer(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"{value!r} is not a whole number from {low} to {high}"
        return None

    return check


def number(low: float, high: float) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{value!r} is not a number from {low:g} to {high:g}"
        return None if low <= value <= high else f"{value!r} is not from {low:g} to {high:g}"

    return check


def one_of(allowed: tuple[int, ...]) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or value not in allowed:
            return f"{value!r} is not one of {', '.join(map(str, allowed))}"
        return None

    return check


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"{value!r} is not true or false"


def origin(value: Any) -> str | None:
    if value == "*":
        return "'*' is refused: list each origin that may start chats"
    if isinstance(value, str) and (HTTPS_ORIGIN.match(value) or LOCALHOST_ORIGIN.match(value)):
        return None
    return (
        f"{value!r} is not an origin like 'https://www.example.com' "
        "(no path, no trailing slash) or 'http://localhost:PORT'"
    )


def tag(key: Any, value: Any) -> str | None:
    if not isinstance(key, str) or not 1 <= len(key) <= 128 or key.startswith("aws:"):
        return f"tag key {key!r} must be 1-128 characters and not start with 'aws:'"
    if not isinstance(value, str) or len(value) > 256:
        return f"tag {key!r} must have a string value of at most 256 characters"
    return None
