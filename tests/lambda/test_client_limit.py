"""The per-client limit in the handler, on botocore's Stubber (DynamoDB's real model): over
the limit a 429 that says when a slot frees, client ids stored only as keyed hashes, and a
slow or failing table lets the start through and is counted."""

import json

import pytest
from botocore.exceptions import ReadTimeoutError
from botocore.stub import ANY, Stubber

from abuse_layers import AbuseLayers
from aws_clients import create_client
from client_limit import ClientLimit
from tests.lambda_helpers import handler, invoke, metric_names, with_body

CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "sntnl-token"}
NAME = {"ParticipantDetails": {"DisplayName": "Ada"}}


@pytest.fixture
def dynamodb():
    client = create_client("dynamodb")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def limited_by(monkeypatch, client_limit: ClientLimit) -> None:
    monkeypatch.setattr(handler, "abuse_layers", AbuseLayers(None, client_limit))


def limit(client) -> ClientLimit:
    return ClientLimit(
        table="counters", starts=3, window_seconds=600, key=lambda: b"k", client=client
    )


def test_over_the_limit_is_429_with_the_seconds_until_the_window_ends(
    monkeypatch, connect_stub, dynamodb, capfd
):
    client, stubber = dynamodb
    limited_by(monkeypatch, limit(client))
    now = 1_800_000_450.0  # 450 s into a 600 s window
    monkeypatch.setattr("abuse_layers.time.time", lambda: now)
    expected = {
        "TableName": "counters",
        "Key": {"pk": ANY},
        "UpdateExpression": ANY,
        "ConditionExpression": ANY,
        "ExpressionAttributeValues": ANY,
    }
    stubber.add_response("update_item", {}, expected)
    connect_stub.add_response("start_chat_contact", CHAT)
    assert invoke(with_body(NAME))[0] == 200
    stubber.add_client_error(
        "update_item", "ConditionalCheckFailedException", "over", 400, expected_params=expected
    )
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
    client.meta.events.register(
        "provide-client-params.dynamodb.UpdateItem", lambda params, **_: seen.update(params)
    )
    limit(client).retry_after("203.0.113.7", 1_800_000_000.0)
    assert "203.0.113.7" not in json.dumps(seen)
    assert seen["Key"]["pk"]["S"].endswith("#3000000")


def test_a_slow_or_failing_table_lets_the_start_through_and_is_counted(
    monkeypatch, connect_stub, dynamodb, capfd, handler_logs
):
    client, stubber = dynamodb
    limited_by(monkeypatch, limit(client))
    stubber.add_client_error("update_item", "ProvisionedThroughputExceededException", "slow", 400)
    connect_stub.add_response("start_chat_contact", CHAT)
    assert invoke(with_body(NAME))[0] == 200
    monkeypatch.setattr(
        client, "update_item", lambda **_: (_ for _ in ()).throw(ReadTimeoutError(endpoint_url="x"))
    )
    connect_stub.add_response("start_chat_contact", CHAT)
    assert invoke(with_body(NAME))[0] == 200
    assert "ClientLimitUnavailable" in metric_names(capfd.readouterr().out)
    assert json.loads(handler_logs.getvalue().splitlines()[-1])["client_limit"] == "unavailable"
