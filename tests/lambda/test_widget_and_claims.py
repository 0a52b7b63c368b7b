"""The /widget route (AWS's chat widget shape) and JWT-authorizer claims mapped to attributes
(only as a browser's value would be: verified, visible, within Connect's length)."""

import json

import pytest

from tests.lambda_helpers import (
    DEV,
    client_token_for,
    continuation_token_for,
    handler,
    invoke,
    load_event,
    with_body,
)

CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "sntnl-token"}

SUBJECT = "sub:5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"  # the JWT event's verified subject


def test_widget_accepts_what_chat_interface_sends_and_answers_its_shape(connect_stub):
    """The request AWS's amazon-connect-chat-interface really sent (../shared/notes)."""
    event = load_event("widget_initiate_chat")
    assert event["headers"]["content-type"] == "text/plain;charset=UTF-8"
    connect_stub.add_response(
        "start_chat_contact",
        CHAT,
        {
            "InstanceId": DEV.instance_id,
            "ContactFlowId": DEV.contact_flow_id,
            "ParticipantDetails": {"DisplayName": "Ada"},
            "SupportedMessagingContentTypes": ["text/plain", "text/markdown"],
        },
    )  # empty IDs mean the configured ones; Username and empty Attributes are not passed on
    status, headers, body = invoke(event)
    assert status == 200
    assert headers["Cache-Control"] == "no-store"
    permissions = {"ATTACHMENTS": DEV.widget.attachments, "MESSAGING_MARKDOWN": True}
    result = {**CHAT, "ContinuationToken": continuation_token_for(CHAT["ContactId"])}
    assert body == {"data": {"startChatResult": result, "featurePermissions": permissions}}


def test_hosted_widget_body_with_connect_instance_id(connect_stub):
    event = load_event("hosted_widget_custom_start_chat")
    connect_stub.add_response(
        "start_chat_contact",
        CHAT,
        {
            "InstanceId": DEV.instance_id,
            "ContactFlowId": DEV.contact_flow_id,
            "ParticipantDetails": {"DisplayName": "Ada Sntnl-Name"},
            "Attributes": {"customerName": "Ada Sntnl-Name"},
        },
    )
    status, _, body = invoke(event)
    assert status == 200
    # customStartChat's callback gets body["data"]: exactly these two keys
    assert set(body["data"]) == {"startChatResult", "featurePermissions"}
    assert body["data"]["featurePermissions"]["MESSAGING_MARKDOWN"] is False  # not asked for


@pytest.mark.parametrize(
    ("content_type", "status"),
    [("text/plain;charset=UTF-8", 200), ("application/json", 200), ("application/xml", 415)],
)
def test_widget_content_types(connect_stub, content_type, status):
    event = load_event("widget_initiate_chat")
    event["headers"]["content-type"] = content_type
    if status == 200:
        connect_stub.add_response("start_chat_contact", CHAT)
    assert invoke(event)[0] == status


def test_widget_errors_stay_problem_json(connect_stub):
    event = load_event("widget_initiate_chat")
    event["body"] = json.dumps(
        {"ParticipantDetails": {"DisplayName": "Ada"}, "ContactFlowId": "other"}
    )
    status, headers, problem = invoke(event)
    assert (status, headers["Content-Type"]) == (400, "application/problem+json")
    assert problem["errors"] == [
        {
            "field": "ContactFlowId",
            "message": "must be omitted, empty, or this deployment's contact flow (ID or ARN)",
        }
    ]


def test_username_is_only_known_on_the_widget_route(connect_stub):
    _, _, problem = invoke(
        with_body({"ParticipantDetails": {"DisplayName": "Ada"}, "Username": "ada"})
    )
    assert problem["errors"] == [{"field": "Username", "message": "is not a known field"}]


