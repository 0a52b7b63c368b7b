"""The deployment's hashing key, a Secrets Manager secret the stack generates: the per-client
limit stores client ids as keyed hashes of it, and Connect's ClientToken is one, so neither
an IP address nor a guessable Idempotency-Key is ever used as it was sent."""

from typing import Any

from stored_value import StoredValue

KEY_MAX_AGE_SECONDS = 3600


class HashKey:
    def __init__(self, secret_id: str, *, client: Any = None) -> None:
        self._value = StoredValue(
            "secretsmanager", secret_id, max_age_seconds=KEY_MAX_AGE_SECONDS, client=client
        )

    def __call__(self) -> bytes:
        """The key, or raise stored_value.StoreUnavailable."""
        return self._value().encode()
