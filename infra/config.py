"""One environment of cdk.json (`context.environments.<name>`) as frozen pydantic models.

load() reports every mistake at once, one line each, naming `environments.<env>.<key>` and
what is allowed. docs/configuration.md's table and docs/environment.schema.json are
generated from these models (infra/config_docs.py): adding a key is adding a field.
Nothing else reads cdk.json. Synth-time only: the function's asset never imports pydantic.
"""

import functools
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Strict,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from infra.schema_words import ALLOWED, mistake, shown

DEFAULT_ENVIRONMENT = "dev"
CDK_JSON = Path(__file__).resolve().parent.parent / "cdk.json"
UUID = "[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"
ARN = "arn:aws[a-z-]*:connect:[a-z0-9-]+:[0-9]{12}:instance/"
CONNECT_ARN = re.compile(
    r"^arn:[^:]+:connect:(?P<region>[^:]+):(?P<account>[^:]+):instance/(?P<instance>[^/]+)"
    r"(?:/contact-flow/(?P<flow>[^/]+))?$"
)


class ConfigError(Exception):
    """A bad cdk.json: `lines` names each mistake; str() is all of them, one per line."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines

    def told_by(self, program: str) -> str:
        return "\n".join(f"{program}: {line}" for line in self.lines)


def _refused(message: str, **context: Any) -> PydanticCustomError:
    """A mistake whose message says itself what is wrong (else: "... is not <allowed>")."""
    return PydanticCustomError("refused", message, context)


def _whole(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):  # Literal takes true and 14.0
        raise PydanticCustomError("not_allowed", "not allowed")
    return value


def _not_any_origin(value: Any) -> Any:
    if value == "*":
        raise _refused("'*' is refused: list each origin that may start chats")
    return value


def _distinct(items: Sequence[Any]) -> Any:
    if len(set(items)) != len(items):
        raise _refused("lists the same value twice")
    return items


def _one_claim_each(mapping: Mapping[str, str]) -> Any:
    if len(set(mapping.values())) != len(mapping):
        raise _refused("maps two claims onto the same attribute")
    return mapping


def rule(allowed: str, **constraints: Any) -> Any:
    """A value's constraints, and the words errors and docs say it with."""
    return Field(json_schema_extra={ALLOWED: allowed}, **constraints)


def _keys_by_pattern(schema: dict[str, Any]) -> None:
    """pydantic writes a dict's key pattern as patternProperties, which lets any other key
    through; propertyNames refuses them."""
    [(pattern, values)] = schema.pop("patternProperties").items()
    schema["propertyNames"] = {**schema.get("propertyNames", {}), "pattern": pattern}
    schema["additionalProperties"] = values


KeysByPattern = Field(json_schema_extra=_keys_by_pattern)


def text(allowed: str, pattern: str, default: Any = ..., **more: Any) -> Any:
    """A string field matching `pattern`."""
    return rule(allowed, default=default, strict=True, pattern=pattern, **more)


