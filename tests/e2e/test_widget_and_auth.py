"""AWS's chat widget against /widget, and an authenticated (jwt) environment, on the local stack."""

import http.client
import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from chat_client import ChatDetails, ChatSession
from infra.config import load, read_environments
from tests.conftest import REPO_ROOT
from tests.local_stack import start_stack

# Exactly what amazon-connect-chat-interface's ChatInterface.initiateChat POSTs by default.
INITIATE_CHAT = {
    "InstanceId": "11111111-1111-4111-8111-111111111111",
    "ContactFlowId": "22222222-2222-4222-8222-222222222222",
    "ParticipantDetails": {"DisplayName": "Ada"},
    "Username": "ada",
    "Attributes": {"customerName": "Ada", "topic": "billing"},
    "SupportedMessagingContentTypes": ["text/plain", "text/markdown"],
}


def post(url: str, body: str, headers: dict[str, str]) -> tuple[int, dict]:
    """http.client, because urllib would add a Content-Type the widget does not send."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("POST", parts.path, body=body.encode(), headers=headers)
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"{}")


@pytest.fixture(scope="module")
def dev():
    running = start_stack("--agent-delay", "0.05")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def staging():
    running = start_stack("--env", "staging", "--no-agent")
    yield running
    running.stop()


DEV = load(read_environments(), "dev")


def token(*extra: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "local.token", "--env", "staging", *extra],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


async def test_chat_interface_request_gets_start_chat_result_and_the_chat_works(dev, monkeypatch):
    widget_url = dev.start_chat_url.replace("/chat", "/widget")
    status, body = post(widget_url, json.dumps(INITIATE_CHAT), {"Accept": "*/*"})
    assert status == 200, body
    result = body["data"]["startChatResult"]
    assert body["data"]["featurePermissions"] == {
        "ATTACHMENTS": DEV.widget.attachments,  # dev allows attachments
        "MESSAGING_MARKDOWN": True,
    }
    assert (
        dev.control(f"contacts/{result['ContactId']}", "GET")["attributes"]
        == INITIATE_CHAT["Attributes"]
    )
    for key, value in dev.client_env.items():
        monkeypatch.setenv(key, value)
    details = ChatDetails(
        contact_id=result["ContactId"],
        participant_id=result["ParticipantId"],
        participant_token=result["ParticipantToken"],
    )
    async with ChatSession(details) as chat:
        async for item in chat.items():
            if item.kind == "joined" and item.participant_role == "AGENT":
                break


def test_jwt_environment_refuses_calls_without_a_valid_token(staging):
    body = json.dumps({"ParticipantDetails": {"DisplayName": "Ada"}})
    json_type = {"Content-Type": "application/json"}
    assert post(staging.start_chat_url, body, json_type) == (401, {"message": "Unauthorized"})
    expired = {**json_type, "Authorization": f"Bearer {token('--ttl', '-60')}"}
    assert post(staging.start_chat_url, body, expired)[0] == 401
    forged = {**json_type, "Authorization": "Bearer " + token()[:-4] + "AAAA"}
    assert post(staging.start_chat_url, body, forged)[0] == 401


def test_jwt_claims_become_attributes_and_cannot_be_forged(staging):
    headers = {
        "Content-Type": "application/json",
        "Authorization": f"Bearer {token('--email', 'grace@example.com', '--subject', 'user-42')}",
    }
    body = {"ParticipantDetails": {"DisplayName": "Grace"}, "Attributes": {"topic": "billing"}}
    status, result = post(staging.start_chat_url, json.dumps(body), headers)
    assert status == 200, result
    attributes = staging.control(f"contacts/{result['ContactId']}", "GET")["attributes"]
    assert attributes == {
        "topic": "billing",
        "customerEmail": "grace@example.com",
        "customerId": "user-42",
    }
    forged = {**body, "Attributes": {"customerEmail": "someone@else.example"}}
    status, problem = post(
        staging.start_chat_url.replace("/chat", "/widget"), json.dumps(forged), headers
    )
    assert status == 400
    assert problem["errors"] == [
        {
            "field": "Attributes.customerEmail",
            "message": "is set from your sign-in and cannot be sent",
        }
    ]


def test_jwt_environment_preflight_allows_the_authorization_header(staging):
    parts = urlsplit(staging.start_chat_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(
        "OPTIONS",
        parts.path,
        headers={
            "Origin": "https://staging.example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    response = connection.getresponse()
    assert response.status == 204
    assert "authorization" in response.headers["Access-Control-Allow-Headers"].split(",")


def test_chat_client_sends_a_token_and_says_plainly_when_one_is_needed(staging):
    cli = [
        sys.executable,
        "-m",
        "chat_client",
        "start",
        "--url",
        staging.start_chat_url,
        "--name",
        "Ada",
    ]
    without = subprocess.run(
        cli,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "CHAT_TOKEN": ""},
    )
    assert without.returncode == 1
    assert without.stderr == (
        "chat-client: error: start chat failed: 401 Unauthorized: this environment needs a "
        "valid sign-in token (chat-client: --token or CHAT_TOKEN)\n"
    )
    with_flag = subprocess.run(
        [*cli, "--token", token()], capture_output=True, text=True, timeout=60, check=False
    )
    from_env = subprocess.run(
        cli,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "CHAT_TOKEN": token()},
    )
    for result in (with_flag, from_env):
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["contact_id"]
