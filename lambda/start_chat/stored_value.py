"""One secret (Secrets Manager) or SecureString parameter (SSM), read with the function's
botocore client and kept for max_age, bounded like the calls it serves (one attempt, short
timeouts: aws_clients.STORE_READ). The client is created on first use, so starts that
never need the value never pay for it.

Not Powertools' parameters utility: it imports boto3 and s3transfer (multiprocessing
included), 27-54 ms of a deployed function's first answer for one cached read
(docs/performance.md)."""

import time
from typing import Any, Literal

from aws_clients import STORE_READ, create_client


class StoreUnavailable(Exception):
    """The value could not be read in time; callers decide whether to fail open or closed."""


class StoredValue:
    def __init__(
        self,
        store: Literal["secretsmanager", "ssm"],
        name: str,
        *,
        max_age_seconds: int,
        client: Any = None,
    ) -> None:
        self.store, self.name, self.max_age = store, name, max_age_seconds
        self._client = client
        self._value: str | None = None
        self._read_at = 0.0

    def __call__(self) -> str:
        now = time.monotonic()
        if self._value is not None and now - self._read_at < self.max_age:
            return self._value
        try:
            value = self._read()
        except Exception as error:  # timeouts, access, a missing value: all the same here
            raise StoreUnavailable(type(error).__name__) from None
        if not value:
            raise StoreUnavailable("empty")
        self._value, self._read_at = value, now
        return value

    def _read(self) -> str | None:
        if self._client is None:
            self._client = create_client(self.store, **STORE_READ)
        if self.store == "ssm":
            answer = self._client.get_parameter(Name=self.name, WithDecryption=True)
            value = answer["Parameter"].get("Value")
        else:
            value = self._client.get_secret_value(SecretId=self.name).get("SecretString")
        return value if isinstance(value, str) else None
