"""Connection credentials that expire: renewed before expiry, and recovered after it."""

import asyncio

import pytest

from chat_client import ChatSession, start_chat
from tests.local_stack import start_stack

TTL_SECONDS = 2.0


@pytest.fixture(scope="module")
def short_lived_stack():
    running = start_stack("--connection-ttl", str(TTL_SECONDS), "--websocket-ttl", str(TTL_SECONDS))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def short_token_stack():
    """Only the REST credentials expire; the websocket stays up."""
    running = start_stack("--connection-ttl", str(TTL_SECONDS), "--websocket-ttl", "600")
    yield running
    running.stop()


@pytest.fixture
def env(short_lived_stack, monkeypatch):
    for key, value in short_lived_stack.client_env.items():
        monkeypatch.setenv(key, value)


async def test_connection_is_renewed_before_it_expires(short_lived_stack, env):
    details = start_chat(short_lived_stack.start_chat_url, "Ada")
    async with ChatSession(details, heartbeat_seconds=0.5) as chat:
        await asyncio.sleep(TTL_SECONDS * 2.5)
        assert chat.reconnects >= 2
        await chat.send_message("still here")  # would be AccessDenied with the first token
        items = await chat.get_transcript()
    assert "still here" in [item.content for item in items]


async def test_an_expired_token_is_replaced_once_and_the_call_retried(
    short_token_stack, monkeypatch
):
    for key, value in short_token_stack.client_env.items():
        monkeypatch.setenv(key, value)
    details = start_chat(short_token_stack.start_chat_url, "Ada")
    # A negative margin schedules renewal after expiry: what a suspended laptop experiences.
    async with ChatSession(details, heartbeat_seconds=60, renew_margin_seconds=-60) as chat:
        await asyncio.sleep(TTL_SECONDS + 0.5)
        assert chat.reconnects == 0
        message_id = await chat.send_message("after expiry")
        assert message_id
        assert chat.reconnects == 1
    refused = [r for r in short_token_stack.control("requests", "GET") if r["status"] == 403]
    assert any(r["path"] == "/participant/message" for r in refused), "the first try was refused"
