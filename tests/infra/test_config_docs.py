"""docs/configuration.md's table and docs/environment.schema.json are generated from
infra/config.py's models and current; the schema holds every shipped environment and
refuses what the loader refuses; every default the table documents is the one applied."""

import copy
import json
import re

import pytest
from jsonschema import Draft202012Validator

from infra.config import ConfigError, load
from infra.config_docs import (
    CONFIGURATION_PAGE,
    SCHEMA_FILE,
    markdown_table,
    schema_text,
    table_block,
)
from tests.conftest import REPO_ROOT

REQUIRED = ("account", "region", "instanceId", "contactFlowId", "allowedOrigins")
ROW = re.compile(r"^\| `(?P<key>[\w.]+)` \| [^|]+ \| `(?P<default>[^`]+)` \|")
STALE = "stale: run python -m infra.config_docs --write"


@pytest.fixture(scope="module")
def schema() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))


def test_the_table_is_current():
    assert table_block(CONFIGURATION_PAGE.read_text()) == markdown_table(), STALE


def test_the_schema_file_is_current_and_a_valid_schema():
    assert SCHEMA_FILE.read_text() == schema_text(), STALE
    Draft202012Validator.check_schema(json.loads(SCHEMA_FILE.read_text()))


def test_the_schema_holds_cdk_json(schema):
    cdk_json = json.loads((REPO_ROOT / "cdk.json").read_text())
    assert list(schema.iter_errors(cdk_json)) == []
    assert len(cdk_json["context"]["environments"]) == 5


REFUSED_BY_BOTH = [
    ("account", "12345"),
    ("reservedConcurrency", True),
    ("logRetentionDays", 10),
    ("allowedOrigins", ["*"]),
    ("allowedOrigins", []),
    ("tags", {"aws:x": "y"}),
    ("tags", {"team": "x" * 257}),
    ("auth", {"type": "jwt", "issuer": "https://idp.example.com"}),
    ("auth", {"type": "none", "issuer": "https://idp.example.com"}),
    (
        "auth",
        {
            "type": "jwt",
            "issuer": "https://i.example.com",
            "audience": ["a"],
            "signInUrl": "javascript:alert(1)",
        },
    ),
    (
        "auth",
        {
            "type": "jwt",
            "issuer": "https://i.example.com",
            "audience": ["a"],
            "signInUrl": "//evil.example.com",
        },
    ),
    ("widget", {"priceClass": "PriceClass_1"}),
    ("botCheck", {"provider": "turnstile", "siteKey": " ", "secretParameter": "/a"}),
    ("contactFlowID", "x"),
]


@pytest.mark.parametrize(("key", "value"), REFUSED_BY_BOTH, ids=[k for k, _ in REFUSED_BY_BOTH])
def test_the_schema_refuses_what_the_loader_refuses(schema, shipped_environments, key, value):
    environments = copy.deepcopy(shipped_environments)
    environments["dev"][key] = value
    with pytest.raises(ConfigError):
        load(environments, "dev")
    assert list(schema.iter_errors({"context": {"environments": environments}}))


def documented_defaults() -> dict[str, object]:
    """key -> the JSON default docs/configuration.md's table gives it (keys of sections an
    environment without them lacks left out)."""
    lines = table_block(CONFIGURATION_PAGE.read_text()).splitlines()
    rows = (ROW.match(line) for line in lines if "(only when" not in line)
    return {row["key"]: json.loads(row["default"]) for row in rows if row}


def test_every_documented_default_is_the_one_applied(shipped_environments):
    given = {key: shipped_environments["dev"][key] for key in REQUIRED}
    applied = load({"m": given}, "m").model_dump(mode="json", by_alias=True)
    defaults = documented_defaults()
    assert {"memoryMiB", "throttle.rateLimit", "widget.priceClass", "auth.type"} <= set(defaults)
    for key, default in defaults.items():
        value = applied
        for part in key.split("."):
            value = value[part]
        assert value == default, key
