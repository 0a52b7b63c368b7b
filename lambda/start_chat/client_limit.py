"""The per-client limit: at most N chat starts per client per window, counted in DynamoDB
with one conditional UpdateItem per start (a counter per client and fixed window). Client
ids are stored as keyed hashes (HMAC-SHA256), never as the IP address or `sub` itself.
Availability first: if the table fails or is slow (> 300 ms), the start goes through."""

import hashlib
import hmac
import math
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from aws_clients import create_client
from settings import ClientLimitSettings

TIMEOUTS: dict[str, Any] = {
    "connect_timeout": 0.1,
    "read_timeout": 0.2,
    "retries": {"total_max_attempts": 1},
}
EXPIRY_GRACE_SECONDS = 60  # TTL deletes within days anyway; the window decides, not the TTL


class LimitUnavailable(Exception):
    """The counter could not be read or written: let the start through, and count it."""


class ClientLimit:
    def __init__(
        self, *, table: str, starts: int, window_seconds: int, key: Callable[[], bytes], client: Any
    ) -> None:
        self.table, self.starts, self.window = table, starts, window_seconds
        self._key, self._client = key, client

    @classmethod
    def configured(cls, settings: ClientLimitSettings, key: Callable[[], bytes]) -> "ClientLimit":
        """`key`: the deployment's hashing key (hash_key.py)."""
        return cls(
            table=settings.table,
            starts=settings.starts,
            window_seconds=settings.window_seconds,
            key=key,
            client=create_client("dynamodb", **TIMEOUTS),
        )

    def retry_after(self, client_id: str, now: float) -> int | None:
        """None if this start is within the limit, else the seconds until a slot frees."""
        window = int(now // self.window)
        window_end = (window + 1) * self.window
        try:
            digest = hmac.new(self._key(), client_id.encode(), hashlib.sha256).hexdigest()
            self._client.update_item(
                TableName=self.table,
                Key={"pk": {"S": f"{digest}#{window}"}},
                UpdateExpression="ADD starts :one SET expiresAt = :expires",
                ConditionExpression="attribute_not_exists(starts) OR starts < :limit",
                ExpressionAttributeValues={
                    ":one": {"N": "1"},
                    ":limit": {"N": str(self.starts)},
                    ":expires": {"N": str(window_end + EXPIRY_GRACE_SECONDS)},
                },
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return max(1, math.ceil(window_end - now))
            raise LimitUnavailable(error.response.get("Error", {}).get("Code")) from None
        except Exception as error:  # botocore timeouts, reading the key: anything else
            raise LimitUnavailable(type(error).__name__) from None
        return None
