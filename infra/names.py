"""Names that must match on both sides of the deploy boundary, defined once for everything
that may import infra/ (the stack, ops/, local/, bench/). The handler cannot import infra/
(it is deployed as-is), so it keeps its own copies; tests/lambda/test_shared_names.py fails when
the two differ. Plain Python, as everything outside infra/cdk/."""

import hashlib

# The stack and its outputs (ops/deploy.py reads them back from cdk's outputs file).
STACK_PREFIX = "ChatStarter"
START_CHAT_URL_OUTPUT = "StartChatUrl"
WIDGET_START_CHAT_URL_OUTPUT = "WidgetStartChatUrl"
API_URL_OUTPUT = "ApiUrl"
# With widget.hosting: what the frontend team pastes (infra/cdk/widget_outputs.py).
WIDGET_SNIPPET_OUTPUT = "WidgetSnippet"
WIDGET_SNIPPET_PINNED_OUTPUT = "WidgetSnippetPinned"
WIDGET_SCRIPT_URL_OUTPUT = "WidgetScriptUrl"
CHAT_PAGE_URL_OUTPUT = "ChatPageUrl"

# The handler writes these as the EMF namespace and the `service` dimension of every metric
# (and the `service` key of every log line, lambda/start_chat/telemetry.py): one service
# per environment, see service_name().
SERVICE_PREFIX = "connect-chat-starter"
METRICS_NAMESPACE = "ConnectChatStarter"

# The handler's metrics (lambda/start_chat/metric_names.py) ...
CHAT_STARTED = "ChatStarted"
CHAT_REJECTED = "ChatRejected"  # + ".<reason>"
UPSTREAM_FAILED = "UpstreamFailed"  # + ".<AWS error code>"
INTERNAL_ERROR = "InternalError"
CLIENT_LIMIT_UNAVAILABLE = "ClientLimitUnavailable"  # the limit's store failed: let through
BOT_CHECK_UNAVAILABLE = "BotCheckUnavailable"  # the provider failed: refused (503)
# ... the reasons a start is the caller's mistake (lambda/start_chat/problems.py) ...
REJECTION_REASONS = (
    "validation-error",
    "malformed-body",
    "unsupported-media-type",
    "body-too-large",
    "origin-not-allowed",
    "chat-not-resumable",
    "continuation-refused",
    "too-many-chats",
    "bot-check-failed",
    "value-refused",
)
# ... and the AWS codes that mean Connect's quota ran out (lambda/start_chat/problems.py
# maps them to 429); each has its own UpstreamFailed.<code> metric.
CONNECT_THROTTLING_CODES = (
    "ThrottlingException",
    "TooManyRequestsException",
    "LimitExceededException",
)


def service_name(environment: str) -> str:
    """The handler's SERVICE_NAME and the alarms' and dashboard's `service`
    dimension: per environment, as environments may share an account and region."""
    return f"{SERVICE_PREFIX}-{environment}"


def stack_name(environment: str) -> str:
    return f"{STACK_PREFIX}-{environment}"


def github_access_stack_name(environment: str) -> str:
    return f"{STACK_PREFIX}GitHubAccess-{environment}"


def account_wide_name(environment: str, region: str, purpose: str = "", *, limit: int = 128) -> str:
    """A name for what is unique per account, not per region (a CloudWatch dashboard, a
    CloudFront policy or origin access control): with the region in it, the same
    environment can stand in two regions, or move, without `AlreadyExists`. Longer than
    `limit`, it is cut and ends in a hash of the whole, so it stays unique."""
    name = "-".join(part for part in (stack_name(environment), region, purpose) if part)
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: limit - len(digest) - 1]}-{digest}"
