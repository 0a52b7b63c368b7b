"""The kinds of rule a route's fields are described with (routes.py): generic ones (text,
one of, a pattern, an object) and ones that know Connect or the deployment (attributes,
content types, chat minutes, the configured instance and flow). Each reads one JSON value:
it returns what is passed on to Connect (None: nothing) and records every mistake it finds,
so a client learns all of them at once."""

import re
from typing import Any, NamedTuple, Protocol

from problems import FieldError
from settings import Settings
from text_rules import forbidden_characters, has_visible_character, utf16_length

# Field names can be anything a client sent as a key; an echo of one stays short.
FIELD_NAME_MAX = 64


class Errors:
    def __init__(self) -> None:
        self.found: list[FieldError] = []

    def fail(self, field: str, message: str) -> None:
        self.found.append(FieldError(field[:FIELD_NAME_MAX], message))


class Rule(Protocol):
    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any: ...


class Text(NamedTuple):
    max_length: int
    min_length: int = 1
    trim: bool = False
    keep: frozenset[str] = frozenset()  # characters this field may hold anyway
    invisible: str | None = None  # the message when it has no visible character

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> str | None:
        if isinstance(value, str) and self.trim:
            value = value.strip()
        if value is None:
            errors.fail(field, "is required")
        elif not isinstance(value, str):
            errors.fail(field, "must be a string")
        elif message := self.problem(value):
            errors.fail(field, message)
        else:
            return value
        return None

    def problem(self, value: str) -> str | None:
        """What is wrong with a string for this field (an error message), or None."""
        if not self.min_length <= utf16_length(value) <= self.max_length:
            # Connect counts UTF-16 code units: an emoji is two
            return f"must be {self.min_length}-{self.max_length} UTF-16 code units"
        if kind := forbidden_characters(value, keep=self.keep):
            return f"must not contain {kind}"
        if self.invisible and not has_visible_character(value):
            return self.invisible
        return None


class OneOf(NamedTuple):
    values: tuple[str, ...]

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any:
        if value in self.values:
            return value
        errors.fail(field, f"must be one of: {', '.join(self.values)}")
        return None


class Matches(NamedTuple):
    pattern: re.Pattern[str]
    message: str

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any:
        if isinstance(value, str) and self.pattern.match(value):
            return value
        errors.fail(field, self.message)
        return None


class Obj(NamedTuple):
    fields: dict[str, Rule]
    required: tuple[str, ...] = ()

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any:
        if not isinstance(value, dict):
            errors.fail(field, "must be an object")
            return None
        prefix = f"{field}." if field else ""
        for key in sorted(set(value) - set(self.fields), key=str):
            errors.fail(f"{prefix}{key}", "is not a known field")
        read: dict[str, Any] = {}
        for name, rule in self.fields.items():
            if name in value:
                item = rule.read(errors, prefix + name, value[name], settings)
            elif name in self.required:  # a missing object reports its own required fields
                missing: dict[str, Any] | None = {} if isinstance(rule, Obj) else None
                item = rule.read(errors, prefix + name, missing, settings)
            else:
                continue
            if item is not None:
                read[name] = item
        return read or None


class Ignored(NamedTuple):
    """Accepted because a known client sends it; never passed on."""

    type: type = str

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> None:
        if not isinstance(value, self.type | type(None)):
            errors.fail(field, f"must be a {self.type.__name__.replace('str', 'string')}")


class Attributes(NamedTuple):
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
        read = {
            key: self.value.read(errors, f"{field}.{key}", value[key], settings)
            for key in sorted(allowed & value.keys())
        }
        return read or None


class ContentTypes(NamedTuple):
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


class ChatMinutes(NamedTuple):
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


class Configured(NamedTuple):
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
