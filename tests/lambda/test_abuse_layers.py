"""The abuse layers in the handler: the per-client limit on botocore's Stubber (DynamoDB's
real model), the bot check against a real HTTP siteverify stand-in, its secret read through
Powertools' parameters utility (a Stubber on the SSM client it uses)."""

import json
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

import pytest
from botocore.exceptions import ReadTimeoutError
from botocore.stub import ANY, Stubber

from abuse_layers import AbuseLayers
from bot_check import BotCheck
from client_limit import ClientLimit
from connect_client import create_client
from tests.http_server import serving
from tests.lambda_helpers import handler, invoke, metric_names, with_body

CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "sntnl-token"}
NAME = {"ParticipantDetails": {"DisplayName": "Ada"}}

SECRET = "1x0000000000000000000000000000000AA"  # Turnstile's documented test secret
PASSING = "XXXX.DUMMY.TOKEN.XXXX"
SITEVERIFY: dict = {"mode": "ok", "seen": []}


class Siteverify(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        SITEVERIFY["seen"].append(form)
        mode = SITEVERIFY["mode"]
        if mode == "slow":
            time.sleep(2.5)
        status, body = 200, {"success": form["response"] == [PASSING] and form["secret"] == [SECRET],
                             "hostname": "wrong.example" if mode == "wrong-host" else "dev.example.com"}  # fmt: skip
        if mode == "5xx":
            status = 503
        payload = b"<html>not json" if mode == "garbage" else json.dumps(body).encode()
        self.send_response(status)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture(scope="module")
def siteverify_url():
    with serving(Siteverify) as origin:
        yield f"{origin}/siteverify"


@pytest.fixture
def ssm():
    with Stubber(create_client("ssm")) as stubber:  # BotCheck(..., ssm=stubber.client)
        yield stubber


@pytest.fixture
def dynamodb():
    client = create_client("dynamodb")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def layers(monkeypatch, *, bot_check=None, client_limit=None):
    monkeypatch.setattr(handler, "abuse_layers", AbuseLayers(bot_check, client_limit))


def limit(client) -> ClientLimit:
    return ClientLimit(table="counters", starts=3, window_seconds=600, key=lambda: b"k", client=client)  # fmt: skip


def test_over_the_limit_is_429_with_the_seconds_until_the_window_ends(monkeypatch, connect_stub, dynamodb, capfd):  # fmt: skip
    client, stubber = dynamodb
    layers(monkeypatch, client_limit=limit(client))
    now = 1_800_000_450.0  # 450 s into a 600 s window
    monkeypatch.setattr("abuse_layers.time.time", lambda: now)
    expected = {"TableName": "counters", "Key": {"pk": ANY}, "UpdateExpression": ANY,
                "ConditionExpression": ANY, "ExpressionAttributeValues": ANY}  # fmt: skip
    stubber.add_response("update_item", {}, expected)
    connect_stub.add_response("start_chat_contact", CHAT)
    assert invoke(with_body(NAME))[0] == 200
    stubber.add_client_error("update_item", "ConditionalCheckFailedException", "over", 400, expected_params=expected)  # fmt: skip
    status, headers, problem = invoke(with_body(NAME))
    assert (status, headers["Retry-After"]) == (429, "150")
    assert problem["type"].endswith(":too-many-chats")
    names = metric_names(capfd.readouterr().out)
    assert "ChatRejected.too-many-chats" in names
    assert not any(n.startswith("UpstreamFailed") for n in names)


def test_the_key_is_a_keyed_hash_never_the_address(dynamodb):
    client, stubber = dynamodb
    seen = {}
    stubber.add_response("update_item", {}, None)
    client.meta.events.register("provide-client-params.dynamodb.UpdateItem", lambda params, **_: seen.update(params))  # fmt: skip
    limit(client).retry_after("203.0.113.7", 1_800_000_000.0)
    assert "203.0.113.7" not in json.dumps(seen)
    assert seen["Key"]["pk"]["S"].endswith("#3000000")


def test_a_slow_or_failing_table_lets_the_start_through_and_is_counted(monkeypatch, connect_stub, dynamodb, capfd, handler_logs):  # fmt: skip
    client, stubber = dynamodb
    layers(monkeypatch, client_limit=limit(client))
    stubber.add_client_error("update_item", "ProvisionedThroughputExceededException", "slow", 400)
    connect_stub.add_response("start_chat_contact", CHAT)
    assert invoke(with_body(NAME))[0] == 200
    monkeypatch.setattr(client, "update_item", lambda **_: (_ for _ in ()).throw(ReadTimeoutError(endpoint_url="x")))  # fmt: skip
    connect_stub.add_response("start_chat_contact", CHAT)
    assert invoke(with_body(NAME))[0] == 200
    assert "ClientLimitUnavailable" in metric_names(capfd.readouterr().out)
    assert json.loads(handler_logs.getvalue().splitlines()[-1])["client_limit"] == "unavailable"


@pytest.mark.parametrize(
    ("token", "mode", "status", "suffix"),
    [(PASSING, "ok", 200, None), (None, "ok", 403, "bot-check-failed"),
     ("forged", "ok", 403, "bot-check-failed"), (PASSING, "wrong-host", 403, "bot-check-failed"),
     (PASSING, "5xx", 503, "bot-check-unavailable"), (PASSING, "garbage", 503, "bot-check-unavailable"),
     (PASSING, "slow", 503, "bot-check-unavailable")],
)  # fmt: skip
def test_bot_check_verdicts(monkeypatch, connect_stub, ssm, siteverify_url, capfd, token, mode, status, suffix):  # fmt: skip
    check = BotCheck(
        siteverify_url,
        "/chat/bot-secret",
        frozenset({"dev.example.com", "localhost"}),
        ssm=ssm.client,
    )
    layers(monkeypatch, bot_check=check)
    SITEVERIFY.update(mode=mode, seen=[])
    if token:
        ssm.add_response("get_parameter", {"Parameter": {"Name": "/chat/bot-secret", "Value": SECRET}},
                         {"Name": "/chat/bot-secret", "WithDecryption": True})  # fmt: skip
    if status == 200:
        connect_stub.add_response("start_chat_contact", CHAT)
    event = with_body(NAME, **({"x-bot-token": token} if token else {}))
    started = time.monotonic()
    got, headers, problem = invoke(event)
    assert got == status
    assert time.monotonic() - started < 4, "the provider's 2 s timeout holds"
    if suffix:
        assert problem["type"].endswith(f":{suffix}")
    if status == 503:
        assert headers["Retry-After"] == "5"
        assert "BotCheckUnavailable" in metric_names(capfd.readouterr().out)
    if SITEVERIFY["seen"]:
        assert SITEVERIFY["seen"][0]["remoteip"] == ["203.0.113.7"]
