"""cdk.json environment validation: every bad value gives one message naming env, key, rule."""

import copy
import os
import subprocess

import pytest

from infra.config import DEFAULT_ENVIRONMENT, ConfigError, load
from tests.conftest import REPO_ROOT


@pytest.fixture
def environments(shipped_environments):
    return copy.deepcopy(shipped_environments)


def test_shipped_environments_parse(environments):
    dev = load(environments, None)
    assert dev.name == DEFAULT_ENVIRONMENT == "dev"
    prod = load(environments, "prod")
    assert prod.instance_id == "33333333-3333-4333-8333-333333333333", "ARN reduced to its ID"
    assert prod.termination_protection is True
    assert "http://localhost:5173" not in prod.allowed_origins


def test_config_is_frozen(environments):
    with pytest.raises(AttributeError):
        load(environments, "dev").region = "eu-west-1"  # type: ignore[misc]


def test_unknown_environment_lists_known_names(environments):
    with pytest.raises(
        ConfigError,
        match=r"^unknown environment 'qa'; known environments: botcheck, dev, limited, prod, staging$",
    ):
        load(environments, "qa")


def test_optional_keys_take_documented_defaults(environments):
    dev = environments["dev"]
    for key in ("allowedAttributes", "throttle", "reservedConcurrency", "memoryMiB",
                "logRetentionDays", "maxChatDurationMinutes", "tags", "terminationProtection"):  # fmt: skip
        del dev[key]
    config = load(environments, "dev")
    assert (config.throttle.rate_limit, config.throttle.burst_limit) == (2, 5)
    assert config.allowed_attributes == ()
    assert (config.reserved_concurrency, config.memory_mib, config.log_retention_days) == (
        10,
        256,
        30,
    )
    assert config.max_chat_duration_minutes == 1500
    assert (dict(config.tags), config.termination_protection) == ({}, False)


