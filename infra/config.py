"""Per-environment settings: cdk.json `environments.<name>` parsed into frozen dataclasses.

Nothing else reads cdk.json. Every bad value raises ConfigError with one message that
names the environment, the key and what is allowed.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infra import config_rules as rules
from infra.config_auth import JwtAuth, WidgetFeatures, read_auth, read_widget
from infra.config_operations import Operations, read_operations
from infra.config_reader import ConfigError, EnvironmentReader

DEFAULT_ENVIRONMENT = "dev"
CDK_JSON = Path(__file__).resolve().parent.parent / "cdk.json"

__all__ = [
    "DEFAULT_ENVIRONMENT", "ConfigError", "EnvironmentConfig", "JwtAuth", "Throttle",
    "WidgetFeatures", "load", "read_environments",
]  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Throttle:
    rate_limit: float
    burst_limit: int


@dataclass(frozen=True, kw_only=True)
class EnvironmentConfig:
    name: str
    account: str
    region: str
    instance_id: str
    contact_flow_id: str
    allowed_origins: tuple[str, ...]
    allowed_attributes: tuple[str, ...]
    throttle: Throttle
    reserved_concurrency: int
    memory_mib: int
    log_retention_days: int
    max_chat_duration_minutes: int
    tags: Mapping[str, str] = field(default_factory=dict)
    termination_protection: bool = False
    auth: JwtAuth | None = None
    widget: WidgetFeatures = field(default_factory=WidgetFeatures)
    operations: Operations = field(default_factory=Operations)


def load(environments: Any, name: str | None) -> EnvironmentConfig:
    """Pick environment `name` (default `dev`) out of the `environments` context value."""
    name = name or DEFAULT_ENVIRONMENT
    if not isinstance(environments, dict) or not environments:
        raise ConfigError("cdk.json context has no 'environments' object")
    if name not in environments:
        known = ", ".join(sorted(environments))
        raise ConfigError(f"unknown environment {name!r}; known environments: {known}")
    env = EnvironmentReader(name, environments[name])
    account = env.required("account", rules.matches(rules.ACCOUNT, "a 12-digit account ID"))
    region = env.required("region", rules.matches(rules.REGION, "an AWS region like 'us-east-1'"))
    throttle = env.section("throttle", {"rateLimit": 2, "burstLimit": 5})
    allowed_attributes = env.string_list(
        "allowedAttributes",
        rules.matches(rules.ATTRIBUTE_KEY, "a contact attribute name (A-Z a-z 0-9 _ -)"),
        default=[],
    )
    config = EnvironmentConfig(
        name=name,
        account=account,
        region=region,
        instance_id=env.instance_id(account=account, region=region),
        contact_flow_id=env.required("contactFlowId", rules.is_uuid),
        allowed_origins=env.string_list("allowedOrigins", rules.origin, min_items=1),
        allowed_attributes=allowed_attributes,
        throttle=Throttle(
            rate_limit=throttle.required("rateLimit", rules.number(0.1, 10000)),
            burst_limit=throttle.required("burstLimit", rules.integer(1, 5000)),
        ),
        reserved_concurrency=env.optional("reservedConcurrency", 10, rules.integer(1, 1000)),
        memory_mib=env.optional("memoryMiB", 256, rules.integer(128, 10240)),
        log_retention_days=env.optional(
            "logRetentionDays", 30, rules.one_of(rules.LOG_RETENTION_DAYS)
        ),
        max_chat_duration_minutes=env.optional(
            "maxChatDurationMinutes", 1500, rules.integer(60, 10080)
        ),
        tags=env.tags(),
        termination_protection=env.optional("terminationProtection", False, rules.boolean),
        auth=read_auth(env, allowed_attributes),
        widget=read_widget(env),
        operations=read_operations(env),
    )
    env.refuse_unknown_keys()
    throttle.refuse_unknown_keys()
    return config


def read_environments(cdk_json: Path = CDK_JSON) -> Any:
    """The `environments` context value, for tools outside the CDK app (the local stack);
    the CDK app itself gets it from the CDK's context."""
    return json.loads(cdk_json.read_text()).get("context", {}).get("environments")
