"""ChatSession against the local Participant Service over real HTTP and a real websocket."""

import asyncio

import pytest

from chat_client import ChatClientError, ChatSession, start_chat
from chat_client.participant_api import resolve_region

PARTICIPANT_OPERATIONS = {
    "/participant/connection",
    "/participant/message",
    "/participant/event",
    "/participant/transcript",
    "/participant/disconnect",
}


async def next_item(chat: ChatSession, predicate, timeout: float = 5.0):
    async def find():
        async for item in chat.items():
            if predicate(item):
                return item
        raise AssertionError("the chat ended first")

    return await asyncio.wait_for(find(), timeout)


def agent_says(text: str):
    return lambda item: (
        item.kind == "message" and item.participant_role == "AGENT" and text in (item.content or "")
    )


async def test_messages_and_events_arrive_over_the_websocket(stack, client_env):
    details = start_chat(stack.start_chat_url, "Ada")
    async with ChatSession(details) as chat:
        joined = await next_item(
            chat, lambda i: i.kind == "joined" and i.participant_role == "AGENT"
        )
        assert joined.contact_id == details.contact_id
        await chat.send_message("hello agent")
        await next_item(chat, lambda i: i.kind == "typing" and i.participant_role == "AGENT")
        reply = await next_item(chat, agent_says("You said: hello agent"))
        assert reply.display_name == "Local Agent"
        assert "***masked***" in repr(chat)
        assert "connected=True" in repr(chat)
        await chat.send_typing()
    assert not chat.connected
    assert "connected=False" in repr(chat)


async def test_transcript_follows_next_token_in_both_orders(stack, client_env):
    details = start_chat(stack.start_chat_url, "Ada")
    async with ChatSession(details) as chat:
        for n in range(5):
            await chat.send_message(f"message {n}")
        await next_item(chat, agent_says("message 4"))
        ascending = await chat.get_transcript(max_results=2)
        descending = await chat.get_transcript(max_results=3, sort_order="DESCENDING")
    mine = [
        i.content for i in ascending if i.kind == "message" and i.participant_role == "CUSTOMER"
    ]
    assert mine == [f"message {n}" for n in range(5)]
    assert [i.id for i in descending] == [i.id for i in reversed(ascending)]
    assert len(ascending) >= 12  # joined x2, greeting, 5 messages, 5 replies, ...


async def test_every_request_was_unsigned_bearer_auth_and_model_valid(stack, client_env):
    details = start_chat(stack.start_chat_url, "Ada")
    before = len(stack.control("requests", "GET"))
    async with ChatSession(details) as chat:
        await chat.send_message("x")
        await chat.send_typing()
        await chat.get_transcript()
    recorded = stack.control("requests", "GET")[before:]
    seen = [r for r in recorded if r["path"] in PARTICIPANT_OPERATIONS]
    assert {r["path"] for r in seen} == PARTICIPANT_OPERATIONS
    for request in seen:
        # The stand-in validates each body against botocore's connectparticipant model: 400
        # otherwise.
        assert request["status"] == 200, request
        assert "x-amz-bearer" in request["headers"]
        assert "authorization" not in request["headers"], "no SigV4: works without AWS credentials"


async def test_a_dropped_socket_reconnects_and_fills_the_gap(stack, client_env):
    details = start_chat(stack.start_chat_url, "Ada")
    async with ChatSession(details, heartbeat_seconds=0.5) as chat:
        await next_item(chat, agent_says("Hi"))
        assert stack.control(f"contacts/{details.contact_id}/drop-sockets")["dropped"] == 1
        await chat.send_message("sent while the socket was down")
        await next_item(chat, agent_says("sent while the socket was down"), timeout=10)
        assert chat.reconnects >= 1


async def test_ended_chat_ends_the_item_stream(stack, client_env):
    details = start_chat(stack.start_chat_url, "Ada")
    async with ChatSession(details) as chat:
        await next_item(chat, agent_says("Hi"))
        stack.control(f"contacts/{details.contact_id}/end")
        ended = await next_item(chat, lambda i: i.kind == "ended")
        assert ended.participant_role == "SYSTEM"
        assert [item async for item in chat.items()] == []


async def test_a_participant_token_is_refused_after_disconnect(stack, client_env):
    details = start_chat(stack.start_chat_url, "Ada")
    async with ChatSession(details):
        pass  # leaving the block disconnects
    with pytest.raises(ChatClientError, match="AccessDeniedException"):
        async with ChatSession(details):
            pass


def test_region_comes_from_aws_region_then_the_execute_api_url(monkeypatch):
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    assert (
        resolve_region(None, "https://abc123.execute-api.eu-west-2.amazonaws.com/chat")
        == "eu-west-2"
    )
    monkeypatch.setenv("AWS_REGION", "ap-south-1")
    assert (
        resolve_region(None, "https://abc123.execute-api.eu-west-2.amazonaws.com/chat")
        == "ap-south-1"
    )
    monkeypatch.delenv("AWS_REGION")
    with pytest.raises(ChatClientError, match="set AWS_REGION"):
        resolve_region(None, "http://127.0.0.1:8080/chat")
