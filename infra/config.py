"""Per-environment settings: cdk.json `environments.<name>` parsed into frozen dataclasses,
key by key as infra/config_keys.py describes them.

Nothing else reads cdk.json. Every bad value raises ConfigError with one message that
names the environment, the key and what is allowed.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infra import config_keys as keys
from infra import config_rules as rules
from infra.config_abuse import BotCheck, ClientLimit, read_bot_check, read_client_limit
from infra.config_auth import JwtAuth, WidgetFeatures, read_auth, read_widget
from infra.config_github import GitHubAccess, read_github
from infra.config_reader import ConfigError, EnvironmentReader

DEFAULT_ENVIRONMENT = "dev"
CDK_JSON = Path(__file__).resolve().parent.parent / "cdk.json"

__all__ = [
    "DEFAULT_ENVIRONMENT", "BotCheck", "ClientLimit", "ConfigError", "EnvironmentConfig",
    "GitHubAccess", "JwtAuth",
    "Throttle", "WidgetFeatures", "load", "read_environments",
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
    tags: Mapping[str, str]
    termination_protection: bool
    auth: JwtAuth | None
    widget: WidgetFeatures
    alarm_emails: tuple[str, ...]
    p99_latency_alarm_ms: int
    tracing: bool
    snap_start: bool
    github: GitHubAccess | None
    client_limit: ClientLimit | None
    bot_check: BotCheck | None


def load(environments: Any, name: str | None) -> EnvironmentConfig:
    """Pick environment `name` (default `dev`) out of the `environments` context value."""
    name = name or DEFAULT_ENVIRONMENT
    if not isinstance(environments, dict) or not environments:
        raise ConfigError("cdk.json context has no 'environments' object")
    if name not in environments:
        known = ", ".join(sorted(environments))
        raise ConfigError(f"unknown environment {name!r}; known environments: {known}")
    env = EnvironmentReader(name, environments[name])
    account, region = env.read(keys.ACCOUNT), env.read(keys.REGION)
    instance_id = env.connect_id(
        keys.INSTANCE_ID, rules.INSTANCE_ARN, account=account, region=region
    )
    contact_flow_id = env.connect_id(
        keys.CONTACT_FLOW_ID, rules.CONTACT_FLOW_ARN,
        account=account, region=region, instance=instance_id,
    )  # fmt: skip
    throttle = env.section("throttle", {})
    allowed_attributes = env.read(keys.ALLOWED_ATTRIBUTES)
    config = EnvironmentConfig(
        name=name,
        account=account,
        region=region,
        instance_id=instance_id,
        contact_flow_id=contact_flow_id,
        allowed_origins=env.read(keys.ALLOWED_ORIGINS),
        allowed_attributes=allowed_attributes,
        throttle=Throttle(
            rate_limit=throttle.read(keys.RATE_LIMIT), burst_limit=throttle.read(keys.BURST_LIMIT)
        ),
        reserved_concurrency=env.read(keys.RESERVED_CONCURRENCY),
        memory_mib=env.read(keys.MEMORY_MIB),
        log_retention_days=env.read(keys.LOG_RETENTION_DAYS),
        max_chat_duration_minutes=env.read(keys.MAX_CHAT_DURATION),
        tags=dict(env.read(keys.TAGS)),
        termination_protection=env.read(keys.TERMINATION_PROTECTION),
        auth=read_auth(env, allowed_attributes),
        widget=read_widget(env),
        alarm_emails=env.read(keys.ALARM_EMAILS),
        p99_latency_alarm_ms=env.read(keys.P99_LATENCY_ALARM_MS),
        tracing=env.read(keys.TRACING),
        snap_start=env.read(keys.SNAP_START),
        github=read_github(env, name),
        client_limit=read_client_limit(env),
        bot_check=read_bot_check(env),
    )
    env.refuse_unknown_keys()
    throttle.refuse_unknown_keys()
    return config


def read_environments(cdk_json: Path = CDK_JSON) -> Any:
    """The `environments` context value, for tools outside the CDK app (the local stack);
    the CDK app itself gets it from the CDK's context."""
    return json.loads(cdk_json.read_text()).get("context", {}).get("environments")