def test_verified_claims_become_attributes(connect_stub, authenticated, handler_logs):
    connect_stub.add_response(
        "start_chat_contact",
        CHAT,
        {
            "InstanceId": DEV.instance_id,
            "ContactFlowId": DEV.contact_flow_id,
            "ParticipantDetails": {"DisplayName": "Ada Sntnl-Name"},
            "Attributes": {
                "customerName": "ada.sntnl@example.com",
                "orderId": "5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b",
            },
            "ClientToken": client_token_for(
                caller=SUBJECT,
                ParticipantDetails={"DisplayName": "Ada Sntnl-Name"},
                Attributes={
                    "customerName": "ada.sntnl@example.com",
                    "orderId": "5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b",
                },
            ),
        },
    )
    assert invoke(load_event("start_chat_jwt"))[0] == 200
    assert "missing_claims" not in json.loads(handler_logs.getvalue().splitlines()[-1])


def test_a_browser_cannot_forge_a_claim_mapped_attribute(connect_stub, authenticated):
    event = load_event("start_chat_jwt")
    event["body"] = json.dumps(
        {
            "ParticipantDetails": {"DisplayName": "Ada"},
            "Attributes": {"customerName": "Eve", "topic": "x"},
        }
    )
    status, _, problem = invoke(event)
    assert status == 400
    assert problem["errors"] == [
        {
            "field": "Attributes.customerName",
            "message": "is set from your sign-in and cannot be sent",
        }
    ]


def test_a_missing_claim_leaves_its_attribute_out_and_is_logged_by_name(
    connect_stub, authenticated, handler_logs
):
    event = load_event("start_chat_jwt")
    del event["requestContext"]["authorizer"]["jwt"]["claims"]["email"]
    connect_stub.add_response(
        "start_chat_contact",
        CHAT,
        {
            "InstanceId": DEV.instance_id,
            "ContactFlowId": DEV.contact_flow_id,
            "ParticipantDetails": {"DisplayName": "Ada Sntnl-Name"},
            "Attributes": {"orderId": "5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"},
            "ClientToken": client_token_for(
                caller=SUBJECT,
                ParticipantDetails={"DisplayName": "Ada Sntnl-Name"},
                Attributes={"orderId": "5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"},
            ),
        },
    )
    assert invoke(event)[0] == 200
    assert json.loads(handler_logs.getvalue().splitlines()[-1])["missing_claims"] == ["email"]


def test_without_an_authorizer_in_the_event_mapped_attributes_are_simply_absent(
    connect_stub, authenticated
):
    connect_stub.add_response(
        "start_chat_contact",
        CHAT,
        {
            "InstanceId": DEV.instance_id,
            "ContactFlowId": DEV.contact_flow_id,
            "ParticipantDetails": {"DisplayName": "Ada Sntnl-Name"},
            "ClientToken": client_token_for(ParticipantDetails={"DisplayName": "Ada Sntnl-Name"}),
        },
    )
    assert invoke(load_event("start_chat"))[0] == 200


def claims_event(**claims: str) -> dict:
    event = load_event("start_chat_jwt")
    event["requestContext"]["authorizer"]["jwt"]["claims"].update(claims)
    return event


@pytest.mark.parametrize(
    "claims",
    [
        {"email_verified": "false"},
        {"email_verified": "False"},
        {"email": "ada\u202e@example.com"},
        {"email": "ada\U000e0041@example.com"},
        {"email": "\U0001f600" * 513},
    ],
    ids=[
        "unverified",
        "unverified-capitalised",
        "bidi-override",
        "tag-characters",
        "too-long-in-utf16",
    ],
)
def test_a_claim_becomes_an_attribute_only_as_a_browser_value_would(
    connect_stub, authenticated, handler_logs, claims
):
    seen: dict = {}
    hook = lambda params, **_: seen.update(params)  # noqa: E731
    handler.connect.meta.events.register("provide-client-params.connect.StartChatContact", hook)
    connect_stub.add_response("start_chat_contact", CHAT, None)
    try:
        assert invoke(claims_event(**claims))[0] == 200
    finally:
        handler.connect.meta.events.unregister(
            "provide-client-params.connect.StartChatContact", hook
        )
    assert "customerName" not in seen.get("Attributes", {})
    assert json.loads(handler_logs.getvalue().splitlines()[-1])["missing_claims"] == ["email"]
