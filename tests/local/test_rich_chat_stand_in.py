"""The Participant Service stand-in's attachments and receipts, called by an unmodified
botocore client; every answer is checked against the operation's output shape."""

import json
import time
import urllib.error
import urllib.request

import boto3
import botocore.session
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.validate import ParamValidator

from chat_client import start_chat
from local.attachment_service import EICAR_TEST_FILE as EICAR
from local.attachment_service import disposition
from tests.local_stack import start_stack

MODEL = botocore.session.get_session().get_service_model("connectparticipant")


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--no-agent")  # dev: attachments allowed
    yield running
    running.stop()


def shaped(operation: str, response: dict) -> dict:
    """The response, after checking it against the operation's output shape."""
    body = {key: value for key, value in response.items() if key != "ResponseMetadata"}
    report = ParamValidator().validate(body, MODEL.operation_model(operation).output_shape)
    assert not report.has_errors(), report.generate_report()
    return body


def join(stack) -> tuple[object, str]:
    """A customer's connection, on a chat started through our API (any environment)."""
    participant = boto3.client(
        "connectparticipant",
        region_name="us-east-1",
        endpoint_url=stack.aws_endpoint,
        config=Config(signature_version=UNSIGNED),
    )
    chat = start_chat(stack.start_chat_url, "Ada")
    connection = participant.create_participant_connection(
        ParticipantToken=chat.participant_token, Type=["CONNECTION_CREDENTIALS"]
    )
    return participant, connection["ConnectionCredentials"]["ConnectionToken"]


