"""The botocore Connect client: created once per container, with a bounded worst case."""

from typing import Any

import botocore.session
from botocore.config import Config

CONNECT_TIMEOUT_SECONDS = 1
READ_TIMEOUT_SECONDS = 4
MAX_ATTEMPTS = 2  # one retry: Connect's StartChatContact quota is small (2/s by default)
# Standard mode waits at most random(0, 1) * 2**(attempt - 1) seconds before a retry.
MAX_BACKOFF_SECONDS = sum(2 ** (attempt - 1) for attempt in range(1, MAX_ATTEMPTS))
WORST_CASE_SECONDS = MAX_ATTEMPTS * (CONNECT_TIMEOUT_SECONDS + READ_TIMEOUT_SECONDS) + (
    MAX_BACKOFF_SECONDS
)


def create_connect_client(*, endpoint_url: str | None = None, **config: Any) -> Any:
    """botocore rather than boto3: the same client, without boto3's extra import cost.
    Like any botocore client it honours AWS_ENDPOINT_URL_CONNECT (the local stack's seam)."""
    settings: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "read_timeout": READ_TIMEOUT_SECONDS,
        "retries": {"mode": "standard", "total_max_attempts": MAX_ATTEMPTS},
        "user_agent_extra": "connect-chat-starter",
        **config,
    }
    session = botocore.session.get_session()
    return session.create_client("connect", endpoint_url=endpoint_url, config=Config(**settings))
