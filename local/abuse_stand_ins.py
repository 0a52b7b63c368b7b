"""The abuse layers offline: DynamoDB, Secrets Manager and SSM from moto's server mode (a
real third-party emulator, on a free localhost port), set up as the stack would: the
counters table with its TTL, the hashing key (every environment has one: it scopes
Connect's ClientToken to its caller), the bot check's SecureString."""

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

import boto3

from infra.config import EnvironmentConfig
from local.siteverify import SITEVERIFY_PATH, TEST_SECRET

LOCAL_TABLE = "connect-chat-starter-local-counters"
LOCAL_KEY_SECRET = "connect-chat-starter-local-hash-key"  # noqa: S105 - a secret's name


@dataclass(kw_only=True)
class StandIns:
    """What the stand-ins hold for the function (handler_environment's values), and the
    endpoints its AWS SDK calls go to (the SDK's own variables, not the function's)."""

    hash_key_secret: str = ""
    client_limit_table: str | None = None
    bot_check_verify_url: str | None = None
    endpoints: dict[str, str] = field(default_factory=dict)


class AbuseStandIns:
    """moto, holding what the environment's layers read: always the hashing key."""

    def __init__(self, config: EnvironmentConfig) -> None:
        self.config = config
        self.server: Any = None

    def start(self, aws_url: str) -> StandIns:
        """The key, and the layers switched on."""
        from moto.server import ThreadedMotoServer  # heavy: only when needed

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log line per call

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        url = f"http://{host}:{port}"
        made = StandIns()
        self._hash_key(url, made)
        if self.config.client_limit:
            self._client_limit(url, made)
        if self.config.bot_check:
            self._bot_check(url, aws_url, made)
        return made

    def _client(self, service: str, url: str) -> Any:
        return boto3.client(
            service,
            endpoint_url=url,
            region_name=self.config.region,
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106 - moto takes any
        )

    def _client_limit(self, url: str, made: StandIns) -> None:
        dynamodb = self._client("dynamodb", url)
        dynamodb.create_table(
            TableName=LOCAL_TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        )
        dynamodb.update_time_to_live(
            TableName=LOCAL_TABLE,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiresAt"},
        )
        made.client_limit_table = LOCAL_TABLE
        made.endpoints["AWS_ENDPOINT_URL_DYNAMODB"] = url

    def _hash_key(self, url: str, made: StandIns) -> None:
        key = self._client("secretsmanager", url).create_secret(
            Name=LOCAL_KEY_SECRET, SecretString=secrets.token_urlsafe(48)
        )
        made.hash_key_secret = key["ARN"]
        made.endpoints["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = url

    def _bot_check(self, url: str, aws_url: str, made: StandIns) -> None:
        assert self.config.bot_check is not None
        self._client("ssm", url).put_parameter(
            Name=self.config.bot_check.secret_parameter, Value=TEST_SECRET, Type="SecureString"
        )
        made.bot_check_verify_url = f"{aws_url}{SITEVERIFY_PATH}"
        made.endpoints["AWS_ENDPOINT_URL_SSM"] = url

    def stop(self) -> None:
        if self.server:
            self.server.stop()
