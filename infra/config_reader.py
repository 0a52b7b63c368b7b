"""Reads one environment object from cdk.json, key by key, remembering the path for errors."""

import re
from typing import Any

from infra import config_rules as rules
from infra.config_keys import REQUIRED, Key


class ConfigError(Exception):
    """A bad value in cdk.json; str() is the whole message meant for the user."""


class EnvironmentReader:
    def __init__(self, name: str, raw: Any, *, path: str | None = None) -> None:
        self._path = path or f"environments.{name}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{self._path}: must be an object")
        self._raw = raw
        self._read: set[str] = set()

    def fail(self, key: str, reason: str) -> ConfigError:
        return ConfigError(f"{self._path}.{key}: {reason}")

    def required(self, key: str, check: rules.Check) -> Any:
        self._read.add(key)
        if key not in self._raw:
            raise self.fail(key, "is required")
        return self._checked(key, self._raw[key], check)

    def optional(self, key: str, default: Any, check: rules.Check) -> Any:
        self._read.add(key)
        return self._checked(key, self._raw.get(key, default), check)

    def _checked(self, key: str, value: Any, check: rules.Check) -> Any:
        reason = check(value)
        if reason:
            raise self.fail(key, reason)
        return value

    def optional_section(self, key: str) -> "EnvironmentReader | None":
        """The section `key`, or None when the environment leaves it out (the feature off)."""
        self._read.add(key)
        return self.section(key, {}) if key in self._raw else None

    def section(self, key: str, default: dict[str, Any]) -> "EnvironmentReader":
        self._read.add(key)
        value = self._raw.get(key, default)
        return EnvironmentReader("", value, path=f"{self._path}.{key}")

    def string_list(
        self, key: str, check: rules.Check, *, min_items: int = 0, default: Any = None
    ) -> tuple[str, ...]:
        self._read.add(key)
        if key not in self._raw and default is None:
            raise self.fail(key, "is required")
        items = self._raw.get(key, default)
        if not isinstance(items, list) or len(items) < min_items:
            raise self.fail(key, f"must be a list of at least {min_items} item(s)")
        for index, item in enumerate(items):
            self._checked(f"{key}[{index}]", item, check)
        if len(set(items)) != len(items):
            raise self.fail(key, "lists the same value twice")
        return tuple(items)

    def read(self, key: Key) -> Any:
        """The value of `key` in this object (its last name part), checked by its rule."""
        name, default = key.leaf, (None if key.default is REQUIRED else key.default)
        if key.is_list:
            return self.string_list(name, key.check, min_items=key.min_items, default=default)
        if key.default is REQUIRED:
            return self.required(name, key.check)
        return self.optional(name, default, key.check)

    def connect_id(self, key: Key, arn: re.Pattern[str], **owner: str) -> str:
        """An ID, or an ARN of this environment's account, region (and instance) reduced to
        its ID."""
        value = self.read(key)
        match = arn.match(value)
        if match is None:
            return str(value)
        if any(match[part] != expected for part, expected in owner.items()):
            where = " ".join(f"{part} {expected}" for part, expected in owner.items())
            raise self.fail(key.leaf, f"{value!r} is not in {where}")
        return str(match["id"])

    def refuse_unknown_keys(self) -> None:
        unknown = sorted(set(self._raw) - self._read)
        if unknown:
            known = ", ".join(sorted(self._read))
            raise ConfigError(f"{self._path}: unknown key {unknown[0]!r}; known keys: {known}")
