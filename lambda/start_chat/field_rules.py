"""The generic kinds of rule a route's fields are described with (chat_rules.py has the
ones that know Connect or the deployment). Each reads one JSON value: it
returns what is passed on to Connect (None: nothing) and records every mistake it finds,
so a client learns all of them at once."""

import re
from dataclasses import dataclass
from typing import Any, Protocol

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


@dataclass(frozen=True)
class Text:
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


@dataclass(frozen=True)
class OneOf:
    values: tuple[str, ...]

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any:
        if value in self.values:
            return value
        errors.fail(field, f"must be one of: {', '.join(self.values)}")
        return None


@dataclass(frozen=True)
class Matches:
    pattern: re.Pattern[str]
    message: str

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> Any:
        if isinstance(value, str) and self.pattern.match(value):
            return value
        errors.fail(field, self.message)
        return None


@dataclass(frozen=True)
class Obj:
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


@dataclass(frozen=True)
class Ignored:
    """Accepted because a known client sends it; never passed on."""

    type: type = str

    def read(self, errors: Errors, field: str, value: Any, settings: Settings) -> None:
        if not isinstance(value, self.type | type(None)):
            errors.fail(field, f"must be a {self.type.__name__.replace('str', 'string')}")
