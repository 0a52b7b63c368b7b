"""One secret (Secrets Manager) or SecureString parameter (SSM), read through Powertools'
parameters utility: cached for max_age, and bounded like the calls it serves (one attempt,
short timeouts: connect_client.STORE_READ). The client is created on first use, so starts
that never need the value never pay for it."""

from typing import Any, Literal

from connect_client import STORE_READ, create_client


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
        self._provider: Any = None

    def __call__(self) -> str:
        try:
            value = self._provider_once().get(self.name, max_age=self.max_age, **self._options())
        except Exception as error:  # timeouts, access, a missing value: all the same here
            raise StoreUnavailable(type(error).__name__) from None
        if not value:
            raise StoreUnavailable("empty")
        return str(value)

    def _options(self) -> dict[str, Any]:
        return {"decrypt": True} if self.store == "ssm" else {}

    def _provider_once(self) -> Any:
        if self._provider is None:  # one provider: Powertools caches per provider
            from aws_lambda_powertools.utilities.parameters import SecretsProvider, SSMProvider

            client = self._client or create_client(self.store, **STORE_READ)
            kind = SSMProvider if self.store == "ssm" else SecretsProvider
            self._provider = kind(boto3_client=client)
        return self._provider
