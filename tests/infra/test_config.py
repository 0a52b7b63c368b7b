"""cdk.json environment validation: every mistake reported at once, one line each, naming
`environments.<env>.<key>` and what is allowed."""

import copy
import os
import subprocess

import pytest
from pydantic import ValidationError

from infra.config import DEFAULT_ENVIRONMENT, ConfigError, load
from infra.widget_bundle import widget_config
from tests.conftest import REPO_ROOT

ARN_ELSEWHERE = (
    "arn:aws:connect:us-east-1:222222222222:instance/33333333-3333-4333-8333-333333333333"
)


@pytest.fixture
def environments(shipped_environments):
    return copy.deepcopy(shipped_environments)


def mistakes(environments, name: str) -> tuple[str, ...]:
    with pytest.raises(ConfigError) as error:
        load(environments, name)
    return error.value.lines


def test_shipped_environments_parse(environments):
    dev = load(environments, None)
    assert dev.name == DEFAULT_ENVIRONMENT == "dev"
    prod = load(environments, "prod")
    assert prod.instance_id == "33333333-3333-4333-8333-333333333333", "ARN reduced to its ID"
    assert prod.termination_protection is True
    assert "http://localhost:5173" not in prod.allowed_origins


def test_config_is_frozen(environments):
    dev = load(environments, "dev")
    with pytest.raises(ValidationError, match="frozen"):
        dev.region = "eu-west-1"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        dev.name = "prod"  # type: ignore[misc]


def test_unknown_environment_lists_known_names(environments):
    assert mistakes(environments, "qa") == (
        "unknown environment 'qa'; known environments: botcheck, dev, limited, prod, staging",
    )


def test_optional_keys_take_documented_defaults(environments):
    dev = environments["dev"]
    for key in (
        "allowedAttributes",
        "throttle",
        "reservedConcurrency",
        "memoryMiB",
        "logRetentionDays",
        "maxChatDurationMinutes",
        "tags",
        "terminationProtection",
    ):
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


def test_three_mistakes_in_one_environment_are_reported_at_once(environments):
    prod = environments["prod"]
    prod["account"] = "12345"
    prod["memoryMiB"] = True
    prod["contactFlowID"] = prod.pop("contactFlowId")
    assert mistakes(environments, "prod") == (
        'environments.prod.account: "12345" is not a 12-digit account ID',
        "environments.prod.contactFlowId: is required (a UUID, or a contact-flow ARN)",
        "environments.prod.memoryMiB: true is not a whole number from 128 to 10240",
        "environments.prod.contactFlowID: is not a known key (known here: account, region, "
        "instanceId, contactFlowId, allowedOrigins, allowedAttributes, throttle, "
        "reservedConcurrency, memoryMiB, logRetentionDays, maxChatDurationMinutes, tags, "
        "terminationProtection, auth, widget, alarmEmails, p99LatencyAlarmMs, tracing, "
        "snapStart, github, perClientLimit, botCheck)",
    )


