"""The handler's settings: every variable of the function's environment that it reads, read
once, at import (infra/handler_environment.py writes them; tests/lambda/
test_function_environment.py keeps the two sides equal). Nothing else reads the environment."""

import json
import os
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

ARN_PREFIX = re.compile(r"^arn:[a-z-]+:connect:[a-z0-9-]+:[0-9]{12}:")


class BotCheckSettings(NamedTuple):
    provider: str  # turnstile, recaptcha or hcaptcha
    secret_parameter: str  # the SSM SecureString holding the provider's secret
    verify_url: str | None = None  # the local stack's stand-in; None: the provider's own


class ClientLimitSettings(NamedTuple):
    table: str
    starts: int
    window_seconds: int


class Settings(NamedTuple):
    instance_id: str  # an ID or an instance ARN, as configured
    contact_flow_id: str
    allowed_attributes: frozenset[str]
    max_chat_duration_minutes: int
    service_name: str  # the `service` of every log line and metric
    metrics_namespace: str
    # Browser origins that may start chats; a request from any other is refused.
    allowed_origins: frozenset[str] = frozenset()
    # JWT claim name -> contact attribute it sets (authenticated environments only).
    claim_attributes: Mapping[str, str] = MappingProxyType({})
    # What /widget may tell AWS's chat widget it can do (narrowed by what it asks for).
    feature_permissions: Mapping[str, bool] = MappingProxyType({})
    hash_key_secret: str | None = None  # the hashing key's secret; None: no key
    bot_check: BotCheckSettings | None = None  # None: no bot check
    client_limit: ClientLimitSettings | None = None  # None: no per-client limit

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        return cls(
            instance_id=environ["INSTANCE_ID"],
            contact_flow_id=environ["CONTACT_FLOW_ID"],
            allowed_attributes=_names(environ["ALLOWED_ATTRIBUTES"]),
            max_chat_duration_minutes=int(environ["MAX_CHAT_DURATION_MINUTES"]),
            service_name=environ["SERVICE_NAME"],
            metrics_namespace=environ["METRICS_NAMESPACE"],
            allowed_origins=_names(environ.get("ALLOWED_ORIGINS", "")),
            claim_attributes=json.loads(environ.get("CLAIM_ATTRIBUTES") or "{}"),
            feature_permissions=json.loads(environ.get("FEATURE_PERMISSIONS") or "{}"),
            hash_key_secret=environ.get("HASH_KEY_SECRET") or None,
            bot_check=_bot_check(environ),
            client_limit=_client_limit(environ),
        )

    @property
    def _instance_resource(self) -> str:
        return "instance/" + self.instance_id.rsplit("/", 1)[-1]

    def is_configured_instance(self, value: Any) -> bool:
        return _is(value, self._instance_resource)

    def is_configured_contact_flow(self, value: Any) -> bool:
        return _is(value, f"{self._instance_resource}/contact-flow/{self.contact_flow_id}")


def _names(listed: str) -> frozenset[str]:
    return frozenset(filter(None, listed.split(",")))


def _bot_check(environ: Mapping[str, str]) -> BotCheckSettings | None:
    if not (provider := environ.get("BOT_CHECK_PROVIDER")):
        return None
    return BotCheckSettings(
        provider=provider,
        secret_parameter=environ["BOT_CHECK_SECRET_PARAMETER"],
        verify_url=environ.get("BOT_CHECK_VERIFY_URL") or None,
    )


def _client_limit(environ: Mapping[str, str]) -> ClientLimitSettings | None:
    if not (table := environ.get("CLIENT_LIMIT_TABLE")):
        return None
    return ClientLimitSettings(
        table=table,
        starts=int(environ["CLIENT_LIMIT_STARTS"]),
        window_seconds=int(environ["CLIENT_LIMIT_WINDOW_SECONDS"]),
    )


def _is(value: Any, resource: str) -> bool:
    """True for "" (what AWS's widgets send for "the configured one"), the resource's ID, or
    its ARN in any partition; UUIDs compare case-insensitively."""
    if not isinstance(value, str):
        return False
    value, resource = value.lower(), resource.lower()
    if value in ("", resource.rsplit("/", 1)[-1]):
        return True
    arn = ARN_PREFIX.match(value)
    return arn is not None and value[arn.end() :] == resource
