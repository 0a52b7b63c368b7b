"""Checks for single values in cdk.json's environments: each returns a reason or None, and
says in `text` what it allows (the README's environment table shows that text)."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Check:
    text: str
    check: Callable[[Any], str | None]

    def __call__(self, value: Any) -> str | None:
        return self.check(value)


ACCOUNT = re.compile(r"^\d{12}$")
REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")
ATTRIBUTE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,127}$")
HTTPS_ORIGIN = re.compile(r"^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$")
LOCALHOST_ORIGIN = re.compile(r"^http://localhost:\d{1,5}$")
INSTANCE_ARN = re.compile(
    r"^arn:aws[a-z-]*:connect:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):instance/(?P<id>[^/]+)$"
)
CONTACT_FLOW_ARN = re.compile(
    r"^arn:aws[a-z-]*:connect:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
    r"instance/(?P<instance>[^/]+)/contact-flow/(?P<id>[^/]+)$"
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


def _uuid(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string (a UUID)"
    try:
        canonical = str(uuid.UUID(value))
    except ValueError:
        return f"{value!r} is not a UUID"
    return None if canonical == value.lower() else f"{value!r} is not a UUID"


is_uuid = Check("a UUID", _uuid)


def _id_or_arn(arn: re.Pattern[str]) -> Any:
    def check(value: Any) -> str | None:
        match = arn.match(value) if isinstance(value, str) else None
        return _uuid(match["id"] if match else value)

    return check


instance = Check("a UUID, or an instance ARN", _id_or_arn(INSTANCE_ARN))
contact_flow = Check("a UUID, or a contact-flow ARN", _id_or_arn(CONTACT_FLOW_ARN))


def matches(pattern: re.Pattern[str], what: str) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, str) and pattern.match(value):
            return None
        return f"{value!r} is not {what}"

    return Check(what, check)


def integer(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"{value!r} is not a whole number from {low} to {high}"
        return None

    return Check(f"whole number {low} to {high}", check)


def number(low: float, high: float) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{value!r} is not a number from {low:g} to {high:g}"
        return None if low <= value <= high else f"{value!r} is not from {low:g} to {high:g}"

    return Check(f"number {low:g} to {high:g}", check)


def one_of(allowed: tuple[Any, ...], text: str | None = None) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or value not in allowed:
            return f"{value!r} is not one of {', '.join(map(str, allowed))}"
        return None

    return Check(text or f"one of {', '.join(map(str, allowed))}", check)


def optional(check: Check) -> Check:
    """`check`, or nothing given (null)."""
    return Check(f"{check.text}, or absent", lambda v: None if v is None else check(v))


boolean = Check(
    "true or false", lambda v: None if isinstance(v, bool) else f"{v!r} is not true or false"
)


def _origin(value: Any) -> str | None:
    if value == "*":
        return "'*' is refused: list each origin that may start chats"
    if isinstance(value, str) and (HTTPS_ORIGIN.match(value) or LOCALHOST_ORIGIN.match(value)):
        return None
    return (
        f"{value!r} is not an origin like 'https://www.example.com' "
        "(no path, no trailing slash) or 'http://localhost:PORT'"
    )


origin = Check("`https://host[:port]` or `http://localhost:PORT`; `*` is refused", _origin)


def _tags(tags: Any) -> str | None:
    if not isinstance(tags, dict):
        return "must be an object of string values"
    for key, value in tags.items():
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or key.startswith("aws:"):
            return f"tag key {key!r} must be 1-128 characters and not start with 'aws:'"
        if not isinstance(value, str) or len(value) > 256:
            return f"tag {key!r} must have a string value of at most 256 characters"
    return None


tags = Check("keys 1 to 128 characters (not `aws:`), values ≤ 256", _tags)
non_empty_text = Check(
    "a non-empty string",
    lambda v: None if isinstance(v, str) and v.strip() else f"{v!r} is not a non-empty string",
)


def _claim_mapping(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be an object of claim name -> contact attribute name"
    for claim, attribute in value.items():
        if not isinstance(claim, str) or not claim:
            return f"claim name {claim!r} is not a non-empty string"
        if not isinstance(attribute, str):
            return f"claim {claim!r} maps onto {attribute!r}, which is not an attribute name"
    if len(set(value.values())) != len(value):
        return "maps two claims onto the same attribute"
    return None


claim_mapping = Check(
    "claim name → a key of `allowedAttributes`, each at most once", _claim_mapping
)
