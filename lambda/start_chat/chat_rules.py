"""Rules that know Connect's types or this deployment's settings."""

from dataclasses import dataclass
from typing import Any

from field_rules import Errors, Text
from settings import Settings


@dataclass(frozen=True)
class Attributes:
    """Contact attributes: keys from the deployment's allow-list, string values."""

    value: Text

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any:
        if not isinstance(value, dict):
            errors.fail(field, "must be an object")
            return None
        allowed = settings.allowed_attributes
        listed = ", ".join(sorted(allowed)) or "none"
        for key in sorted(set(value) - allowed, key=str):
            errors.fail(f"{field}.{key}", f"is not an allowed attribute (allowed: {listed})")
        read = {key: self.value.read(errors, f"{field}.{key}", value[key], settings)
                for key in sorted(allowed & value.keys())}  # fmt: skip
        return read or None


@dataclass(frozen=True)
class ContentTypes:
    """A list of distinct Connect messaging types that includes the mandatory one."""

    known: tuple[str, ...]
    mandatory: str

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any:
        if not isinstance(value, list) or any(v not in self.known for v in value):
            errors.fail(field, f"must be a list of: {', '.join(self.known)}")
            return None
        if self.mandatory not in value or len(set(value)) != len(value):
            errors.fail(field, f"must include {self.mandatory} and list each type once")
        return value


@dataclass(frozen=True)
class ChatMinutes:
    """A whole number of minutes up to the deployment's maxChatDurationMinutes. Integral JSON
    numbers (60.0, 6e1) count, as JSON Schema's `integer` does."""

    minimum: int

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any:
        low, high = self.minimum, settings.max_chat_duration_minutes
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors.fail(field, f"must be a whole number from {low} to {high}")
            return None
        return value


@dataclass(frozen=True)
class Configured:
    """The instance or flow: fixed by the deployment; a browser may only name that one."""

    what: str  # "instance" or "contact flow"

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> None:
        if self.what == "instance":
            ok = settings.is_configured_instance(value)
        else:
            ok = settings.is_configured_contact_flow(value)
        if not ok:
            errors.fail(
                field, f"must be omitted, empty, or this deployment's {self.what} (ID or ARN)"
            )
