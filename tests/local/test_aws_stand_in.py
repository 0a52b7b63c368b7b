"""Unmodified botocore clients against the stand-in: the services' own errors and validation."""

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.local_stack import start_stack

INSTANCE = "11111111-1111-4111-8111-111111111111"
FLOW = "22222222-2222-4222-8222-222222222222"


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--no-agent")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def connect(stack):
    return boto3.client(
        "connect",
        region_name="us-east-1",
        endpoint_url=stack.aws_endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


@pytest.fixture(scope="module")
def participant(stack):
    return boto3.client(
        "connectparticipant",
        region_name="us-east-1",
        endpoint_url=stack.aws_endpoint,
        config=Config(signature_version=UNSIGNED),
    )


def error_code(call) -> tuple[str, int]:
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response["Error"]["Code"], error.value.response["ResponseMetadata"][
        "HTTPStatusCode"
    ]


def test_unknown_contact_flow_is_resource_not_found(connect):
    assert error_code(
        lambda: connect.start_chat_contact(
            InstanceId=INSTANCE,
            ContactFlowId="99999999-9999-4999-8999-999999999999",
            ParticipantDetails={"DisplayName": "Ada"},
        )
    ) == ("ResourceNotFoundException", 404)


def test_bad_participant_token_is_access_denied(participant):
    assert error_code(
        lambda: participant.create_participant_connection(
            ParticipantToken="not-a-token", Type=["WEBSOCKET"]
        )
    ) == ("AccessDeniedException", 403)


def test_full_rest_flow_with_the_services_shapes(connect, participant):
    chat = connect.start_chat_contact(
        InstanceId=INSTANCE, ContactFlowId=FLOW, ParticipantDetails={"DisplayName": "Ada"}
    )
    connection = participant.create_participant_connection(
        ParticipantToken=chat["ParticipantToken"],
        Type=["WEBSOCKET", "CONNECTION_CREDENTIALS"],
        ConnectParticipant=True,
    )
    assert connection["Websocket"]["Url"].startswith("ws://127.0.0.1:")  # chatjs refuses localhost
    token = connection["ConnectionCredentials"]["ConnectionToken"]
    sent = participant.send_message(ConnectionToken=token, ContentType="text/plain", Content="hi")
    assert sent["Id"]
    assert error_code(
        lambda: participant.send_message(
            ConnectionToken=token, ContentType="image/png", Content="x"
        )
    ) == ("ValidationException", 400)
    page = participant.get_transcript(ConnectionToken=token, MaxResults=1, SortOrder="ASCENDING")
    assert len(page["Transcript"]) == 1
    assert page["InitialContactId"] == chat["ContactId"]
    assert "NextToken" in page
    participant.disconnect_participant(ConnectionToken=token)
    assert error_code(lambda: participant.get_transcript(ConnectionToken=token)) == (
        "AccessDeniedException",
        403,
    )


def test_requests_are_validated_against_the_model(stack):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        f"{stack.aws_endpoint}/participant/message",
        b'{"Content": 5}',
        {"X-Amz-Bearer": "x"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=5)
    assert error.value.code == 400
    assert error.value.headers["x-amzn-ErrorType"] == "ValidationException"
    assert "Missing required parameter" in error.value.read().decode()


def test_injected_failures_surface_as_503_from_our_api():
    failing = start_stack("--fail-rate", "1.0", "--no-agent")
    try:
        from chat_client import StartChatError, start_chat

        with pytest.raises(StartChatError) as error:
            start_chat(failing.start_chat_url, "Ada")
        assert (error.value.status, error.value.retry_after) == (503, "5")
    finally:
        failing.stop()


def test_send_message_is_idempotent_by_client_token_and_can_be_refused(stack, connect, participant):
    """As Connect: a SendMessage with a ClientToken already used answers with that message
    (the chat's outbox retries with the same token); the refuse-messages control fails them."""
    chat = connect.start_chat_contact(
        InstanceId=INSTANCE, ContactFlowId=FLOW, ParticipantDetails={"DisplayName": "Ada"}
    )
    token = participant.create_participant_connection(
        ParticipantToken=chat["ParticipantToken"], Type=["CONNECTION_CREDENTIALS"]
    )["ConnectionCredentials"]["ConnectionToken"]

    def send(content: str, client_token: str) -> str:
        return participant.send_message(
            ConnectionToken=token,
            ContentType="text/plain",
            Content=content,
            ClientToken=client_token,
        )["Id"]

    contact = f"contacts/{chat['ContactId']}"
    stack.control(f"{contact}/refuse-messages", body={"refuse": True})
    assert error_code(lambda: send("hi", "a")) == ("InternalServerException", 500)
    stack.control(f"{contact}/refuse-messages", body={"refuse": False})
    first = send("hi", "a")
    assert send("hi", "a") == first
    assert send("hi", "b") != first
    messages = [i for i in stack.control(contact, "GET")["transcript"] if i["Type"] == "MESSAGE"]
    assert [m["Content"] for m in messages] == ["hi", "hi"]
