"""Hostile input, round 2, over the local stack (real HTTP, the handler as Lambda runs it,
moto's Secrets Manager for the hashing key): a stranger replaying someone's Idempotency-Key,
lengths Connect counts in UTF-16, bytes no bot-check provider issues, tokens API Gateway's
authorizer would refuse or accept."""

import json

import botocore.session
import jwt
import pytest
from botocore.exceptions import ClientError

from infra.config import load, read_environments
from local.jwt_issuer import KEY_ID, mint_token, signing_key
from tests.e2e.client_address import post_from
from tests.local_stack import start_stack

NAME = {"ParticipantDetails": {"DisplayName": "Ada"}}


def post(
    url: str,
    body: object = NAME,
    *,
    source: str = "127.0.0.1",
    headers: dict[str, str | bytes] | None = None,
) -> tuple[int, dict]:
    answer = post_from(url, json.dumps(body).encode(), source=source, headers=headers)
    return answer.status, answer.body


@pytest.fixture(scope="module")
def dev():
    running = start_stack("--env", "dev", "--no-agent")
    yield running
    running.stop()


def test_a_replayed_idempotency_key_never_hands_over_someone_elses_chat(dev):
    key = {"Idempotency-Key": "order-42"}  # guessable, as real keys often are
    status, mine = post(dev.start_chat_url, source="127.0.0.2", headers=key)
    assert status == 200
    _, retry = post(dev.start_chat_url, source="127.0.0.2", headers=key)
    _, theirs = post(dev.start_chat_url, source="127.0.0.3", headers=key)
    assert retry["ContactId"] == mine["ContactId"], "the caller's retry gets its own chat back"
    assert theirs["ContactId"] != mine["ContactId"]
    assert theirs["ParticipantToken"] != mine["ParticipantToken"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"ParticipantDetails": {"DisplayName": "\U0001f600" * 256}},
            "ParticipantDetails.DisplayName",
        ),
        (
            {
                **NAME,
                "InitialMessage": {"ContentType": "text/plain", "Content": "\U0001f600" * 1024},
            },
            "InitialMessage.Content",
        ),
    ],
    ids=["256-emoji-name", "1024-emoji-message"],
)
def test_lengths_past_connects_utf16_limits_are_the_callers_400(dev, body, field):
    status, problem = post(dev.start_chat_url, body)
    assert (status, problem["type"]) == (400, "urn:connect-chat-starter:problem:validation-error")
    assert [e["field"] for e in problem["errors"]] == [field]


def test_the_connect_stand_in_counts_utf16_against_the_models_maximums(dev):
    """What hid the bug: the stand-in checked only minimums."""
    connect = botocore.session.get_session().create_client(
        "connect",
        region_name=dev.region,
        endpoint_url=dev.aws_endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    dev_config = load(read_environments(), "dev")
    with pytest.raises(ClientError) as refused:
        connect.start_chat_contact(
            InstanceId=dev_config.instance_id,
            ContactFlowId=dev_config.contact_flow_id,
            ParticipantDetails={"DisplayName": "\U0001f600" * 129},
        )
    assert refused.value.response["Error"]["Code"] == "InvalidParameterException"
    accepted = connect.start_chat_contact(
        InstanceId=dev_config.instance_id,
        ContactFlowId=dev_config.contact_flow_id,
        ParticipantDetails={"DisplayName": "\U0001f600" * 128},
    )
    assert accepted["ContactId"]


@pytest.fixture(scope="module")
def botcheck():
    running = start_stack("--env", "botcheck", "--no-agent")
    yield running
    running.stop()


@pytest.mark.parametrize(
    "token", [b"tok\xe9n", "tok\u00e9n".encode(), b"x" * 2049], ids=["latin-1", "utf-8", "too-long"]
)
def test_bot_tokens_no_provider_issues_are_403_never_an_outage(botcheck, token):
    status, problem = post(botcheck.start_chat_url, headers={"X-Bot-Token": token})
    assert (status, problem["type"]) == (403, "urn:connect-chat-starter:problem:bot-check-failed")
    assert not any("BotCheckUnavailable" in line for line in botcheck.output)


@pytest.fixture(scope="module")
def staging():
    running = start_stack("--env", "staging", "--no-agent")
    yield running
    running.stop()


def staging_token(*, kid: str = KEY_ID, **claims: object) -> str:
    auth = load(read_environments(), "staging").auth
    assert auth is not None
    decoded = jwt.decode(mint_token(auth), options={"verify_signature": False})
    decoded.update(claims)
    decoded = {k: v for k, v in decoded.items() if v is not None}
    return jwt.encode(decoded, signing_key(), algorithm="RS256", headers={"kid": kid})


def test_the_local_authorizer_refuses_what_api_gateway_refuses(staging):
    unknown_kid = staging_token(kid="someone-elses-key")
    assert (
        post(staging.start_chat_url, headers={"Authorization": f"Bearer {unknown_kid}"})[0] == 401
    )
    assert post(staging.start_chat_url, headers={"Authorization": b"Bearer \xff\xfe"})[0] == 401


def test_the_local_authorizer_accepts_an_access_token_by_its_client_id(staging):
    """A Cognito access token (the smoke test's client-credentials token) has no `aud`."""
    audience = load(read_environments(), "staging").auth.audience[0]
    access = staging_token(
        aud=None, client_id=audience, token_use="access", email=None, email_verified=None
    )
    assert post(staging.start_chat_url, headers={"Authorization": f"Bearer {access}"})[0] == 200
    stranger = staging_token(aud=None, client_id="another-client", token_use="access")
    assert post(staging.start_chat_url, headers={"Authorization": f"Bearer {stranger}"})[0] == 401