FLOW = "environments.prod.contactFlowId"
BAD_VALUES = [
    ("account", "12345", "environments.prod.account: '12345' is not a 12-digit account ID"),
    ("account", None, "environments.prod.account: is required"),
    ("region", "Mars-1", "environments.prod.region: 'Mars-1' is not an AWS region"),
    ("instanceId", "nope", "environments.prod.instanceId: 'nope' is not a UUID"),
    ("instanceId", None, "environments.prod.instanceId: is required"),
    ("instanceId", "arn:aws:connect:us-east-1:222222222222:instance/33333333-3333-4333-8333-333333333333",
     "environments.prod.instanceId: 'arn:aws:connect:us-east-1:222222222222:instance/33333333-3333-4333-8333-333333333333' is not in account 222222222222 region eu-west-2"),
    ("contactFlowId", "abc", f"{FLOW}: 'abc' is not a UUID"),
    ("contactFlowId", 7, f"{FLOW}: must be a string (a UUID)"),
    ("contactFlowId", None, f"{FLOW}: is required"),
    ("allowedOrigins", ["*"], "environments.prod.allowedOrigins[0]: '*' is refused"),
    ("allowedOrigins", ["http://example.com"], "environments.prod.allowedOrigins[0]: 'http://example.com' is not an origin"),
    ("allowedOrigins", ["https://example.com/"], "environments.prod.allowedOrigins[0]: 'https://example.com/' is not an origin"),
    ("allowedOrigins", [], "environments.prod.allowedOrigins: must be a list of at least 1 item(s)"),
    ("allowedOrigins", ["https://a.com", "https://a.com"], "environments.prod.allowedOrigins: lists the same value twice"),
    ("allowedAttributes", ["has space"], "environments.prod.allowedAttributes[0]: 'has space' is not a contact attribute name"),
    ("allowedAttributes", "topic", "environments.prod.allowedAttributes: must be a list"),
    ("throttle", {"rateLimit": 0, "burstLimit": 5}, "environments.prod.throttle.rateLimit: 0 is not from 0.1 to 10000"),
    ("throttle", {"rateLimit": 0}, "environments.prod.throttle.rateLimit: 0 is not from 0.1 to 10000"),
    ("throttle", {"rateLimit": 2, "burstLimit": 5, "burst": 1}, "environments.prod.throttle: unknown key 'burst'"),
    ("reservedConcurrency", 0, "environments.prod.reservedConcurrency: 0 is not a whole number from 1 to 1000"),
    ("reservedConcurrency", True, "environments.prod.reservedConcurrency: True is not a whole number"),
    ("memoryMiB", 64, "environments.prod.memoryMiB: 64 is not a whole number from 128 to 10240"),
    ("logRetentionDays", 10, "environments.prod.logRetentionDays: 10 is not one of 1, 3, 5, 7, 14, 30"),
    ("maxChatDurationMinutes", 59, "environments.prod.maxChatDurationMinutes: 59 is not a whole number from 60 to 10080"),
    ("maxChatDurationMinutes", 10081, "environments.prod.maxChatDurationMinutes: 10081 is not a whole number from 60 to 10080"),
    ("tags", {"aws:x": "y"}, "environments.prod.tags: tag key 'aws:x' must be 1-128 characters"),
    ("tags", {"team": 5}, "environments.prod.tags: tag 'team' must have a string value"),
    ("terminationProtection", "yes", "environments.prod.terminationProtection: 'yes' is not true or false"),
    ("alarmEmails", ["not-an-email"], "environments.prod.alarmEmails[0]: 'not-an-email' is not an email address"),
    ("p99LatencyAlarmMs", 30000, "environments.prod.p99LatencyAlarmMs: 30000 is not a whole number from 100 to 29000"),
    ("tracing", "on", "environments.prod.tracing: 'on' is not true or false"),
    ("widget", {"markdown": "yes"}, "environments.prod.widget.markdown: 'yes' is not true or false"),
    ("contactFlowID", "x", "environments.prod: unknown key 'contactFlowID'; known keys: account,"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "value", "message"), BAD_VALUES, ids=[f"{k}={v!r}" for k, v, _ in BAD_VALUES]
)
def test_bad_value_fails_with_one_clear_message(environments, key, value, message):  # fmt: skip
    if value is None:
        del environments["prod"][key]
    else:
        environments["prod"][key] = value
    with pytest.raises(ConfigError) as error:
        load(environments, "prod")
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_cdk_cli_prints_the_message_without_a_traceback():
    result = subprocess.run(
        ["npx", "--no-install", "cdk", "synth", "-c", "env=qa", "--quiet", "--output",
         os.devnull + "-unused"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode != 0
    assert (
        "connect-chat-starter: unknown environment 'qa'; known environments: botcheck, dev, limited, prod, staging"
        in (result.stderr)
    )
    assert "Traceback" not in result.stderr + result.stdout


AUTH = "environments.staging.auth"
BAD_AUTH = [
    ({"type": "oauth"}, f"{AUTH}.type: 'oauth' is not one of none, jwt"),
    ({"type": "jwt", "audience": ["a"]}, f"{AUTH}.issuer: is required"),
    ({"type": "jwt", "issuer": "http://idp.example.com", "audience": ["a"]}, f"{AUTH}.issuer: 'http://idp.example.com' is not an https:// issuer URL"),
    ({"type": "jwt", "issuer": "https://idp.example.com", "audience": []}, f"{AUTH}.audience: must be a list of at least 1 item(s)"),
    ({"type": "jwt", "issuer": "https://idp.example.com"}, f"{AUTH}.audience: is required"),
    ({"type": "jwt", "issuer": "https://idp.example.com", "audience": ["a"], "claimsToAttributes": {"email": "secret"}},
     f"{AUTH}.claimsToAttributes: claim 'email' maps onto 'secret', which is not in allowedAttributes"),
    ({"type": "jwt", "issuer": "https://idp.example.com", "audience": ["a"], "claimsToAttributes": {"email": "topic", "sub": "topic"}},
     f"{AUTH}.claimsToAttributes: maps two claims onto the same attribute"),
    ({"type": "none", "issuer": "https://idp.example.com"}, f"{AUTH}: unknown key 'issuer'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("auth", "message"),
    BAD_AUTH,
    ids=[m.split(": ", 1)[0] + str(i) for i, (_, m) in enumerate(BAD_AUTH)],
)
def test_bad_auth_fails_with_one_clear_message(environments, auth, message):
    environments["staging"]["auth"] = auth
    with pytest.raises(ConfigError) as error:
        load(environments, "staging")
    assert str(error.value).startswith(message)


def test_jwt_auth_and_widget_features_parse(environments):
    staging = load(environments, "staging")
    assert staging.auth is not None
    assert staging.auth.issuer.startswith("https://cognito-idp.")
    assert dict(staging.auth.claims_to_attributes) == {
        "email": "customerEmail",
        "sub": "customerId",
    }
    assert (staging.widget.markdown, staging.widget.attachments) == (True, False)
    assert load(environments, "dev").auth is None


def test_a_contact_flow_arn_of_the_configured_instance_is_reduced_to_its_id(environments):
    dev = environments["dev"]
    arn = (f"arn:aws:connect:{dev['region']}:{dev['account']}:instance/{dev['instanceId']}"
           f"/contact-flow/{dev['contactFlowId']}")  # fmt: skip
    assert (
        load({"dev": {**dev, "contactFlowId": arn}}, "dev").contact_flow_id == dev["contactFlowId"]
    )
    other = arn.replace(dev["instanceId"], "99999999-9999-4999-8999-999999999999")
    with pytest.raises(ConfigError, match=r"contactFlowId: .* is not in account .* instance"):
        load({"dev": {**dev, "contactFlowId": other}}, "dev")
