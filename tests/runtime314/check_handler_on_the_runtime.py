"""On CPython 3.14, with the asset as Lambda holds it (ASSET_DIR: unzipped with 1980 dates,
read-only) and the runtime's boto3/botocore: every bundled module loads from bytecode, and
the handler keeps its contract. Standard library, botocore and pytest only."""

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ASSET = Path(os.environ["ASSET_DIR"])
# How to start this interpreter again: a loader-run one's sys.executable cannot start alone.
PYTHON = os.environ.get("PYTHON314") or sys.executable
EVENTS = Path(__file__).resolve().parent.parent / "events"
CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "token"}
KEY = b"runtime-test-key"


def continuation_of(contact_id: str) -> str:
    """The token the handler answers (continuation.py), computed here from its definition."""
    material = json.dumps(["continuation/v1", contact_id, ""], separators=(",", ":"))
    return hmac.new(KEY, material.encode(), hashlib.sha256).hexdigest()


class Context:  # what Lambda passes (the ColdStart metric names the function)
    function_name = "ChatStarter-runtime-test"
    function_version = "$LATEST"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:ChatStarter-test"
    aws_request_id = "runtime-test"


# Records every module compiled from source (no usable bytecode) while the handler imports.
COMPILED_FROM_SOURCE = """
import importlib._bootstrap_external as external, json, sys
compiled = []
original = external.SourceLoader.source_to_code
def recording(self, data, path, *args, **kwargs):
    compiled.append(str(path))
    return original(self, data, path, *args, **kwargs)
external.SourceLoader.source_to_code = recording
sys.path.insert(0, sys.argv[1])
import handler, bot_check, client_limit  # every module of ours, the optional layers too
print(json.dumps({"compiled": compiled, "modules": [m.__file__ for m in sys.modules.values()
                  if getattr(m, "__file__", None) and m.__file__.startswith(sys.argv[1])]}))
"""


def test_this_is_the_runtimes_python():
    assert sys.version_info[:2] == (3, 14)


def test_every_module_of_the_asset_loads_from_its_bytecode():
    run = subprocess.run(
        [PYTHON, "-c", COMPILED_FROM_SOURCE, str(ASSET)],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.splitlines()[-1])
    own = {path.name for path in ASSET.glob("*.py")}
    assert {Path(module).name for module in found["modules"]} == own, "all of ours imported"
    in_asset = [path for path in found["compiled"] if path.startswith(str(ASSET))]
    assert in_asset == [], f"compiled at import (stale or missing bytecode): {in_asset[:5]}"
    assert not list(ASSET.rglob("*.pyc.*")), "nothing was written into the code folder"


@pytest.fixture(scope="module")
def handler():
    sys.path.insert(0, str(ASSET))
    import handler as module

    module.hash_key = lambda: KEY
    return module


def load(name: str, **changes: object) -> dict:
    event = json.loads((EVENTS / f"{name}.json").read_text())
    event.update(changes)
    return event


def test_a_start_calls_connect_once_with_the_configured_flow_and_answers_the_chat(handler):
    from botocore.stub import ANY, Stubber

    expected = {
        "InstanceId": os.environ["INSTANCE_ID"],
        "ContactFlowId": os.environ["CONTACT_FLOW_ID"],
        "ParticipantDetails": {"DisplayName": "Ada Sntnl-Name"},
        "ClientToken": ANY,
    }
    with Stubber(handler.connect) as connect:
        connect.add_response("start_chat_contact", CHAT, expected)
        response = handler.handler(load("start_chat"), Context())
        connect.assert_no_pending_responses()
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {**CHAT, "ContinuationToken": continuation_of("c-1")}
    assert response["headers"]["Cache-Control"] == "no-store"


def test_a_bad_body_is_a_problem_and_never_reaches_connect(handler):
    from botocore.stub import Stubber

    with Stubber(handler.connect):  # any call would fail: nothing is queued
        response = handler.handler(load("start_chat", body='{"Nope": 1}'), Context())
    assert response["statusCode"] == 400
    assert response["headers"]["Content-Type"] == "application/problem+json"
    problem = json.loads(response["body"])
    assert problem["type"] == "urn:connect-chat-starter:problem:validation-error"
    assert {"field": "Nope", "message": "is not a known field"} in problem["errors"]


def test_the_widget_route_answers_the_widgets_shape(handler):
    from botocore.stub import Stubber

    with Stubber(handler.connect) as connect:
        connect.add_response("start_chat_contact", CHAT)
        response = handler.handler(load("widget_initiate_chat"), Context())
    assert response["statusCode"] == 200
    answered = json.loads(response["body"])["data"]["startChatResult"]
    assert answered == {**CHAT, "ContinuationToken": continuation_of("c-1")}


def test_a_connect_refusal_maps_to_its_problem(handler):
    from botocore.stub import Stubber

    with Stubber(handler.connect) as connect:
        connect.add_client_error("start_chat_contact", "ThrottlingException", "slow down", 429)
        response = handler.handler(load("start_chat"), Context())
    assert (response["statusCode"], response["headers"]["Retry-After"]) == (429, "2")
