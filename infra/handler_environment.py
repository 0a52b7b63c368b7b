"""The function's environment: the one contract between infra/ and the handler. Every variable
the function reads, what it means and who reads it, and the one writer, handler_environment().
The handler cannot import infra/ (it is deployed as-is): it reads its variables once, in
lambda/start_chat/settings.py, and tests/lambda/test_function_environment.py keeps the two
sides equal."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from infra.botocore_data import MODEL_DIR
from infra.config import EnvironmentConfig
from infra.names import METRICS_NAMESPACE, service_name

LAMBDA_SOURCE = Path(__file__).resolve().parent.parent / "lambda" / "start_chat"
# Where Lambda unpacks a zip function's code (LAMBDA_TASK_ROOT).
TASK_ROOT = "/var/task"
HANDLER = "handler.handler"


@dataclass(frozen=True)
class Variable:
    name: str
    meaning: str
    reader: Literal["settings", "botocore"] = "settings"


# In the order the template lists them.
CLIENT_LIMIT_STARTS = Variable("CLIENT_LIMIT_STARTS", "perClientLimit.starts")
CLIENT_LIMIT_WINDOW_SECONDS = Variable(
    "CLIENT_LIMIT_WINDOW_SECONDS", "perClientLimit.windowSeconds"
)
BOT_CHECK_PROVIDER = Variable("BOT_CHECK_PROVIDER", "botCheck.provider; unset: no bot check")
BOT_CHECK_SECRET_PARAMETER = Variable("BOT_CHECK_SECRET_PARAMETER", "botCheck.secretParameter")
INSTANCE_ID = Variable("INSTANCE_ID", "the Connect instance's ID")
CONTACT_FLOW_ID = Variable("CONTACT_FLOW_ID", "the contact flow's ID")
ALLOWED_ATTRIBUTES = Variable("ALLOWED_ATTRIBUTES", "allowedAttributes, comma-separated")
MAX_CHAT_DURATION_MINUTES = Variable("MAX_CHAT_DURATION_MINUTES", "maxChatDurationMinutes")
AWS_DATA_PATH = Variable(
    "AWS_DATA_PATH", "the bundled, trimmed botocore data (infra/botocore_data.py)", "botocore"
)
ALLOWED_ORIGINS = Variable(
    "ALLOWED_ORIGINS", "allowedOrigins and the hosted page's own, comma-separated"
)
SERVICE_NAME = Variable("SERVICE_NAME", "the `service` of every log line and metric")
METRICS_NAMESPACE_VARIABLE = Variable("METRICS_NAMESPACE", "the metrics' (EMF) namespace")
CLAIM_ATTRIBUTES = Variable("CLAIM_ATTRIBUTES", "auth.claimsToAttributes as JSON")
# The feature names AWS's chat widget (amazon-connect-chat-interface) looks up;
# MESSAGING_MARKDOWN is further narrowed per request to what the widget asked for.
FEATURE_PERMISSIONS = Variable("FEATURE_PERMISSIONS", "what /widget may offer, as JSON")
HASH_KEY_SECRET = Variable("HASH_KEY_SECRET", "the hashing key's secret (its ARN)")
CLIENT_LIMIT_TABLE = Variable("CLIENT_LIMIT_TABLE", "the counters table; unset: no limit")
BOT_CHECK_VERIFY_URL = Variable(
    "BOT_CHECK_VERIFY_URL", "the local stack's siteverify stand-in; unset: the provider's"
)
VARIABLES = (
    CLIENT_LIMIT_STARTS,
    CLIENT_LIMIT_WINDOW_SECONDS,
    BOT_CHECK_PROVIDER,
    BOT_CHECK_SECRET_PARAMETER,
    INSTANCE_ID,
    CONTACT_FLOW_ID,
    ALLOWED_ATTRIBUTES,
    MAX_CHAT_DURATION_MINUTES,
    AWS_DATA_PATH,
    ALLOWED_ORIGINS,
    SERVICE_NAME,
    METRICS_NAMESPACE_VARIABLE,
    CLAIM_ATTRIBUTES,
    FEATURE_PERMISSIONS,
    HASH_KEY_SECRET,
    CLIENT_LIMIT_TABLE,
    BOT_CHECK_VERIFY_URL,
)


def handler_environment(
    config: EnvironmentConfig,
    *,
    hash_key_secret: str | None = None,
    client_limit_table: str | None = None,
    allowed_origins: Sequence[str] | None = None,
    bot_check_verify_url: str | None = None,
    code_dir: str = TASK_ROOT,
) -> dict[str, str]:
    """The function's whole environment: from config, and from what the stack made for it
    (the hashing key's secret, the counters table, the hosted page's origin). The local
    stack passes its stand-ins' and the folder it wrote the botocore data into."""
    client_limit, bot_check = config.client_limit, config.bot_check
    claims = dict(config.auth.claims_to_attributes) if config.auth else {}
    features = {
        "ATTACHMENTS": config.widget.attachments,
        "MESSAGING_MARKDOWN": config.widget.markdown,
    }
    values: dict[Variable, str | None] = {
        CLIENT_LIMIT_STARTS: str(client_limit.starts) if client_limit else None,
        CLIENT_LIMIT_WINDOW_SECONDS: str(client_limit.window_seconds) if client_limit else None,
        BOT_CHECK_PROVIDER: bot_check.provider if bot_check else None,
        BOT_CHECK_SECRET_PARAMETER: bot_check.secret_parameter if bot_check else None,
        INSTANCE_ID: config.instance_id,
        CONTACT_FLOW_ID: config.contact_flow_id,
        ALLOWED_ATTRIBUTES: ",".join(config.allowed_attributes),
        MAX_CHAT_DURATION_MINUTES: str(config.max_chat_duration_minutes),
        AWS_DATA_PATH: f"{code_dir}/{MODEL_DIR}",
        ALLOWED_ORIGINS: ",".join(allowed_origins or config.allowed_origins),
        SERVICE_NAME: service_name(config.name),
        METRICS_NAMESPACE_VARIABLE: METRICS_NAMESPACE,
        CLAIM_ATTRIBUTES: json.dumps(claims),
        FEATURE_PERMISSIONS: json.dumps(features),
        HASH_KEY_SECRET: hash_key_secret,
        CLIENT_LIMIT_TABLE: client_limit_table if client_limit else None,
        BOT_CHECK_VERIFY_URL: bot_check_verify_url if bot_check else None,
    }
    return {variable.name: value for variable, value in values.items() if value is not None}