P = "environments.prod"
ORIGIN = "`https://host[:port]` or `http://localhost:PORT`"
BAD_VALUES = [
    ("account", "12345", f'{P}.account: "12345" is not a 12-digit account ID'),
    ("account", None, f"{P}.account: is required (a 12-digit account ID)"),
    ("region", "Mars-1", f'{P}.region: "Mars-1" is not an AWS region like'),
    ("instanceId", "nope", f'{P}.instanceId: "nope" is not a UUID, or an instance ARN'),
    ("instanceId", None, f"{P}.instanceId: is required"),
    (
        "instanceId",
        ARN_ELSEWHERE,
        f'{P}.instanceId: "{ARN_ELSEWHERE}" is not in account 222222222222 region eu-west-2',
    ),
    ("contactFlowId", "abc", f'{P}.contactFlowId: "abc" is not a UUID, or a contact-flow ARN'),
    ("contactFlowId", 7, f"{P}.contactFlowId: 7 is not a UUID"),
    ("contactFlowId", None, f"{P}.contactFlowId: is required"),
    ("allowedOrigins", ["*"], f"{P}.allowedOrigins[0]: '*' is refused"),
    ("allowedOrigins", ["http://example.com"], f'{P}.allowedOrigins[0]: "http://example.com" is not {ORIGIN}'),
    ("allowedOrigins", ["https://example.com/"], f'{P}.allowedOrigins[0]: "https://example.com/" is not {ORIGIN}'),
    ("allowedOrigins", [], f"{P}.allowedOrigins: [] is not a list of distinct items (at least 1)"),
    ("allowedOrigins", ["https://a.com", "https://a.com"], f"{P}.allowedOrigins: lists the same value twice"),
    ("allowedAttributes", ["has space"], f'{P}.allowedAttributes[0]: "has space" is not a contact attribute name'),
    ("allowedAttributes", "topic", f'{P}.allowedAttributes: "topic" is not a list of distinct items'),
    ("throttle", {"rateLimit": 0, "burstLimit": 5}, f"{P}.throttle.rateLimit: 0 is not a number from 0.1 to 10000"),
    ("throttle", {"burstLimit": 5.5}, f"{P}.throttle.burstLimit: 5.5 is not a whole number from 1 to 5000"),
    ("throttle", {"rateLimit": 2, "burst": 1}, f"{P}.throttle.burst: is not a known key (known here: rateLimit, burstLimit)"),
    ("reservedConcurrency", 0, f"{P}.reservedConcurrency: 0 is not a whole number from 1 to 1000"),
    ("reservedConcurrency", True, f"{P}.reservedConcurrency: true is not a whole number"),
    ("reservedConcurrency", "5", f'{P}.reservedConcurrency: "5" is not a whole number'),
    ("memoryMiB", 64, f"{P}.memoryMiB: 64 is not a whole number from 128 to 10240"),
    ("logRetentionDays", 10, f"{P}.logRetentionDays: 10 is not a retention CloudWatch Logs accepts"),
    ("logRetentionDays", 14.0, f"{P}.logRetentionDays: 14.0 is not a retention CloudWatch Logs"),
    ("logRetentionDays", True, f"{P}.logRetentionDays: true is not a retention CloudWatch Logs"),
    ("maxChatDurationMinutes", 59, f"{P}.maxChatDurationMinutes: 59 is not a whole number from 60 to 10080"),
    ("maxChatDurationMinutes", 10081, f"{P}.maxChatDurationMinutes: 10081 is not a whole number"),
    ("tags", {"aws:x": "y"}, f'{P}.tags.aws:x: "aws:x" is not a string of 1 to 128 characters, not `aws:...`'),
    ("tags", {"team": 5}, f"{P}.tags.team: 5 is not a string of at most 256 characters"),
    ("tags", {"team": "x" * 257}, f'{P}.tags.team: "xxxxxxxx'),
    ("terminationProtection", "yes", f'{P}.terminationProtection: "yes" is not true or false'),
    ("alarmEmails", ["not-an-email"], f'{P}.alarmEmails[0]: "not-an-email" is not an email address'),
    ("p99LatencyAlarmMs", 30000, f"{P}.p99LatencyAlarmMs: 30000 is not a whole number from 100 to 29000"),
    ("tracing", "on", f'{P}.tracing: "on" is not true or false'),
    ("widget", {"markdown": "yes"}, f'{P}.widget.markdown: "yes" is not true or false'),
    ("widget", {"priceClass": "PriceClass_1"}, f'{P}.widget.priceClass: "PriceClass_1" is not one of PriceClass_100'),
    ("widget", [], f"{P}.widget: [] is not an object"),
    ("github", {"environment": "prod"}, f"{P}.github.repository: is required (a GitHub repository 'owner/name')"),
    ("perClientLimit", {"starts": 0, "windowSeconds": 5}, f"{P}.perClientLimit.starts: 0 is not a whole number from 1 to 1000"),
    ("botCheck", {"provider": "captcha", "siteKey": " ", "secretParameter": "x"}, f'{P}.botCheck.provider: "captcha" is not one of turnstile, recaptcha, hcaptcha'),
    ("contactFlowID", "x", f"{P}.contactFlowID: is not a known key (known here: account,"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "value", "message"), BAD_VALUES, ids=[f"{k}={v!r}"[:60] for k, v, _ in BAD_VALUES]
)
def test_a_bad_value_is_one_line_naming_the_key_and_what_is_allowed(
    environments, key, value, message
):
    if value is None:
        del environments["prod"][key]
    else:
        environments["prod"][key] = value
    lines = mistakes(environments, "prod")
    assert lines[0].startswith(message), lines
    assert all("\n" not in line for line in lines)


def test_every_mistake_of_a_section_is_reported(environments):
    environments["botcheck"]["botCheck"] = {"provider": "captcha", "siteKey": " ", "x": 1}
    assert [line.split(":")[0] for line in mistakes(environments, "botcheck")] == [
        "environments.botcheck.botCheck.provider",
        "environments.botcheck.botCheck.siteKey",
        "environments.botcheck.botCheck.secretParameter",
        "environments.botcheck.botCheck.x",
    ]


