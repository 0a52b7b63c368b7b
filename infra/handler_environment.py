"""The Lambda environment variables of the start-chat handler, derived from config only.

Kept free of aws_cdk so the local stack can use it without starting jsii."""

import json
from pathlib import Path

from infra.botocore_data import MODEL_DIR
from infra.config import EnvironmentConfig
from infra.names import METRICS_NAMESPACE, service_name

LAMBDA_SOURCE = Path(__file__).resolve().parent.parent / "lambda" / "start_chat"
# Where Lambda unpacks a zip function's code (LAMBDA_TASK_ROOT).
TASK_ROOT = "/var/task"
HANDLER = "handler.handler"


def handler_environment(config: EnvironmentConfig) -> dict[str, str]:
    """What the handler reads from its environment that config decides (the abuse layers'
    table and key names come from their constructs, or from the local stack)."""
    return {
        **abuse_environment(config),
        "INSTANCE_ID": config.instance_id,
        "CONTACT_FLOW_ID": config.contact_flow_id,
        "ALLOWED_ATTRIBUTES": ",".join(config.allowed_attributes),
        "MAX_CHAT_DURATION_MINUTES": str(config.max_chat_duration_minutes),
        # botocore searches here first: the bundled, trimmed Connect model (infra/botocore_data.py)
        "AWS_DATA_PATH": f"{TASK_ROOT}/{MODEL_DIR}",
        "ALLOWED_ORIGINS": ",".join(config.allowed_origins),
        "POWERTOOLS_SERVICE_NAME": service_name(config.name),
        "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
        "POWERTOOLS_LOG_LEVEL": "INFO",
        "CLAIM_ATTRIBUTES": json.dumps(
            dict(config.auth.claims_to_attributes) if config.auth else {}
        ),
        # The feature names AWS's chat widget (amazon-connect-chat-interface) looks up;
        # MESSAGING_MARKDOWN is further narrowed per request to what the widget asked for.
        "FEATURE_PERMISSIONS": json.dumps(
            {"ATTACHMENTS": config.widget.attachments, "MESSAGING_MARKDOWN": config.widget.markdown}
        ),
    }


def abuse_environment(config: EnvironmentConfig) -> dict[str, str]:
    environment: dict[str, str] = {}
    if config.client_limit:
        environment["CLIENT_LIMIT_STARTS"] = str(config.client_limit.starts)
        environment["CLIENT_LIMIT_WINDOW_SECONDS"] = str(config.client_limit.window_seconds)
    if config.bot_check:
        environment["BOT_CHECK_PROVIDER"] = config.bot_check.provider
        environment["BOT_CHECK_SECRET_PARAMETER"] = config.bot_check.secret_parameter
    return environment
