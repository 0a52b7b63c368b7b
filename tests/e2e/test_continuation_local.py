"""Continuing a past chat over the local stack (real HTTP, the handler as Lambda runs it, the
Connect stand-in rehydrating as Connect does): the owner's chat brings its past back; a
stranger who knows only the contact ID gets nothing of it. And the stack's test controls
answer no web page."""

import json
import urllib.error
import urllib.request

import botocore.session
import pytest

from tests.e2e.client_address import post_from
from tests.local_stack import start_stack

OWNER, STRANGER = "127.0.0.2", "127.0.0.3"


@pytest.fixture(scope="module")
def dev():
    running = start_stack("--env", "dev", "--no-agent")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def participant(dev):
    return botocore.session.get_session().create_client(
        "connectparticipant",
        region_name=dev.region,
        endpoint_url=dev.aws_endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


def start(dev, name: str, *, source: str, persistent: dict | None = None) -> tuple[int, dict]:
    body: dict = {"ParticipantDetails": {"DisplayName": name}}
    if persistent:
        body["PersistentChat"] = persistent
    answer = post_from(dev.start_chat_url, json.dumps(body).encode(), source=source)
    return answer.status, answer.body


def say_and_leave(participant, chat: dict, *messages: str) -> None:
    connection = participant.create_participant_connection(
        ParticipantToken=chat["ParticipantToken"], Type=["CONNECTION_CREDENTIALS"]
    )["ConnectionCredentials"]["ConnectionToken"]
    for text in messages:
        participant.send_message(ConnectionToken=connection, ContentType="text/plain", Content=text)
    participant.disconnect_participant(ConnectionToken=connection)


def said(participant, chat: dict) -> list[tuple[str, str | None]]:
    """(text, RelatedContactId) of every message in the chat's transcript, oldest first."""
    connection = participant.create_participant_connection(
        ParticipantToken=chat["ParticipantToken"], Type=["CONNECTION_CREDENTIALS"]
    )["ConnectionCredentials"]["ConnectionToken"]
    items = participant.get_transcript(
        ConnectionToken=connection, MaxResults=100, SortOrder="ASCENDING"
    )["Transcript"]
    return [(i["Content"], i.get("RelatedContactId")) for i in items if i["Type"] == "MESSAGE"]


def continuation(chat: dict, rehydration: str = "ENTIRE_PAST_SESSION", **extra: str) -> dict:
    return {"SourceContactId": chat["ContactId"], "RehydrationType": rehydration, **extra}


def test_the_owner_continues_their_chat_and_sees_its_past(dev, participant):
    status, first = start(dev, "Ada", source=OWNER)
    assert status == 200
    say_and_leave(participant, first, "my card ends 4242")
    token = first["ContinuationToken"]
    status, second = start(
        dev, "Ada", source=OWNER, persistent=continuation(first, ContinuationToken=token)
    )
    assert status == 200
    assert second["ContinuedFromContactId"] == first["ContactId"]
    assert said(participant, second) == [("my card ends 4242", first["ContactId"])]


@pytest.mark.parametrize("token", [None, "0" * 64, "other-chat"], ids=["none", "zeros", "other"])
def test_a_stranger_who_knows_the_contact_id_gets_no_chat_and_no_past(dev, participant, token):
    status, victim = start(dev, "Ada", source=OWNER)
    say_and_leave(participant, victim, "my address is 1 Main St")
    if token == "other-chat":
        token = start(dev, "Mallory", source=STRANGER)[1]["ContinuationToken"]
    extra = {"ContinuationToken": token} if token else {}
    calls_before = len(dev.control("requests", method="GET"))
    status, problem = start(
        dev, "Mallory", source=STRANGER, persistent=continuation(victim, **extra)
    )
    assert status == (400 if token is None else 403)
    assert "ContactId" not in problem
    if token:
        assert problem["type"].endswith(":continuation-refused")
    arrived = dev.control("requests", method="GET")[calls_before:]
    assert [r for r in arrived if r["path"] == "/contact/chat"] == [], "Connect is never asked"


def test_entire_past_session_brings_the_whole_chain_and_from_segment_only_the_last(
    dev, participant
):
    _, first = start(dev, "Ada", source=OWNER)
    say_and_leave(participant, first, "first chat")
    _, second = start(
        dev,
        "Ada",
        source=OWNER,
        persistent=continuation(first, ContinuationToken=first["ContinuationToken"]),
    )
    say_and_leave(participant, second, "second chat")
    token = second["ContinuationToken"]
    _, whole = start(
        dev, "Ada", source=OWNER, persistent=continuation(second, ContinuationToken=token)
    )
    _, segment = start(
        dev,
        "Ada",
        source=OWNER,
        persistent=continuation(second, "FROM_SEGMENT", ContinuationToken=token),
    )
    assert said(participant, whole) == [
        ("first chat", first["ContactId"]),
        ("second chat", second["ContactId"]),
    ]
    assert said(participant, segment) == [("second chat", second["ContactId"])]


@pytest.mark.parametrize("method", ["GET", "POST", "OPTIONS"])
def test_local_controls_refuse_any_web_page_and_send_no_cors(dev, method):
    path = "requests" if method != "POST" else "contacts/nope/end"
    request = urllib.request.Request(
        f"{dev.aws_endpoint}/_local/{path}",
        method=method,
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 403
    assert "Access-Control-Allow-Origin" not in refused.value.headers
    assert isinstance(dev.control("requests", method="GET"), list), "curl still works"


def test_a_local_control_posts_any_item_malformed_ones_included(dev, participant):
    _, chat = start(dev, "Ada", source=OWNER)
    odd = {"ContentType": "application/vnd.amazonaws.connect.message.interactive", "Content": None}
    posted = dev.control(f"contacts/{chat['ContactId']}/items", body=odd)
    assert posted["Type"] == "MESSAGE"
    assert posted["Content"] is None
    contact = dev.control(f"contacts/{chat['ContactId']}", method="GET")
    assert contact["transcript"][-1]["Id"] == posted["Id"]
