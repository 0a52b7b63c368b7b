"""Collects every field error in a JSON body instead of stopping at the first."""

from typing import Any

from problems import FieldError


class FieldReader:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

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

    def text(self, field: str, value: Any, max_length: int, *, min_length: int = 1) -> str | None:
        if value is None:
            self.fail(field, "is required")
        elif not isinstance(value, str):
            self.fail(field, "must be a string")
        elif not min_length <= len(value) <= max_length:
            self.fail(field, f"must be {min_length}-{max_length} characters")
        else:
            return value
        return None

    def one_of(self, field: str, value: Any, allowed: tuple[str, ...]) -> None:
        if value not in allowed:
            self.fail(field, f"must be one of: {', '.join(allowed)}")
