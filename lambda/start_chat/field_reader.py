"""Collects every field error in a JSON body instead of stopping at the first."""

from typing import Any

from problems import FieldError
from text_rules import forbidden_characters

# Field names can be anything a client sent as a key; an echo of one stays short.
FIELD_NAME_MAX = 64


class FieldReader:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field[:FIELD_NAME_MAX], message))

    def object(
        self,
        field: str,
        value: Any,
        keys: tuple[str, ...] | frozenset[str],
        *,
        unknown: str = "is not a known field",
    ) -> dict[str, Any] | None:
        """`value` if it is an object; each key outside `keys` is an error."""
        if not isinstance(value, dict):
            self.fail(field, "must be an object")
            return None
        prefix = f"{field}." if field else ""
        for key in sorted(set(value) - set(keys), key=str):
            self.fail(f"{prefix}{key}", unknown)
        return value

    def text(
        self,
        field: str,
        value: Any,
        max_length: int,
        *,
        min_length: int = 1,
        keep: frozenset[str] = frozenset(),
    ) -> str | None:
        """`value` if it is a string of the right length without forbidden characters
        (`keep` lists the ones this field may hold anyway)."""
        if value is None:
            self.fail(field, "is required")
        elif not isinstance(value, str):
            self.fail(field, "must be a string")
        elif not min_length <= len(value) <= max_length:
            self.fail(field, f"must be {min_length}-{max_length} characters")
        elif kind := forbidden_characters(value, keep=keep):
            self.fail(field, f"must not contain {kind}")
        else:
            return value
        return None

    def one_of(self, field: str, value: Any, allowed: tuple[str, ...]) -> None:
        if value not in allowed:
            self.fail(field, f"must be one of: {', '.join(allowed)}")
