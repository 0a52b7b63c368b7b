"""The handler's CloudWatch metric names (the dashboard and alarms use the same:
infra/names.py, kept equal by tests/lambda/test_shared_names.py)."""

CHAT_STARTED = "ChatStarted"
CHAT_REJECTED = "ChatRejected"  # + ".<reason>"
UPSTREAM_FAILED = "UpstreamFailed"  # + ".<AWS error code>"
INTERNAL_ERROR = "InternalError"
CLIENT_LIMIT_UNAVAILABLE = "ClientLimitUnavailable"
BOT_CHECK_UNAVAILABLE = "BotCheckUnavailable"
