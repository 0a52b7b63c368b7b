"""Bad input never reaches Connect: each gets its documented 4xx problem."""

import base64
import json

import pytest

from problems import MAX_LISTED_ERRORS
from tests.lambda_cases import BAD_BODIES, NAME
from tests.lambda_helpers import DEV, client_token_for, invoke, load_event, with_body


@pytest.mark.parametrize(
    ("body", "field", "message"), BAD_BODIES, ids=[f for _, f, _ in BAD_BODIES]
)
def test_bad_field_is_a_400_naming_the_field(connect_stub, body, field, message):
    status, headers, problem = invoke(with_body(body))
    assert status == 400
    assert headers["Content-Type"] == "application/problem+json"
    assert problem["type"] == "urn:connect-chat-starter:problem:validation-error"
    assert problem["status"] == 400
    assert problem["requestId"] == "CmQ7hgBdIAMEVdg="
    assert any(
        e["field"] == field and e["message"].startswith(message) for e in problem["errors"]
    ), problem["errors"]
    assert "sntnl" not in json.dumps(problem), "a rejected value is never echoed back"


def test_all_field_errors_are_reported_at_once(connect_stub):
    body = {"ParticipantDetails": {"DisplayName": ""}, "ChatDurationInMinutes": 1, "Nope": 1}
    _, _, problem = invoke(with_body(body))
    assert {e["field"] for e in problem["errors"]} == {
        "ParticipantDetails.DisplayName",
        "ChatDurationInMinutes",
        "Nope",
    }


def test_ids_equal_to_the_configured_ones_are_accepted(connect_stub):
    connect_stub.add_response(
        "start_chat_contact",
        {"ContactId": "c", "ParticipantId": "p", "ParticipantToken": "sntnl-t"},
        {
            "InstanceId": DEV.instance_id,
            "ContactFlowId": DEV.contact_flow_id,
            "ParticipantDetails": {"DisplayName": "Ada sntnl"},
            "ClientToken": client_token_for(ParticipantDetails={"DisplayName": "Ada sntnl"}),
        },
    )
    body = {**NAME, "InstanceId": DEV.instance_id.upper(), "ContactFlowId": DEV.contact_flow_id}
    assert invoke(with_body(body))[0] == 200


@pytest.mark.parametrize(
    ("key", "accepted"),
    [
        ("k", True),
        ("x" * 500, True),
        ("", False),
        ("x" * 501, False),
        ("caf\u00e9", False),
        ("a\tb", False),
    ],
)
def test_idempotency_key_must_be_1_to_500_printable_ascii(connect_stub, key, accepted):
    if accepted:
        connect_stub.add_response(
            "start_chat_contact", {"ContactId": "c", "ParticipantId": "p", "ParticipantToken": "t"}
        )
    status, _, body = invoke(with_body(NAME, **{"idempotency-key": key}))
    assert status == (200 if accepted else 400)
    if not accepted:
        assert body["errors"] == [
            {"field": "Idempotency-Key", "message": "must be 1-500 printable ASCII characters"}
        ]


def raw_event(body: str, *, base64_encoded: bool = False, **headers: str) -> dict:
    event = load_event("start_chat")
    event.update(body=body, isBase64Encoded=base64_encoded)
    event["headers"].update(headers)
    return event


BIG = json.dumps({**NAME, "Attributes": {"topic": "x" * 17000}})
BAD_REQUESTS = [
    (raw_event(json.dumps(NAME), **{"content-type": "text/plain"}), 415, "unsupported-media-type"),
    (
        raw_event(json.dumps(NAME), **{"content-type": "application/xml"}),
        415,
        "unsupported-media-type",
    ),
    ({**raw_event(json.dumps(NAME)), "headers": {}}, 415, "unsupported-media-type"),
    (raw_event(BIG), 413, "body-too-large"),
    (
        raw_event(base64.b64encode(BIG.encode()).decode(), base64_encoded=True),
        413,
        "body-too-large",
    ),
    (raw_event("{not json"), 400, "malformed-body"),
    (raw_event("[1, 2]"), 400, "malformed-body"),
    (raw_event('"sntnl"'), 400, "malformed-body"),
    (raw_event('{"ChatDurationInMinutes": NaN}'), 400, "malformed-body"),
    (raw_event(""), 400, "malformed-body"),
    (raw_event("%%%not-base64", base64_encoded=True), 400, "malformed-body"),
    (
        raw_event(base64.b64encode(b"\xff\xfe{}").decode(), base64_encoded=True),
        400,
        "malformed-body",
    ),
    (raw_event(json.dumps(NAME), origin="https://evil.example"), 403, "origin-not-allowed"),
    (raw_event(json.dumps(NAME), origin="null"), 403, "origin-not-allowed"),
    (
        raw_event(json.dumps(NAME), origin="http://localhost:5173,https://evil.example"),
        403,
        "origin-not-allowed",
    ),
    (raw_event(json.dumps(NAME), origin="HTTPS://DEV.EXAMPLE.COM"), 403, "origin-not-allowed"),
]


@pytest.mark.parametrize(
    ("event", "status", "reason"),
    BAD_REQUESTS,
    ids=[f"{s}-{r}-{i}" for i, (_, s, r) in enumerate(BAD_REQUESTS)],
)
def test_bad_request_gets_its_status_and_problem_type(connect_stub, event, status, reason):
    got, headers, problem = invoke(event)
    assert (got, problem["status"]) == (status, status)
    assert problem["type"].endswith(":" + reason)
    assert headers["Content-Type"] == "application/problem+json"
    assert headers["Cache-Control"] == "no-store"
    assert {"title", "detail", "requestId"} <= problem.keys()


def test_json_content_type_with_charset_is_accepted(connect_stub):
    connect_stub.add_response(
        "start_chat_contact", {"ContactId": "c", "ParticipantId": "p", "ParticipantToken": "t"}
    )
    assert (
        invoke(raw_event(json.dumps(NAME), **{"content-type": "Application/JSON; charset=UTF-8"}))[
            0
        ]
        == 200
    )


def test_a_thousand_unknown_keys_get_a_short_answer_that_says_how_many_more():
    body = json.dumps({**NAME, **{f"k{i:04d}": 1 for i in range(1000)}})
    status, _, problem = invoke(with_body(body))
    assert status == 400
    assert len(problem["errors"]) == MAX_LISTED_ERRORS
    assert problem["moreErrors"] == 1000 - MAX_LISTED_ERRORS
    assert len(json.dumps(problem)) < len(body)


@pytest.mark.parametrize(
    "body",
    [
        '{"ParticipantDetails": {"DisplayName": "Ada"}, '
        '"ParticipantDetails": {"DisplayName": "Eve"}}',
        '{"ParticipantDetails": {"DisplayName": "Ada", "DisplayName": "Eve"}}',
    ],
    ids=["top-level", "nested"],
)
def test_duplicate_keys_are_refused_not_read_one_way(body):
    status, _, problem = invoke(with_body(body))
    assert (status, problem["type"]) == (400, "urn:connect-chat-starter:problem:malformed-body")
    assert problem["detail"] == "The body has an object with a duplicate key."