def test_cdk_cli_prints_every_line_without_a_traceback(environments):
    result = subprocess.run(
        [
            "npx",
            "--no-install",
            "cdk",
            "synth",
            "-c",
            "env=qa",
            "--quiet",
            "--output",
            os.devnull + "-unused",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode != 0
    assert (
        "connect-chat-starter: unknown environment 'qa'; known environments: botcheck, dev, "
        "limited, prod, staging"
    ) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_each_mistake_is_a_line_of_its_own_for_the_user():
    error = ConfigError("environments.dev.a: x", "environments.dev.b: y")
    assert error.told_by("app") == "app: environments.dev.a: x\napp: environments.dev.b: y"


A = "environments.staging.auth"
ISSUER = "https://idp.example.com"
BAD_AUTH = [
    ({"type": "oauth"}, f'{A}.type: "oauth" is not one of none, jwt'),
    ({"type": "jwt", "audience": ["a"]}, f"{A}.issuer: is required (an https:// issuer URL)"),
    ({"type": "jwt", "issuer": "http://idp.example.com", "audience": ["a"]}, f'{A}.issuer: "http://idp.example.com" is not an https:// issuer URL'),
    ({"type": "jwt", "issuer": ISSUER, "audience": []}, f"{A}.audience: [] is not a list of distinct items (at least 1)"),
    ({"type": "jwt", "issuer": ISSUER}, f"{A}.audience: is required"),
    ({"type": "jwt", "issuer": ISSUER, "audience": ["a"], "claimsToAttributes": {"email": "secret"}},
     f'{A}.claimsToAttributes.email: maps onto "secret", which is not in allowedAttributes'),
    ({"type": "jwt", "issuer": ISSUER, "audience": ["a"], "claimsToAttributes": {"email": "topic", "sub": "topic"}},
     f"{A}.claimsToAttributes: maps two claims onto the same attribute"),
    ({"type": "none", "issuer": ISSUER}, f"{A}.issuer: is not a known key (known here: type)"),
]  # fmt: skip


@pytest.mark.parametrize(("auth", "message"), BAD_AUTH, ids=[m for _, m in BAD_AUTH])
def test_bad_auth_is_one_line_naming_the_key(environments, auth, message):
    environments["staging"]["auth"] = auth
    [line] = mistakes(environments, "staging")
    assert line.startswith(message)


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
    assert load({"dev": {**environments["dev"], "auth": {}}}, "dev").auth is None


def test_github_environment_defaults_to_the_environments_name(environments):
    assert load(environments, "staging").github.environment == "staging"
    environments["staging"]["github"]["environment"] = "production"
    assert load(environments, "staging").github.environment == "production"


def test_a_contact_flow_arn_of_the_configured_instance_is_reduced_to_its_id(environments):
    dev = environments["dev"]
    arn = (
        f"arn:aws:connect:{dev['region']}:{dev['account']}:instance/{dev['instanceId']}"
        f"/contact-flow/{dev['contactFlowId']}"
    )
    assert (
        load({"dev": {**dev, "contactFlowId": arn}}, "dev").contact_flow_id == dev["contactFlowId"]
    )
    other = arn.replace(dev["instanceId"], "99999999-9999-4999-8999-999999999999")
    with pytest.raises(ConfigError, match=r"contactFlowId: .* is not in account .* instance"):
        load({"dev": {**dev, "contactFlowId": other}}, "dev")


SIGN_IN_REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://staging.example.com/sign-in",
    "ftp://staging.example.com/",
    "//evil.example.com/sign-in",
    "/\\evil.example.com",
    "https://",
    "https://staging.example.com/sign in",
    "/sign-in\n",
    "sign-in",
    "",
]


@pytest.mark.parametrize("url", SIGN_IN_REFUSED)
def test_the_sign_in_link_is_https_or_a_path_of_the_site_only(environments, url):
    environments["staging"]["auth"]["signInUrl"] = url
    [line] = mistakes(environments, "staging")
    assert line.startswith(f"{A}.signInUrl: ")
    assert "an `https://` URL or a path on the page's own site" in line


@pytest.mark.parametrize("url", ["https://example.com/sign-in?next=%2Fchat", "/account/sign-in"])
def test_the_sign_in_link_reaches_config_json(environments, url):
    environments["staging"]["auth"]["signInUrl"] = url
    page = widget_config(load(environments, "staging"), start_chat_url="https://api/chat")
    assert (page["signIn"], page["signInUrl"]) == ("jwt", url)
    del environments["staging"]["auth"]["signInUrl"]
    assert "signInUrl" not in widget_config(load(environments, "staging"), start_chat_url="/c")
    environments["dev"]["auth"] = {"type": "none", "signInUrl": url}
    assert mistakes(environments, "dev") == (
        "environments.dev.auth.signInUrl: is not a known key (known here: type)",
    )
