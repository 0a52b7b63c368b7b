"""The function's botocore clients: created once per container, each with a bounded worst
case, all reading the bundled botocore data."""

import functools
import logging
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.exceptions import DataNotFoundError
from botocore.loaders import Loader

CONNECT_TIMEOUT_SECONDS = 1
READ_TIMEOUT_SECONDS = 4
MAX_ATTEMPTS = 2  # one retry: Connect's StartChatContact quota is small (2/s by default)
# Standard mode waits at most random(0, 1) * 2**(attempt - 1) seconds before a retry.
MAX_BACKOFF_SECONDS = sum(2 ** (attempt - 1) for attempt in range(1, MAX_ATTEMPTS))
WORST_CASE_SECONDS = MAX_ATTEMPTS * (CONNECT_TIMEOUT_SECONDS + READ_TIMEOUT_SECONDS) + (
    MAX_BACKOFF_SECONDS
)
# Reads of a secret or parameter (the hashing key, the bot check's secret): one attempt with
# short timeouts, so a store that accepts connections and never answers cannot hold a start
# for botocore's default 60 s x 3 attempts.
STORE_READ: dict[str, Any] = {
    "connect_timeout": 0.3,
    "read_timeout": 0.5,
    "retries": {"mode": "standard", "total_max_attempts": 1},
}
STORE_WORST_CASE_SECONDS = STORE_READ["connect_timeout"] + STORE_READ["read_timeout"]


def create_connect_client(*, endpoint_url: str | None = None, **config: Any) -> Any:
    """botocore rather than boto3: the same client, without boto3's extra import cost.
    Like any botocore client it honours AWS_ENDPOINT_URL_CONNECT (the local stack's seam)."""
    settings: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "read_timeout": READ_TIMEOUT_SECONDS,
        "retries": {"mode": "standard", "total_max_attempts": MAX_ATTEMPTS},
        **config,
    }
    return create_client("connect", endpoint_url=endpoint_url, **settings)


def create_client(service: str, *, endpoint_url: str | None = None, **settings: Any) -> Any:
    """The bundled botocore data (infra/botocore_data.py) is complete, so only it is searched;
    should the runtime's botocore want a file it lacks, botocore's own data is used as well
    (slower, still correct)."""
    config = Config(**{"user_agent_extra": "connect-chat-starter", **settings})
    try:
        session = _session()
        return session.create_client(service, endpoint_url=endpoint_url, config=config)
    except DataNotFoundError as error:
        logging.getLogger(__name__).warning("bundled botocore data incomplete: %s", error)
        fallback = botocore.session.get_session()
        return fallback.create_client(service, endpoint_url=endpoint_url, config=config)


@functools.cache
def _session() -> Any:
    """One session for all of the function's clients: a second would register botocore's
    handlers and read the shared data files again."""
    session = botocore.session.get_session()
    # botocore's own AWS_DATA_PATH: where the stack put the bundled data.
    if data_path := session.get_config_variable("data_path"):
        only_bundled = Loader(extra_search_paths=[data_path], include_default_search_paths=False)
        session.register_component("data_loader", only_bundled)
    return session
