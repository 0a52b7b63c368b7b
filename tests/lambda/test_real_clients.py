"""What clients nobody here wrote send and expect: AWS's widgets' defaults, browsers' Origin,
JSON Schema's idea of an integer, and a persistent chat Connect will not continue."""

import json

import pytest

from tests.lambda_helpers import (
    DEV,
    client_token_for,
    continuation_token_for,
    handler,
    invoke,
    load_event,
    metric_names,
    with_body,
)

CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "sntnl-token"}
NAME = {"ParticipantDetails": {"DisplayName": "Ada"}}
RESUME = {
    "SourceContactId": "c0ffee00-0000-4000-8000-000000000000",
    "RehydrationType": "ENTIRE_PAST_SESSION",
    "ContinuationToken": continuation_token_for("c0ffee00-0000-4000-8000-000000000000"),
}
INSTANCE_ARN = f"arn:aws:connect:{DEV.region}:{DEV.account}:instance/{DEV.instance_id}"


def expected(**params: object) -> dict:
    return {"InstanceId": DEV.instance_id, "ContactFlowId": DEV.contact_flow_id, **params}


def widget_event(body: dict) -> dict:
    event = load_event("widget_initiate_chat")
    event["body"] = json.dumps(body)
    return event


@pytest.mark.parametrize(
    "ids",
    [
        {"InstanceId": "", "ContactFlowId": ""},
        {"InstanceId": INSTANCE_ARN},
        {"InstanceId": DEV.instance_id.upper()},
        {"ContactFlowId": f"{INSTANCE_ARN}/contact-flow/{DEV.contact_flow_id}"},
    ],
)
def test_empty_id_or_an_arn_means_the_configured_one_on_chat(connect_stub, ids):
    connect_stub.add_response(
        "start_chat_contact", CHAT, expected(**NAME, ClientToken=client_token_for(**NAME))
    )
    assert invoke(with_body({**NAME, **ids}))[0] == 200


@pytest.mark.parametrize(
    ("asked", "environment_allows", "markdown"),
    [
        (["text/plain", "text/markdown"], True, True),
        (["text/plain"], True, False),
        (None, True, False),
        (["text/plain", "text/markdown"], False, False),
    ],
)
def test_markdown_is_offered_only_when_asked_for_and_allowed(
    connect_stub, monkeypatch, asked, environment_allows, markdown
):
    permissions = {"ATTACHMENTS": False, "MESSAGING_MARKDOWN": environment_allows}
    settings = handler.settings._replace(feature_permissions=permissions)
    monkeypatch.setattr(handler, "settings", settings)
    connect_stub.add_response("start_chat_contact", CHAT)
    body = {**NAME, **({"SupportedMessagingContentTypes": asked} if asked else {})}
    _, _, answer = invoke(widget_event(body))
    assert answer["data"]["featurePermissions"] == {
        "ATTACHMENTS": False,
        "MESSAGING_MARKDOWN": markdown,
    }


@pytest.mark.parametrize("duration", ["60.0", "6e1", "6.0E1", "1500.0"])
def test_integral_json_numbers_are_integers(connect_stub, duration):
    connect_stub.add_response(
        "start_chat_contact", CHAT, expected(**NAME, ChatDurationInMinutes=int(float(duration)))
    )  # the Stubber checks the type against Connect's model: an int, not 60.0
    event = widget_event({})
    event["body"] = json.dumps(NAME)[:-1] + f', "ChatDurationInMinutes": {duration}}}'
    assert invoke(event)[0] == 200


def test_message_content_keeps_newlines_and_tabs(connect_stub):
    message = {"ContentType": "text/plain", "Content": "line one\n\tline two"}
    connect_stub.add_response("start_chat_contact", CHAT, expected(**NAME, InitialMessage=message))
    assert invoke(widget_event({**NAME, "InitialMessage": message}))[0] == 200


@pytest.mark.parametrize("origin", [None, "http://localhost:5173", "https://dev.example.com"])
def test_allowed_or_absent_origin_is_served(connect_stub, origin):
    event = widget_event(NAME)
    event["headers"].pop("origin")
    if origin:
        event["headers"]["origin"] = origin
    connect_stub.add_response("start_chat_contact", CHAT)
    assert invoke(event)[0] == 200


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://localhost:5174"])
def test_other_origins_get_403_counted_and_logged(connect_stub, capfd, handler_logs, origin):
    event = widget_event(NAME)
    event["headers"]["origin"] = origin
    status, _, problem = invoke(event)  # the Stubber has no response: Connect is never called
    assert (status, problem["type"]) == (403, "urn:connect-chat-starter:problem:origin-not-allowed")
    assert "ChatRejected.origin-not-allowed" in metric_names(capfd.readouterr().out)
    assert (
        json.loads(handler_logs.getvalue().splitlines()[-1])["outcome"]
        == "rejected:origin-not-allowed"
    )


@pytest.mark.parametrize("code", ["InvalidRequestException", "ResourceNotFoundException"])
def test_refused_resume_is_409_not_an_upstream_failure(connect_stub, capfd, handler_logs, code):
    connect_stub.add_client_error("start_chat_contact", code, "no such contact", 400)
    status, headers, problem = invoke(with_body({**NAME, "PersistentChat": RESUME}))
    assert (status, problem["type"]) == (409, "urn:connect-chat-starter:problem:chat-not-resumable")
    assert headers["Content-Type"] == "application/problem+json"
    names = metric_names(capfd.readouterr().out)
    assert "ChatRejected.chat-not-resumable" in names
    assert not any(name.startswith("UpstreamFailed") for name in names)
    line = json.loads(handler_logs.getvalue().splitlines()[-1])
    assert (line["outcome"], line["aws_error_code"]) == ("rejected:chat-not-resumable", code)


def test_the_same_error_without_persistent_chat_stays_an_upstream_failure(connect_stub, capfd):
    connect_stub.add_client_error("start_chat_contact", "InvalidRequestException", "m", 400)
    assert invoke(with_body(NAME))[0] == 502
    assert "UpstreamFailed.InvalidRequestException" in metric_names(capfd.readouterr().out)
