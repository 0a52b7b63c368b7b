"""The abuse layers end to end on the local stack: the per-client limit on moto's DynamoDB,
two clients told apart by their TCP peer address (127.0.0.2, 127.0.0.3); the bot check
against the Turnstile-like siteverify stand-in."""

import http.client
import json
import urllib.parse

import pytest

from local.siteverify import solved_token
from tests.e2e.client_address import post_from
from tests.local_stack import start_stack

BODY = json.dumps({"ParticipantDetails": {"DisplayName": "Ada"}}).encode()


def post(url: str, *, source: str = "127.0.0.1", **headers: str) -> tuple[int, dict, dict]:
    answer = post_from(url, BODY, source=source, headers=headers)
    return answer.status, answer.headers, answer.body


@pytest.fixture(scope="module")
def limited():
    running = start_stack("--env", "limited", "--no-agent")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def botcheck():
    running = start_stack("--env", "botcheck", "--no-agent")
    yield running
    running.stop()


def test_each_client_address_gets_its_own_three_starts(limited):
    first = [post(limited.start_chat_url, source="127.0.0.2")[0] for _ in range(4)]
    assert first == [200, 200, 200, 429]
    status, headers, problem = post(limited.start_chat_url, source="127.0.0.2")
    assert status == 429
    assert problem["type"].endswith(":too-many-chats")
    assert 1 <= int(headers["Retry-After"]) <= 600
    assert post(limited.start_chat_url, source="127.0.0.3")[0] == 200
    calls = [c for c in limited.control("requests", "GET") if c["path"] == "/contact/chat"]
    assert len(calls) == 4, "refused starts never reach Connect"


def test_no_address_reaches_the_stacks_log(limited):
    post(limited.start_chat_url, source="127.0.0.3")
    assert not any("127.0.0.2" in line or "127.0.0.3" in line for line in limited.output)


def test_the_bot_check_passes_a_fresh_token_and_refuses_others(botcheck):
    token = solved_token("localhost")
    assert post(botcheck.start_chat_url, **{"X-Bot-Token": token})[0] == 200
    reused, from_elsewhere = {"X-Bot-Token": token}, {"X-Bot-Token": solved_token("evil.example")}
    for headers in ({}, {"X-Bot-Token": "XXXX.OTHER.TOKEN"}, reused, from_elsewhere):
        status, _, problem = post(botcheck.start_chat_url, **headers)
        assert status == 403
        assert problem["type"].endswith(":bot-check-failed")


def test_the_preflight_allows_the_bot_token_header(botcheck):
    parts = urllib.parse.urlsplit(botcheck.start_chat_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(
        "OPTIONS",
        parts.path,
        headers={
            "Origin": "http://localhost:5173",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-bot-token",
        },
    )
    response = connection.getresponse()
    assert "x-bot-token" in response.getheader("Access-Control-Allow-Headers", "").lower()
