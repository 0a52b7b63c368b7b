"""Reads one environment object from cdk.json, key by key, remembering the path for errors."""

from typing import Any

from infra import config_rules as rules


class ConfigError(Exception):
    """A bad value in cdk.json; str() is the whole message meant for the user."""


class EnvironmentReader:
    def __init__(self, name: str, raw: Any, *, path: str | None = None) -> None:
        self._path = path or f"environments.{name}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{self._path}: must be an object")
        self._raw = raw
        self._read: set[str] = set()

    def _fail(self, key: str, reason: str) -> ConfigError:
        return ConfigError(f"{self._path}.{key}: {reason}")

    def required(self, key: str, check: rules.Check) -> Any:
        self._read.add(key)
        if key not in self._raw:
            raise self._fail(key, "is required")
        return self._checked(key, self._raw[key], check)

    def optional(self, key: str, default: Any, check: rules.Check) -> Any:
        self._read.add(key)
        return self._checked(key, self._raw.get(key, default), check)

    def _checked(self, key: str, value: Any, check: rules.Check) -> Any:
        reason = check(value)
        if reason:
            raise self._fail(key, reason)
        return value

    def section(self, key: str, default: dict[str, Any]) -> "EnvironmentReader":
        self._read.add(key)
        value = self._raw.get(key, default)
        return EnvironmentReader("", value, path=f"{self._path}.{key}")

    def string_list(
        self, key: str, check: rules.Check, *, min_items: int = 0, default: Any = None
    ) -> tuple[str, ...]:
        self._read.add(key)
        if key not in self._raw and default is None:
            raise self._fail(key, "is required")
        items = self._raw.get(key, default)
        if not isinstance(items, list) or len(items) < min_items:
            raise self._fail(key, f"must be a list of at least {min_items} item(s)")
        for index, item in enumerate(items):
            self._checked(f"{key}[{index}]", item, check)
        if len(set(items)) != len(items):
            raise self._fail(key, "lists the same value twice")
        return tuple(items)

    def instance_id(self, *, account: str, region: str) -> str:
        """A UUID, or an instance ARN of this environment's account and region reduced to it."""
        value = self.required("instanceId", lambda v: None)
        arn = rules.INSTANCE_ARN.match(value) if isinstance(value, str) else None
        if arn:
            if (arn["account"], arn["region"]) != (account, region):
                raise self._fail(
                    "instanceId", f"{value!r} is not in account {account} region {region}"
                )
            value = arn["id"]
        return str(self._checked("instanceId", value, rules.is_uuid))

    def tags(self) -> dict[str, str]:
        self._read.add("tags")
        tags = self._raw.get("tags", {})
        if not isinstance(tags, dict):
            raise self._fail("tags", "must be an object of string values")
        for key, value in tags.items():
            self._checked("tags", (key, value), lambda kv: rules.tag(*kv))
        return dict(tags)

    def refuse_unknown_keys(self) -> None:
        unknown = sorted(set(self._raw) - self._read)
        if unknown:
            known = ", ".join(sorted(self._read))
            raise ConfigError(f"{self._path}: unknown key {unknown[0]!r}; known keys: {known}")
