"""Handler test helpers: the handler imported the way Lambda does, with the env vars the stack
sets (derived from the dev environment through infra, so the two cannot drift apart)."""

import copy
import json
import os
import sys
import tempfile
from pathlib import Path

from infra.botocore_data import write_trimmed_model
from infra.config import load, read_environments
from infra.handler_environment import LAMBDA_SOURCE, handler_environment
from local.lambda_runtime import LambdaContext
from tests.conftest import REPO_ROOT

EVENTS = REPO_ROOT / "tests" / "events"
DEV = load(read_environments(), "dev")
# The trimmed Connect model, written as bundling writes it: the tests' client is the
# function's client (kept for the session; the OS cleans its temp folder).
MODEL_PATH = write_trimmed_model(Path(tempfile.mkdtemp(prefix="connect-model-")))
os.environ.update(
    handler_environment(DEV, code_dir=str(MODEL_PATH.parent)),
    AWS_DEFAULT_REGION=DEV.region,
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_EC2_METADATA_DISABLED="true",
)
sys.path.insert(0, str(LAMBDA_SOURCE))
import continuation  # noqa: E402
import handler  # noqa: E402 - needs the environment above, as in Lambda
import idempotency  # noqa: E402

# The handler tests' hashing key (tests/lambda/conftest.py puts it in place of the secret).
TEST_HASH_KEY = b"test-hash-key"
FIXTURE_KEY = "6f0d1c9e-8d1b-4d3a-9a59-3a5e1f2b7c11"  # the events' Idempotency-Key
FIXTURE_CALLER = "ip:203.0.113.7"  # the events' sourceIp


def client_token_for(
    *, idempotency_key: str = FIXTURE_KEY, caller: str = FIXTURE_CALLER, **params: object
) -> str:
    """The ClientToken the handler sends for these StartChatContact parameters (without the
    configured IDs): the events' key, scoped to the events' caller."""
    return idempotency.client_token(
        TEST_HASH_KEY, caller=caller, idempotency_key=idempotency_key, params=params
    )


def continuation_token_for(contact_id: str, *, subject: str | None = None) -> str:
    """The ContinuationToken the handler answers for a chat (the tests' hashing key)."""
    return continuation.continuation_token(TEST_HASH_KEY, contact_id=contact_id, subject=subject)


# Every secret in the test data contains this marker; none may ever reach a log line.
SENTINEL = "sntnl"


def load_event(name: str) -> dict:
    return copy.deepcopy(json.loads((EVENTS / f"{name}.json").read_text()))


def with_body(body: object, **headers: str) -> dict:
    event = load_event("start_chat")
    event["body"] = body if isinstance(body, str) else json.dumps(body)
    event["headers"].update(headers)
    return event


def invoke(event: dict) -> tuple[int, dict, dict]:
    response = handler.handler(event, LambdaContext())
    assert isinstance(response["body"], str), "API Gateway needs the body as a string"
    return response["statusCode"], response["headers"], json.loads(response["body"])


def assert_no_sentinel(text: str) -> None:
    assert SENTINEL not in text.lower(), f"a secret reached the logs:\n{text[:2000]}"


def emf_lines(output: str) -> list[dict]:
    """The EMF lines the handler printed, parsed."""
    return [json.loads(line) for line in output.splitlines() if line.startswith('{"_aws"')]


def metric_names(output: str) -> set[str]:
    """Metric names in the EMF lines the handler printed (read here, so checked here)."""
    assert_no_sentinel(output)
    names: set[str] = set()
    for line in emf_lines(output):
        for directive in line["_aws"]["CloudWatchMetrics"]:
            names |= {m["Name"] for m in directive["Metrics"]}
    return names
