"""Continuing a past chat (PersistentChat) is bound to the customer who had it: the start
answer's ContinuationToken, a keyed hash of the contact ID and, where the caller signed in,
their JWT subject. Knowing a contact ID is not enough; Connect is never called for a
stranger."""

import json

import pytest

from stored_value import StoreUnavailable
from tests.lambda_helpers import (
    DEV,
    continuation_token_for,
    handler,
    invoke,
    load_event,
    metric_names,
    with_body,
)

PAST = "0f9c4d2a-7e1b-4c3d-9a8b-1e2f3a4b5c6d"
OTHER = "c0ffee00-0000-4000-8000-000000000009"
CHAT = {
    "ContactId": "c0ffee00-0000-4000-8000-000000000001",
    "ParticipantId": "p-1",
    "ParticipantToken": "sntnl-token",
}
NAME = {"ParticipantDetails": {"DisplayName": "Ada"}}
REFUSED = "urn:connect-chat-starter:problem:continuation-refused"


def continuing(token: str | None, source: str = PAST) -> dict:
    persistent = {"SourceContactId": source, "RehydrationType": "ENTIRE_PAST_SESSION"}
    if token is not None:
        persistent["ContinuationToken"] = token
    body = {**NAME, "PersistentChat": persistent}
    event = with_body(body)
    del event["headers"]["idempotency-key"]  # no ClientToken: the Stubber sees the params
    return event


def jwt_continuing(token: str, subject: str) -> dict:
    event = load_event("start_chat_jwt")
    event["requestContext"]["authorizer"]["jwt"]["claims"]["sub"] = subject
    event["body"] = continuing(token)["body"]
    event["isBase64Encoded"] = False
    event["headers"].pop("idempotency-key", None)
    return event


def connect_continues(stub, source: str = PAST) -> None:
    stub.add_response(
        "start_chat_contact",
        {**CHAT, "ContinuedFromContactId": source},
        {
            "InstanceId": DEV.instance_id,
            "ContactFlowId": DEV.contact_flow_id,
            **NAME,
            "PersistentChat": {"SourceContactId": source, "RehydrationType": "ENTIRE_PAST_SESSION"},
        },
    )


def test_the_chats_own_token_continues_it_and_connect_never_sees_the_token(connect_stub):
    connect_continues(connect_stub)
    status, _, body = invoke(continuing(continuation_token_for(PAST)))
    assert status == 200
    assert body["ContinuedFromContactId"] == PAST
    assert body["ContinuationToken"] == continuation_token_for(CHAT["ContactId"])


def test_a_stranger_with_only_the_contact_id_is_refused_before_connect(connect_stub):
    status, _, problem = invoke(continuing(None))  # the Stubber has no response queued
    assert status == 400
    assert [e["field"] for e in problem["errors"]] == ["PersistentChat.ContinuationToken"]


@pytest.mark.parametrize(
    "token",
    [continuation_token_for(OTHER), "0" * 64, continuation_token_for(PAST, subject="someone")],
    ids=["another-chats-token", "zeros", "a-signed-in-callers-token"],
)
def test_a_token_for_anything_else_is_403_counted_and_connect_not_called(
    connect_stub, capfd, handler_logs, token
):
    status, _, problem = invoke(continuing(token))
    assert (status, problem["type"]) == (403, REFUSED)
    assert "ChatRejected.continuation-refused" in metric_names(capfd.readouterr().out)
    last = json.loads(handler_logs.getvalue().splitlines()[-1])
    assert last["outcome"] == "rejected:continuation-refused"


def test_a_signed_in_customers_chat_continues_only_for_the_same_subject(
    connect_stub, authenticated
):
    token = continuation_token_for(PAST, subject="user-1")
    assert invoke(jwt_continuing(token, "user-2"))[0] == 403
    connect_stub.add_response("start_chat_contact", {**CHAT, "ContinuedFromContactId": PAST})
    status, _, body = invoke(jwt_continuing(token, "user-1"))
    assert status == 200
    assert body["ContinuationToken"] == continuation_token_for(CHAT["ContactId"], subject="user-1")


def test_an_unreadable_key_refuses_continuing_and_still_starts_plain_chats(
    connect_stub, monkeypatch, handler_logs
):
    def unavailable() -> bytes:
        raise StoreUnavailable("secretsmanager")

    monkeypatch.setattr(handler, "hash_key", unavailable)
    status, _, problem = invoke(continuing(continuation_token_for(PAST)))
    assert (status, problem["type"]) == (403, REFUSED)
    assert json.loads(handler_logs.getvalue().splitlines()[-1])["continuation"] == "unavailable"
    connect_stub.add_response("start_chat_contact", CHAT)
    status, _, body = invoke(with_body(NAME))
    assert status == 200
    assert "ContinuationToken" not in body


def test_without_a_hashing_key_no_chat_can_be_continued(connect_stub, monkeypatch):
    monkeypatch.setattr(handler, "hash_key", None)
    status, _, problem = invoke(continuing(continuation_token_for(PAST)))
    assert (status, problem["type"]) == (403, REFUSED)
