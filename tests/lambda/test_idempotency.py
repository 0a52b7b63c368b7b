"""Connect's ClientToken is scoped to its caller: a stranger replaying someone's
Idempotency-Key gets a chat of their own, never theirs. Stubber on the real Connect and
Secrets Manager models; the key's store also as a real socket that never answers."""

import json
import socket
import threading
import time

import pytest
from botocore.stub import ANY, Stubber

import handler as handler_module
from aws_clients import STORE_WORST_CASE_SECONDS, create_client
from hash_key import HashKey
from stored_value import StoreUnavailable
from tests.lambda_helpers import FIXTURE_KEY, TEST_HASH_KEY, handler, invoke, load_event, with_body

CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "sntnl-token"}
NAME = {"ParticipantDetails": {"DisplayName": "Ada"}}


def sent_tokens(connect_stub, *events) -> list[str | None]:
    """The ClientToken each event's StartChatContact call carried."""
    seen: list[str | None] = []
    hook = lambda params, **_: seen.append(params.get("ClientToken"))  # noqa: E731
    handler.connect.meta.events.register("provide-client-params.connect.StartChatContact", hook)
    try:
        for event in events:
            connect_stub.add_response("start_chat_contact", CHAT, None)
            assert invoke(event)[0] == 200
    finally:
        handler.connect.meta.events.unregister(
            "provide-client-params.connect.StartChatContact", hook
        )
    return seen


def from_ip(event: dict, ip: str) -> dict:
    event["requestContext"]["http"]["sourceIp"] = ip
    return event


def test_a_stranger_replaying_the_key_gets_a_chat_of_their_own(connect_stub):
    mine, retry = with_body(NAME), with_body(NAME)
    stranger = from_ip(with_body(NAME), "198.51.100.9")
    first, again, theirs = sent_tokens(connect_stub, mine, retry, stranger)
    assert first == again, "the same caller retrying the same request gets its chat back"
    assert theirs != first, "another caller with the same key and body starts another chat"
    assert FIXTURE_KEY not in (first, theirs), "the key is never sent as it came"


def test_the_same_key_for_another_request_is_another_chat(connect_stub):
    first, other = sent_tokens(
        connect_stub, with_body(NAME), with_body({"ParticipantDetails": {"DisplayName": "Eve"}})
    )
    assert first != other


def test_a_signed_in_caller_is_the_subject_wherever_they_connect_from(connect_stub):
    def signed_in(ip: str, sub: str) -> dict:
        event = from_ip(load_event("start_chat_jwt"), ip)
        event["requestContext"]["authorizer"]["jwt"]["claims"]["sub"] = sub
        return event

    home, phone, other = sent_tokens(
        connect_stub,
        signed_in("203.0.113.7", "user-a"),
        signed_in("198.51.100.9", "user-a"),
        signed_in("203.0.113.7", "user-b"),
    )
    assert home == phone
    assert other != home


def test_guessable_keys_give_unguessable_tokens(connect_stub):
    (token,) = sent_tokens(connect_stub, with_body(NAME, **{"idempotency-key": "order-42"}))
    assert token != "order-42"
    assert len(token) == 64
    assert int(token, 16) >= 0


def test_without_the_key_the_start_goes_on_without_idempotency_and_says_so(
    monkeypatch, connect_stub, handler_logs
):
    def unavailable() -> bytes:
        raise StoreUnavailable("ReadTimeoutError")

    monkeypatch.setattr(handler_module, "hash_key", unavailable)
    assert sent_tokens(connect_stub, with_body(NAME)) == [None], "never the raw key"
    assert json.loads(handler_logs.getvalue().splitlines()[-1])["idempotency"] == "unavailable"


def test_the_key_is_read_once_from_secrets_manager_and_cached():
    client = create_client("secretsmanager")
    key = HashKey("arn:aws:secretsmanager:us-east-1:111111111111:secret:hash-key", client=client)
    with Stubber(client) as stubber:
        stubber.add_response(
            "get_secret_value", {"SecretString": TEST_HASH_KEY.decode()}, {"SecretId": ANY}
        )
        assert key() == key() == TEST_HASH_KEY
        stubber.assert_no_pending_responses()


@pytest.fixture
def silent_store():
    """A store that accepts connections and never answers (a hung endpoint)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for connection in held:
        connection.close()


def test_a_store_that_never_answers_costs_a_start_its_bound_not_minutes(
    monkeypatch, connect_stub, silent_store
):
    """Before: botocore's defaults (60 s read timeout, 3 attempts): 180 s, then Lambda's 15 s
    timeout, a 5xx and a held concurrency slot."""
    monkeypatch.setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", silent_store)
    key = HashKey("arn:aws:secretsmanager:us-east-1:111111111111:secret:hung")
    monkeypatch.setattr(handler_module, "hash_key", key)
    started = time.monotonic()
    assert sent_tokens(connect_stub, with_body(NAME)) == [None]
    elapsed = time.monotonic() - started
    assert elapsed < STORE_WORST_CASE_SECONDS + 1.5, f"{elapsed:.1f} s"
