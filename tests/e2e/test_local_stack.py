"""The whole flow on the offline local stack: the client's smoke through the real handler,
then the transcript's content and order."""

import asyncio
import json
import os
import subprocess
import sys

import pytest

from chat_client import ChatSession, start_chat
from chat_client.smoke import STEPS
from tests.conftest import REPO_ROOT
from tests.local_stack import start_stack


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.05")
    yield running
    running.stop()


def test_smoke_passes_end_to_end(stack):
    result = subprocess.run(
        [sys.executable, "-m", "chat_client", "smoke", "--url", stack.start_chat_url, "--json"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **stack.client_env},
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert report["ok"] is True
    assert [step["name"] for step in report["steps"]] == list(STEPS)


async def test_transcript_has_the_conversation_in_order(stack, monkeypatch):
    for key, value in stack.client_env.items():
        monkeypatch.setenv(key, value)
    details = start_chat(stack.start_chat_url, "Ada", initial_message="first, from the form")
    async with ChatSession(details) as chat:
        for text in ("first, from the form", "second", "third"):
            if text != "first, from the form":  # that one was sent with the start request
                await chat.send_message(text)
            async for item in chat.items():
                if item.participant_role == "AGENT" and item.content == f"You said: {text}":
                    break
        transcript = await chat.get_transcript()
    said = [(i.participant_role, i.content) for i in transcript if i.kind == "message"]
    assert said == [
        ("CUSTOMER", "first, from the form"),
        ("AGENT", "Hi, I'm the local test agent. Anything you write, I answer."),
        ("AGENT", "You said: first, from the form"),
        ("CUSTOMER", "second"),
        ("AGENT", "You said: second"),
        ("CUSTOMER", "third"),
        ("AGENT", "You said: third"),
    ]
    times = [i.absolute_time for i in transcript]
    assert times == sorted(times)
    kinds = [i.kind for i in transcript]
    assert kinds.index("joined") < kinds.index("message")


async def test_scripted_agent_replies_in_turn(tmp_path, monkeypatch):
    script = tmp_path / "replies.txt"
    script.write_text("Let me check that for you.\nFound it: order A-1001 ships today.\n")
    scripted = start_stack("--agent-script", str(script), "--agent-delay", "0.05")
    try:
        for key, value in scripted.client_env.items():
            monkeypatch.setenv(key, value)
        details = start_chat(scripted.start_chat_url, "Ada")
        replies = []
        async with ChatSession(details) as chat:
            for text in ("where is my order?", "A-1001"):
                await chat.send_message(text)
                async for item in chat.items():
                    if (
                        item.participant_role == "AGENT"
                        and item.kind == "message"
                        and "Hi," not in (item.content or "")
                    ):
                        replies.append(item.content)
                        break
        assert replies == ["Let me check that for you.", "Found it: order A-1001 ships today."]
    finally:
        scripted.stop()


def test_make_local_help_lists_the_fault_options():
    result = subprocess.run(
        [sys.executable, "-m", "local", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    for option in ("--throttle-rate", "--latency-ms", "--fail-rate", "--agent-script"):
        assert option in result.stdout


async def test_latency_injection_slows_aws_calls(monkeypatch):
    slow = start_stack("--latency-ms", "300")
    try:
        loop = asyncio.get_running_loop()
        started = loop.time()
        await asyncio.to_thread(start_chat, slow.start_chat_url, "Ada")
        assert loop.time() - started >= 0.3
    finally:
        slow.stop()
