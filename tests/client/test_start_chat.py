"""start_chat against the real handler behind the local HTTP API (real HTTP)."""

import re

import pytest

from chat_client import ChatClientError, StartChatError, start_chat
from tests.local_stack import start_stack


def test_start_chat_returns_details_with_the_token_masked_in_repr(stack):
    details = start_chat(stack.start_chat_url, "Ada", attributes={"topic": "billing"})
    assert details.contact_id
    assert details.participant_id
    assert details.participant_token.startswith("ptok-")
    assert details.participant_token not in repr(details)
    assert details.participant_token not in str(details.as_json())
    assert details.as_json(show_tokens=True)["participant_token"] == details.participant_token


def test_same_idempotency_key_gives_the_same_chat(stack):
    first = start_chat(stack.start_chat_url, "Ada", idempotency_key="retry-1")
    second = start_chat(stack.start_chat_url, "Ada", idempotency_key="retry-1")
    assert first.contact_id == second.contact_id


def test_problem_json_becomes_a_typed_error(stack):
    with pytest.raises(StartChatError) as error:
        start_chat(stack.start_chat_url, "Ada", attributes={"creditCard": "4111"})
    assert (error.value.status, error.value.title) == (400, "Invalid request")
    assert "see errors" in error.value.detail
    assert str(error.value).startswith("start chat failed: 400 Invalid request")


def test_unreachable_url_is_a_one_line_client_error():
    with pytest.raises(ChatClientError, match=r"^cannot reach http://127\.0\.0\.1:9/chat: "):
        start_chat("http://127.0.0.1:9/chat", "Ada")


def test_non_http_url_is_refused():
    with pytest.raises(ChatClientError, match="not an http"):
        start_chat("file:///etc/passwd", "Ada")


def test_throttled_connect_surfaces_as_429_with_retry_after():
    throttled = start_stack("--throttle-rate", "1.0")
    try:
        with pytest.raises(StartChatError) as error:
            start_chat(throttled.start_chat_url, "Ada")
        assert (error.value.status, error.value.retry_after) == (429, "2")
    finally:
        throttled.stop()


def test_resume_continues_an_ended_chat_with_its_continuation_token(stack):
    first = start_chat(stack.start_chat_url, "Ada")
    assert re.fullmatch("[0-9a-f]{64}", first.continuation_token or "")
    second = start_chat(
        stack.start_chat_url,
        "Ada",
        resume_from=first.contact_id,
        continuation_token=first.continuation_token,
    )
    assert second.continued_from_contact_id == first.contact_id
    assert second.contact_id != first.contact_id
    assert second.continuation_token not in (None, first.continuation_token)


def test_a_contact_id_without_its_own_token_becomes_a_fresh_chat(stack):
    first = start_chat(stack.start_chat_url, "Ada")
    other = start_chat(stack.start_chat_url, "Eve")
    for token in (None, other.continuation_token, "0" * 64):
        details = start_chat(
            stack.start_chat_url, "Eve", resume_from=first.contact_id, continuation_token=token
        )
        assert details.contact_id
        assert details.continued_from_contact_id is None


def test_a_malformed_contact_id_is_the_callers_400(stack):
    token = start_chat(stack.start_chat_url, "Ada").continuation_token
    with pytest.raises(StartChatError) as error:
        start_chat(stack.start_chat_url, "Ada", resume_from="nope", continuation_token=token)
    assert error.value.status == 400
    assert error.value.type.endswith(":validation-error")