def put(url: str, headers: dict[str, str], body: bytes) -> int:
    request = urllib.request.Request(url, body, headers, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def error_code(call) -> str:
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response["Error"]["Code"]


def upload(participant, token: str, name: str, body: bytes, content_type: str = "text/plain"):
    started = shaped(
        "StartAttachmentUpload",
        participant.start_attachment_upload(
            ConnectionToken=token,
            ContentType=content_type,
            AttachmentSizeInBytes=len(body),
            AttachmentName=name,
            ClientToken=f"upload-{time.time()}",
        ),
    )
    return started["AttachmentId"], started["UploadMetadata"]


def scanned(participant, token: str, attachment_id: str) -> dict:
    """The attachment's transcript entry once the scan has given its verdict."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        page = shaped("GetTranscript", participant.get_transcript(ConnectionToken=token))
        for item in page["Transcript"]:
            listed = item.get("Attachments", [{}])[0]
            if listed.get("AttachmentId") == attachment_id and listed["Status"] != "IN_PROGRESS":
                return item
        time.sleep(0.05)
    raise AssertionError("no scan verdict within 5 s")


def test_an_attachment_goes_up_with_the_named_headers_and_comes_back_approved(stack):
    participant, token = join(stack)
    body = b"order 1234\n"
    attachment_id, upload_to = upload(participant, token, "order.txt", body)
    headers = upload_to["HeadersToInclude"]
    assert headers["Content-Type"] == "text/plain"
    assert headers["Content-Disposition"].startswith('attachment; filename="order.txt"')
    without_one = {name: value for name, value in headers.items() if name != "x-amz-acl"}
    assert put(upload_to["Url"], without_one, body) == 403  # S3 insists on every signed header
    assert put(upload_to["Url"], headers, body + b"more") == 400  # not the declared size
    assert put(upload_to["Url"], headers, body) == 200
    shaped(
        "CompleteAttachmentUpload",
        participant.complete_attachment_upload(
            AttachmentIds=[attachment_id], ClientToken="complete-1", ConnectionToken=token
        ),
    )
    item = scanned(participant, token, attachment_id)
    assert (item["Type"], item["Attachments"][0]["Status"]) == ("ATTACHMENT", "APPROVED")
    assert item["Attachments"][0]["AttachmentName"] == "order.txt"
    got = shaped(
        "GetAttachment",
        participant.get_attachment(
            AttachmentId=attachment_id, ConnectionToken=token, UrlExpiryInSeconds=60
        ),
    )
    assert got["AttachmentSizeInBytes"] == len(body)
    with urllib.request.urlopen(got["Url"], timeout=5) as response:
        assert response.read() == body
        assert response.headers["Content-Type"].startswith("text/plain")


def test_the_scan_rejects_the_antivirus_test_file_and_it_cannot_be_downloaded(stack):
    participant, token = join(stack)
    attachment_id, upload_to = upload(participant, token, "eicar.txt", EICAR)
    assert put(upload_to["Url"], upload_to["HeadersToInclude"], EICAR) == 200
    participant.complete_attachment_upload(
        AttachmentIds=[attachment_id], ClientToken="c", ConnectionToken=token
    )
    assert scanned(participant, token, attachment_id)["Attachments"][0]["Status"] == "REJECTED"
    assert (
        error_code(
            lambda: participant.get_attachment(AttachmentId=attachment_id, ConnectionToken=token)
        )
        == "ValidationException"
    )


@pytest.mark.parametrize(
    ("name", "content_type", "size"),
    [
        ("virus.exe", "application/x-msdownload", 10),
        ("huge.pdf", "application/pdf", 20 * 2**20 + 1),
    ],
)
def test_types_and_sizes_connect_refuses_are_refused_before_any_upload(
    stack, name, content_type, size
):
    participant, token = join(stack)
    assert (
        error_code(
            lambda: participant.start_attachment_upload(
                ConnectionToken=token,
                ContentType=content_type,
                AttachmentSizeInBytes=size,
                AttachmentName=name,
                ClientToken="x",
            )
        )
        == "ValidationException"
    )


def test_completing_an_attachment_never_uploaded_is_refused(stack):
    participant, token = join(stack)
    attachment_id, _ = upload(participant, token, "never.txt", b"x")
    assert (
        error_code(
            lambda: participant.complete_attachment_upload(
                AttachmentIds=[attachment_id], ClientToken="c", ConnectionToken=token
            )
        )
        == "ValidationException"
    )


def test_a_read_receipt_is_kept_on_the_message_and_beats_delivered(stack):
    participant, token = join(stack)
    sent = participant.send_message(ConnectionToken=token, ContentType="text/plain", Content="hi")
    for kind in ("read", "delivered"):  # a late delivered receipt does not undo read
        shaped(
            "SendEvent",
            participant.send_event(
                ConnectionToken=token,
                ContentType=f"application/vnd.amazonaws.connect.event.message.{kind}",
                Content=json.dumps({"messageId": sent["Id"]}),
            ),
        )
    page = shaped("GetTranscript", participant.get_transcript(ConnectionToken=token))
    message = next(item for item in page["Transcript"] if item["Id"] == sent["Id"])
    receipts = message["MessageMetadata"]["Receipts"]
    assert len(receipts) == 1
    assert "ReadTimestamp" in receipts[0]
    assert (
        error_code(
            lambda: participant.send_event(
                ConnectionToken=token,
                ContentType="application/vnd.amazonaws.connect.event.message.read",
                Content=json.dumps({"messageId": "not-in-this-chat"}),
            )
        )
        == "ValidationException"
    )


def test_interactive_messages_and_their_responses_are_message_types(stack):
    participant, token = join(stack)
    for content_type in (
        "application/vnd.amazonaws.connect.message.interactive",
        "application/vnd.amazonaws.connect.message.interactive.response",
    ):
        shaped(
            "SendMessage",
            participant.send_message(ConnectionToken=token, ContentType=content_type, Content="{}"),
        )


def test_an_environment_without_attachments_says_so():
    off = start_stack("--env", "prod", "--no-agent")  # widget.attachments is false there
    try:
        participant, token = join(off)
        code = error_code(
            lambda: participant.start_attachment_upload(
                ConnectionToken=token,
                ContentType="text/plain",
                AttachmentSizeInBytes=1,
                AttachmentName="a.txt",
                ClientToken="x",
            )
        )
        assert code == "ValidationException"
    finally:
        off.stop()


def test_names_any_browser_can_send_in_a_header():
    value = disposition('Ünïcode "quoted".txt')
    value.encode("latin-1")  # what a header value may hold
    assert 'filename="_n_code _quoted_.txt"' in value
    assert "filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22quoted%22.txt" in value