Whole = Annotated[int, Strict()]
Number = Annotated[float, Strict()]
Flag = Annotated[bool, Strict()]
Distinct = AfterValidator(_distinct)
Text = Annotated[str, Strict(), rule("a non-empty string", pattern=r"^\s*\S")]
Origin = Annotated[
    str,
    Strict(),
    rule(
        "`https://host[:port]` or `http://localhost:PORT` (no path, no trailing slash); "
        "`*` is refused",
        pattern=r"^(https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?"
        r"|http://localhost:[0-9]{1,5})$",
    ),
    BeforeValidator(_not_any_origin),
]
AttributeName = Annotated[
    str,
    Strict(),
    rule("a contact attribute name (A-Z a-z 0-9 _ -)", pattern="^[A-Za-z0-9_-]{1,127}$"),
]
Email = Annotated[
    str, Strict(), rule("an email address", pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
]
TagKey = Annotated[
    str,
    Strict(),
    rule("a string of 1 to 128 characters, not `aws:...`", pattern="^(?!aws:).{1,128}$"),
]
TagValue = Annotated[str, Strict(), rule("a string of at most 256 characters", max_length=256)]
# The retention periods CloudWatch Logs accepts (never-expire left out on purpose).
RetentionDays = Annotated[
    Literal[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
            2557, 2922, 3288, 3653],
    BeforeValidator(_whole),
    rule("a retention CloudWatch Logs accepts"),
]  # fmt: skip
PriceClass = Literal["PriceClass_100", "PriceClass_200", "PriceClass_All"]
Provider = Literal["turnstile", "recaptcha", "hcaptcha"]
Claims = Annotated[dict[Text, AttributeName], KeysByPattern, AfterValidator(_one_claim_each)]


class Model(BaseModel):
    """Each field's docstring is its meaning in the docs' table and the schema."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=to_camel,
        regex_engine="python-re",
        use_attribute_docstrings=True,
    )


class Throttle(Model):
    rate_limit: Number = Field(default=2, ge=0.1, le=10_000)
    """stage requests per second (Connect's default StartChatContact quota)"""
    burst_limit: Whole = Field(default=5, ge=1, le=5000)
    """stage burst"""


class NoAuth(Model):
    type: Literal["none"] = "none"
    """anyone may start chats"""


class JwtAuth(Model):
    type: Literal["jwt"]
    """only holders of a JWT issued by `issuer` to one of `audience` may start chats"""
    issuer: str = text("an https:// issuer URL", r"^https://[^\s/]+(/\S*)?$")
    """the JWT issuer (any OIDC issuer)"""
    audience: Annotated[tuple[Text, ...], Distinct] = Field(min_length=1)
    """accepted JWT audiences (app client IDs)"""
    claims_to_attributes: Claims = {}
    """JWT claim → the contact attribute it sets: one of `allowedAttributes`, each at most
    once (a browser may then not send that attribute)"""
    sign_in_url: str | None = text(
        "an `https://` URL or a path on the page's own site (`/...`, not `//...`)",
        # no other scheme (javascript:, data:, http:), no other host by `//` or `/\`, and
        # nothing after a trailing newline (Python's `$` would allow one)
        r"^(https://[^\s/?#\\\x00-\x1f\x7f]+|/(?![/\\]))[^\s\\\x00-\x1f\x7f]*(?!\n)$",
        None,
        max_length=2048,
    )
    """the site's sign-in page: the chat page and the widget link to it, instead of the
    form, for a visitor with no sign-in token (config.json's `signInUrl`)"""


def _auth_type(value: Any) -> Any:
    return value.get("type", "none") if isinstance(value, dict) else getattr(value, "type", None)


Auth = Annotated[
    Annotated[NoAuth, Tag("none")] | Annotated[JwtAuth, Tag("jwt")], Discriminator(_auth_type)
]


class WidgetFeatures(Model):
    markdown: Flag = True
    """`/widget` may offer markdown (if the widget asks for `text/markdown`)"""
    attachments: Flag = False
    """`/widget` reports attachments as allowed"""
    hosting: Flag = False
    """the stack hosts the widget bundle and the chat page on CloudFront (outputs
    `WidgetSnippet`; see [Chat page and widget](web.md))"""
    price_class: PriceClass = "PriceClass_100"
    """with `hosting`, the widget's CloudFront edges: `PriceClass_100` North America, Europe,
    Israel and Türkiye only (visitors elsewhere are served from those, farther away);
    `PriceClass_200` adds Africa, the Middle East and most of Asia; `PriceClass_All` adds
    South America, Australia and New Zealand (see [First deploys](deploying.md#first-deploys))"""


class GitHubAccess(Model):
    repository: str = text("a GitHub repository 'owner/name'", "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
    """the repository whose workflow deploys this environment (see [Deploying from
    GitHub](deploying.md#deploying-from-github))"""
    environment: str = text(
        "a GitHub environment name", "^[A-Za-z0-9_.-]{1,255}$", None, validate_default=True
    )
    """the GitHub environment whose jobs may deploy (default: this environment's name)"""
    oidc_provider_arn: str | None = text(
        "the ARN of an IAM OIDC provider for token.actions.githubusercontent.com",
        r"^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\.actions\.githubusercontent\.com$",
        None,
    )
    """the account's existing GitHub OIDC provider, imported (default: one is created)"""
    bootstrap_qualifier: str = text(
        "a CDK bootstrap qualifier", "^[A-Za-z0-9_-]{1,10}$", "hnb659fds"
    )
    """the CDK bootstrap qualifier whose roles the deploy role may assume"""

    @field_validator("environment", mode="before")
    @classmethod
    def _this_environment_by_default(cls, value: Any, info: ValidationInfo) -> Any:
        return (info.context or {}).get("environment") if value is None else value


class ClientLimit(Model):
    starts: Whole = Field(ge=1, le=1000)
    """chat starts one client may make per window (client: the JWT `sub`, else the source IP)"""
    window_seconds: Whole = Field(ge=10, le=86_400)
    """the window of `starts` (see [Abuse protection](abuse-protection.md))"""


class BotCheck(Model):
    provider: Provider
    """the bot check the page shows and the handler verifies"""
    site_key: Text
    """the provider's public site key (given to the page)"""
    secret_parameter: str = text(
        "an SSM parameter name like '/chat/bot-secret'", r"^/[A-Za-z0-9_.\-/]{1,1010}$"
    )
    """SSM SecureString holding the provider's secret key"""


class EnvironmentConfig(Model):
    """One environment of cdk.json's `context.environments`."""

    account: str = text("a 12-digit account ID", "^[0-9]{12}$")
    """the AWS account to deploy to"""
    region: str = text(
        "an AWS region like 'us-east-1'", "^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$"
    )
    """the AWS region to deploy to"""
    instance_id: str = text("a UUID, or an instance ARN", f"^({UUID}|{ARN}{UUID})$")
    """the Connect instance (an instance ARN is reduced to its ID)"""
    contact_flow_id: str = text(
        "a UUID, or a contact-flow ARN", f"^({UUID}|{ARN}{UUID}/contact-flow/{UUID})$"
    )
    """the inbound chat contact flow (a contact-flow ARN is reduced to its ID)"""
    allowed_origins: Annotated[tuple[Origin, ...], Distinct] = Field(min_length=1)
    """browser origins that may start chats (CORS, and the handler's Origin check)"""
    allowed_attributes: Annotated[tuple[AttributeName, ...], Distinct] = ()
    """contact attributes a browser may set"""
    throttle: Throttle = Throttle()
    """the API stage's throttling"""
    reserved_concurrency: Whole = Field(10, ge=1, le=1000)
    """the function's reserved concurrency"""
    memory_mib: Whole = Field(256, ge=128, le=10_240, alias="memoryMiB")
    """the function's memory"""
    log_retention_days: RetentionDays = 30
    """retention of function and access logs"""
    max_chat_duration_minutes: Whole = Field(1500, ge=60, le=10_080)
    """upper bound of `ChatDurationInMinutes` (1500 is Connect's default)"""
    tags: Annotated[dict[TagKey, TagValue], KeysByPattern] = {}
    """tags on every resource"""
    termination_protection: Flag = False
    """CloudFormation termination protection"""
    auth_section: Auth = Field(NoAuth(), alias="auth")
    """who may start chats: anyone, or holders of a JWT (see [Authenticated
    chats](contract.md#authenticated-chats-auth))"""
    widget: WidgetFeatures = WidgetFeatures()
    """what `/widget` tells AWS's chat widget it may do, and the widget's hosting"""
    alarm_emails: Annotated[tuple[Email, ...], Distinct] = ()
    """addresses the alarms notify (creates an encrypted SNS topic)"""
    p99_latency_alarm_ms: Whole = Field(5000, ge=100, le=29_000)
    """the `P99Latency` alarm's threshold"""
    tracing: Flag = False
    """X-Ray active tracing"""
    snap_start: Flag = False
    """Lambda SnapStart: the API calls alias `live` of a published version restored from a
    snapshot (see [Performance](performance.md))"""
    github: GitHubAccess | None = None
    """deploys from GitHub Actions through OIDC (stack ChatStarterGitHubAccess-<env>)"""
    client_limit: ClientLimit | None = Field(None, alias="perClientLimit")
    """a per-client limit on chat starts"""
    bot_check: BotCheck | None = None
    """a bot check a person passes before a chat starts"""
    _name: str = PrivateAttr("")

    @property
    def name(self) -> str:
        return self._name

    @property
    def auth(self) -> JwtAuth | None:
        """The JWT sign-in that starting a chat needs, or None: anyone may."""
        return self.auth_section if isinstance(self.auth_section, JwtAuth) else None

    @field_validator("instance_id", "contact_flow_id")
    @classmethod
    def _arn_reduced_to_its_id(cls, value: str, info: ValidationInfo) -> str:
        arn = CONNECT_ARN.match(value)
        if arn is None:
            return value
        owner = {"account": info.data.get("account"), "region": info.data.get("region")}
        if info.field_name == "contact_flow_id":
            owner["instance"] = info.data.get("instance_id")
        if any(known and arn[part] != known for part, known in owner.items()):
            where = " ".join(f"{part} {known}" for part, known in owner.items() if known)
            raise _refused("{value} is not in {where}", value=shown(value), where=where)
        return str(arn["flow"] or arn["instance"])

    @field_validator("auth_section")
    @classmethod
    def _claims_set_allowed_attributes(cls, auth: Any, info: ValidationInfo) -> Any:
        allowed = info.data.get("allowed_attributes")
        if not isinstance(auth, JwtAuth) or allowed is None:
            return auth
        outside = {c: a for c, a in auth.claims_to_attributes.items() if a not in allowed}
        if outside:
            message = "maps onto {attribute}, which is not in allowedAttributes"
            raise ValidationError.from_exception_data(
                "auth",
                [
                    InitErrorDetails(
                        type=_refused(message, attribute=shown(attribute)),
                        loc=("claimsToAttributes", claim),
                        input=attribute,
                    )
                    for claim, attribute in outside.items()
                ],
            )
        return auth

    @model_validator(mode="after")
    def _named(self, info: ValidationInfo) -> Self:
        self._name = (info.context or {}).get("environment", "")
        return self


def load(environments: Any, name: str | None) -> EnvironmentConfig:
    """Environment `name` (default `dev`) of the `environments` context value."""
    name = name or DEFAULT_ENVIRONMENT
    if not isinstance(environments, dict) or not environments:
        raise ConfigError("cdk.json context has no 'environments' object")
    if name not in environments:
        known = ", ".join(sorted(environments))
        raise ConfigError(f"unknown environment {name!r}; known environments: {known}")
    try:
        return EnvironmentConfig.model_validate(environments[name], context={"environment": name})
    except ValidationError as error:
        where = f"environments.{name}"
        lines = [mistake(environment_schema(), where, e) for e in error.errors() if not _echo(e)]
        raise ConfigError(*lines) from None


def _echo(error: ErrorDetails) -> bool:
    """pydantic also calls a list too short when its items failed (none is left)."""
    return error["type"] == "too_short" and len(error["input"]) >= error["ctx"]["min_length"]


def read_environments(cdk_json: Path = CDK_JSON) -> Any:
    """The `environments` context value, for tools outside the CDK app (the local stack);
    the CDK app itself gets it from the CDK's context."""
    return json.loads(cdk_json.read_text()).get("context", {}).get("environments")


@functools.cache
def environment_schema() -> dict[str, Any]:
    return EnvironmentConfig.model_json_schema()
