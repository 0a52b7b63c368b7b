"""Every key an environment in cdk.json may hold, once: name, type, default, rule, meaning.
The loader (infra/config.py) reads by these keys, its error messages come from their rules,
and the README's environment table is generated from them (infra/config_table.py)."""

import re
from dataclasses import dataclass
from typing import Any

from infra import config_rules as rules


class Required:
    def __repr__(self) -> str:
        return "required"


REQUIRED: Any = Required()
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
HTTPS_URL = re.compile(r"^https://[^\s/]+(/[^\s]*)?$")
GITHUB_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
GITHUB_ENVIRONMENT = re.compile(r"^[A-Za-z0-9_.-]{1,255}$")
OIDC_PROVIDER_ARN = re.compile(
    r"^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\.actions\.githubusercontent\.com$"
)
BOOTSTRAP_QUALIFIER = re.compile(r"^[A-Za-z0-9_-]{1,10}$")
SSM_PARAMETER = re.compile(r"^/[A-Za-z0-9_.\-/]{1,1010}$")


@dataclass(frozen=True)
class Key:
    name: str  # the path inside the environment object
    type: str
    default: Any  # REQUIRED: must be given
    check: rules.Check  # for a list: each item
    meaning: str
    min_items: int = 0  # lists only
    when: str = ""  # read only in this case (README)

    @property
    def leaf(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    @property
    def is_list(self) -> bool:
        return self.type == "list of strings"


def _key(name: str, type_: str, default: Any, check: rules.Check, meaning: str, **more: Any) -> Key:
    return Key(name, type_, default, check, meaning, **more)


ACCOUNT = _key("account", "string", REQUIRED, rules.matches(rules.ACCOUNT, "a 12-digit account ID"), "the AWS account to deploy to")  # fmt: skip
REGION = _key("region", "string", REQUIRED, rules.matches(rules.REGION, "an AWS region like 'us-east-1'"), "the AWS region to deploy to")  # fmt: skip
INSTANCE_ID = _key("instanceId", "string", REQUIRED, rules.instance, "the Connect instance (an instance ARN is reduced to its ID)")  # fmt: skip
CONTACT_FLOW_ID = _key("contactFlowId", "string", REQUIRED, rules.contact_flow, "the inbound chat contact flow (a contact-flow ARN is reduced to its ID)")  # fmt: skip
ALLOWED_ORIGINS = _key("allowedOrigins", "list of strings", REQUIRED, rules.origin, "browser origins that may start chats (CORS, and the handler's Origin check)", min_items=1)  # fmt: skip
ALLOWED_ATTRIBUTES = _key("allowedAttributes", "list of strings", [], rules.matches(rules.ATTRIBUTE_KEY, "a contact attribute name (A-Z a-z 0-9 _ -)"), "contact attributes a browser may set")  # fmt: skip
RATE_LIMIT = _key("throttle.rateLimit", "number", 2, rules.number(0.1, 10000), "stage requests per second (Connect's default StartChatContact quota)")  # fmt: skip
BURST_LIMIT = _key("throttle.burstLimit", "integer", 5, rules.integer(1, 5000), "stage burst")  # fmt: skip
RESERVED_CONCURRENCY = _key("reservedConcurrency", "integer", 10, rules.integer(1, 1000), "the function's reserved concurrency")  # fmt: skip
MEMORY_MIB = _key("memoryMiB", "integer", 256, rules.integer(128, 10240), "the function's memory")  # fmt: skip
LOG_RETENTION_DAYS = _key("logRetentionDays", "integer", 30, rules.one_of(rules.LOG_RETENTION_DAYS, "a retention CloudWatch Logs accepts"), "retention of function and access logs")  # fmt: skip
MAX_CHAT_DURATION = _key("maxChatDurationMinutes", "integer", 1500, rules.integer(60, 10080), "upper bound of `ChatDurationInMinutes` (1500 is Connect's default)")  # fmt: skip
TAGS = _key("tags", "object of strings", {}, rules.tags, "tags on every resource")  # fmt: skip
TERMINATION_PROTECTION = _key("terminationProtection", "boolean", False, rules.boolean, "CloudFormation termination protection")  # fmt: skip
AUTH_TYPE = _key("auth.type", "string", "none", rules.one_of(("none", "jwt")), "who may start chats: anyone, or holders of a JWT (see [Authenticated chats](contract.md#authenticated-chats-auth))")  # fmt: skip
AUTH_ISSUER = _key("auth.issuer", "string", REQUIRED, rules.matches(HTTPS_URL, "an https:// issuer URL"), "the JWT issuer (any OIDC issuer)", when="`auth.type` is `jwt`")  # fmt: skip
AUTH_AUDIENCE = _key("auth.audience", "list of strings", REQUIRED, rules.non_empty_text, "accepted JWT audiences (app client IDs)", min_items=1, when="`auth.type` is `jwt`")  # fmt: skip
AUTH_CLAIMS = _key("auth.claimsToAttributes", "object of strings", {}, rules.claim_mapping, "JWT claim → contact attribute (a key of `allowedAttributes`)", when="`auth.type` is `jwt`")  # fmt: skip
WIDGET_MARKDOWN = _key("widget.markdown", "boolean", True, rules.boolean, "`/widget` may offer markdown (if the widget asks for `text/markdown`)")  # fmt: skip
WIDGET_ATTACHMENTS = _key("widget.attachments", "boolean", False, rules.boolean, "`/widget` reports attachments as allowed")  # fmt: skip
WIDGET_HOSTING = _key("widget.hosting", "boolean", False, rules.boolean, "the stack hosts the widget bundle and the chat page on CloudFront (outputs `WidgetSnippet`; see [Chat page and widget](web.md))")  # fmt: skip
WIDGET_PRICE_CLASS = _key(
    "widget.priceClass",
    "string",
    "PriceClass_100",
    rules.one_of(("PriceClass_100", "PriceClass_200", "PriceClass_All")),
    "the widget's CloudFront edges: `PriceClass_100` North America, Europe, Israel and "
    "Türkiye only (visitors elsewhere are served from those, farther away); `PriceClass_200` "
    "adds Africa, the Middle East and most of Asia; `PriceClass_All` adds South America, "
    "Australia and New Zealand (see [First deploys](deploying.md#first-deploys))",
    when="`widget.hosting` is true",
)
ALARM_EMAILS = _key("alarmEmails", "list of strings", [], rules.matches(EMAIL, "an email address"), "addresses the alarms notify (creates an encrypted SNS topic)")  # fmt: skip
P99_LATENCY_ALARM_MS = _key("p99LatencyAlarmMs", "integer", 5000, rules.integer(100, 29_000), "the `P99Latency` alarm's threshold")  # fmt: skip
TRACING = _key("tracing", "boolean", False, rules.boolean, "X-Ray active tracing")  # fmt: skip
GITHUB_REPOSITORY_KEY = _key("github.repository", "string", REQUIRED, rules.matches(GITHUB_REPOSITORY, "a GitHub repository 'owner/name'"), "the repository whose workflow deploys this environment (see [Deploying from GitHub](deploying.md#deploying-from-github))", when="`github` is set")  # fmt: skip
GITHUB_ENVIRONMENT_KEY = _key("github.environment", "string", None, rules.optional(rules.matches(GITHUB_ENVIRONMENT, "a GitHub environment name")), "the GitHub environment whose jobs may deploy (default: this environment's name)", when="`github` is set")  # fmt: skip
GITHUB_OIDC_PROVIDER = _key("github.oidcProviderArn", "string", None, rules.optional(rules.matches(OIDC_PROVIDER_ARN, "the ARN of an IAM OIDC provider for token.actions.githubusercontent.com")), "the account's existing GitHub OIDC provider, imported (default: one is created)", when="`github` is set")  # fmt: skip
GITHUB_QUALIFIER = _key("github.bootstrapQualifier", "string", "hnb659fds", rules.matches(BOOTSTRAP_QUALIFIER, "a CDK bootstrap qualifier"), "the CDK bootstrap qualifier whose roles the deploy role may assume", when="`github` is set")  # fmt: skip
LIMIT_STARTS = _key("perClientLimit.starts", "integer", REQUIRED, rules.integer(1, 1000), "chat starts one client may make per window (client: the JWT `sub`, else the source IP)", when="`perClientLimit` is set")  # fmt: skip
LIMIT_WINDOW = _key("perClientLimit.windowSeconds", "integer", REQUIRED, rules.integer(10, 86400), "the window of `starts` (see [Abuse protection](abuse-protection.md))", when="`perClientLimit` is set")  # fmt: skip
BOT_PROVIDER = _key("botCheck.provider", "string", REQUIRED, rules.one_of(("turnstile", "recaptcha", "hcaptcha")), "the bot check the page shows and the handler verifies", when="`botCheck` is set")  # fmt: skip
BOT_SITE_KEY = _key("botCheck.siteKey", "string", REQUIRED, rules.non_empty_text, "the provider's public site key (given to the page)", when="`botCheck` is set")  # fmt: skip
BOT_SECRET = _key("botCheck.secretParameter", "string", REQUIRED, rules.matches(SSM_PARAMETER, "an SSM parameter name like '/chat/bot-secret'"), "SSM SecureString holding the provider's secret key", when="`botCheck` is set")  # fmt: skip
SNAP_START = _key("snapStart", "boolean", False, rules.boolean, "Lambda SnapStart: the API calls alias `live` of a published version restored from a snapshot (see [Performance](performance.md))")  # fmt: skip

KEYS = (ACCOUNT, REGION, INSTANCE_ID, CONTACT_FLOW_ID, ALLOWED_ORIGINS, ALLOWED_ATTRIBUTES,
        RATE_LIMIT, BURST_LIMIT, RESERVED_CONCURRENCY, MEMORY_MIB, LOG_RETENTION_DAYS,
        MAX_CHAT_DURATION, TAGS, TERMINATION_PROTECTION, AUTH_TYPE, AUTH_ISSUER, AUTH_AUDIENCE,
        AUTH_CLAIMS, WIDGET_MARKDOWN, WIDGET_ATTACHMENTS, WIDGET_HOSTING, WIDGET_PRICE_CLASS, ALARM_EMAILS, P99_LATENCY_ALARM_MS,
        TRACING, SNAP_START, GITHUB_REPOSITORY_KEY, GITHUB_ENVIRONMENT_KEY, GITHUB_OIDC_PROVIDER,
        GITHUB_QUALIFIER, LIMIT_STARTS, LIMIT_WINDOW, BOT_PROVIDER, BOT_SITE_KEY, BOT_SECRET)  # fmt: skip
