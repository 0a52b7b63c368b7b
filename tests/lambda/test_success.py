"""Happy paths, each call checked against botocore's real Connect model by the Stubber."""

import base64
import json

from tests.lambda_helpers import (
    DEV,
    client_token_for,
    continuation_token_for,
    invoke,
    load_event,
)

CHAT = {
    "ContactId": "c0ffee00-0000-4000-8000-000000000001",
    "ParticipantId": "p0000000-0000-4000-8000-000000000002",
    "ParticipantToken": "sntnl-participant-token-QVFJREFIaG9",
}


def expected_params(**browser_chosen: object) -> dict[str, object]:
    """What StartChatContact must receive: the configured IDs plus the browser's fields."""
    return {"InstanceId": DEV.instance_id, "ContactFlowId": DEV.contact_flow_id, **browser_chosen}


def test_minimal_request_starts_a_chat_on_the_configured_flow(connect_stub):
    connect_stub.add_response(
        "start_chat_contact",
        CHAT,
        expected_params(
            ParticipantDetails={"DisplayName": "Ada Sntnl-Name"},
            ClientToken=client_token_for(ParticipantDetails={"DisplayName": "Ada Sntnl-Name"}),
        ),
    )
    status, headers, body = invoke(load_event("start_chat"))
    assert status == 200
    assert body == {**CHAT, "ContinuationToken": continuation_token_for(CHAT["ContactId"])}
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"] == "application/json"


def test_every_field_is_passed_on_trimmed_and_base64_is_decoded(connect_stub):
    event = load_event("start_chat_all_fields_base64")
    sent = json.loads(base64.b64decode(event["body"]))
    chosen = {
        "ParticipantDetails": {"DisplayName": "Ada Sntnl-Name"},
        "Attributes": sent["Attributes"],
        "InitialMessage": sent["InitialMessage"],
        "SupportedMessagingContentTypes": ["text/plain", "text/markdown"],
        "PersistentChat": {  # the continuation token is checked, never passed on
            "SourceContactId": "0f9c4d2a-7e1b-4c3d-9a8b-1e2f3a4b5c6d",
            "RehydrationType": "ENTIRE_PAST_SESSION",
        },
        "ChatDurationInMinutes": 120,
    }
    connect_stub.add_response(
        "start_chat_contact",
        {**CHAT, "ContinuedFromContactId": "0f9c4d2a-7e1b-4c3d-9a8b-1e2f3a4b5c6d"},
        expected_params(**chosen, ClientToken=client_token_for(**chosen)),
    )
    status, _, body = invoke(event)
    assert status == 200
    assert body == {
        **CHAT,
        "ContinuedFromContactId": "0f9c4d2a-7e1b-4c3d-9a8b-1e2f3a4b5c6d",
        "ContinuationToken": continuation_token_for(CHAT["ContactId"]),
    }


def test_without_idempotency_key_no_client_token_is_chosen_for_botocore(connect_stub):
    # botocore fills in a random ClientToken after the Stubber has seen the parameters.
    event = load_event("start_chat")
    del event["headers"]["idempotency-key"]
    connect_stub.add_response(
        "start_chat_contact",
        CHAT,
        expected_params(ParticipantDetails={"DisplayName": "Ada Sntnl-Name"}),
    )
    assert invoke(event)[0] == 200


def test_connection_details_from_connect_are_not_passed_to_the_browser(connect_stub):
    connect_stub.add_response(
        "start_chat_contact",
        {**CHAT, "ConnectionCredentials": {"ConnectionToken": "sntnl-connection-token"}},
    )
    _, _, body = invoke(load_event("start_chat"))
    assert set(body) == {"ContactId", "ParticipantId", "ParticipantToken", "ContinuationToken"}


def test_one_info_line_per_request_and_a_started_metric(connect_stub, handler_logs, capfd):
    connect_stub.add_response("start_chat_contact", CHAT)
    invoke(load_event("start_chat"))
    logs = [json.loads(line) for line in handler_logs.getvalue().splitlines()]
    assert len(logs) == 1
    assert logs[0]["level"] == "INFO"
    assert logs[0]["outcome"] == "started"
    assert logs[0]["status"] == 200
    assert logs[0]["request_id"] == "CmQ7hgBdIAMEVdg="
    assert logs[0]["contact_id"] == CHAT["ContactId"]
    assert isinstance(logs[0]["latency_ms"], float)
    emf = [json.loads(line) for line in capfd.readouterr().out.splitlines()]
    assert [m["ChatStarted"] for m in emf if "ChatStarted" in m] == [[1.0]]
