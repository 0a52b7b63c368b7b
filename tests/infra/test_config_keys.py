"""infra/config_keys.py is the one list of environment keys: the loader reads exactly these,
and docs/configuration.md's table is generated from them."""

import pytest

from infra.config import ConfigError, load
from infra.config_keys import KEYS, REQUIRED
from infra.config_table import CONFIGURATION_PAGE, markdown_table, table_block

JWT_ONLY = {key.name for key in KEYS if key.when}


def every_key() -> dict:
    """An environment giving every key a valid value (the default, or a real one)."""
    given = {"account": "111111111111", "region": "us-east-1",
             "instanceId": "11111111-1111-4111-8111-111111111111",
             "contactFlowId": "22222222-2222-4222-8222-222222222222",
             "allowedOrigins": ["https://www.example.com"], "auth.type": "jwt",
             "auth.issuer": "https://issuer.example.com", "auth.audience": ["client"],
             "github.repository": "example-org/connect-chat-starter",
             "perClientLimit.starts": 5, "perClientLimit.windowSeconds": 3600,
             "botCheck.provider": "turnstile", "botCheck.siteKey": "1x00000000000000000000AA",
             "botCheck.secretParameter": "/chat/bot-secret"}  # fmt: skip
    env: dict = {}
    for key in KEYS:
        value = given.get(key.name, key.default)
        assert value is not REQUIRED, key.name
        *sections, leaf = key.name.split(".")
        target = env
        for section in sections:
            target = target.setdefault(section, {})
        target[leaf] = value
    return env


def test_readme_table_is_generated_from_the_keys():
    assert table_block(CONFIGURATION_PAGE.read_text()) == markdown_table(), (
        "docs/configuration.md's environment table is stale: run python -m infra.config_table --write"
    )


def test_the_loader_accepts_every_listed_key():
    config = load({"all": every_key()}, "all")
    assert config.auth is not None
    assert config.github is not None
    assert config.github.environment == "all"
    assert config.p99_latency_alarm_ms == 5000


def test_the_loader_knows_no_key_the_table_does_not_list():
    with pytest.raises(ConfigError) as error:
        load({"all": {**every_key(), "zzz": 1}}, "all")
    known = str(error.value).split("known keys: ")[1].split(", ")
    assert sorted(known) == sorted({key.name.split(".")[0] for key in KEYS})


@pytest.mark.parametrize("key", [k for k in KEYS if k.default is not REQUIRED and not k.when], ids=lambda k: k.name)  # fmt: skip
def test_defaults_come_from_the_table(key):
    minimal = {k: v for k, v in every_key().items() if k in ("account", "region", "instanceId", "contactFlowId", "allowedOrigins")}  # fmt: skip
    full = every_key()
    optional_parts = ("github", "perClientLimit", "botCheck")
    without_optional_parts = {k: v for k, v in full.items() if k not in optional_parts}
    assert load({"m": minimal}, "m") == load({"m": {**without_optional_parts, "auth": {"type": "none"}}}, "m")  # fmt: skip
    assert key.name not in JWT_ONLY
