"""Property: any body bytes and any headers give a well-formed, documented answer, never an
exception and never a 500 (a 500 would mean some input reaches a path we did not foresee)."""

import base64
import json

import pytest
from botocore.awsrequest import AWSResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import event as event_statistic
from hypothesis import strategies as st

from tests.lambda_helpers import LambdaContext, handler, load_event

DOCUMENTED = {200, 400, 403, 409, 413, 415, 429, 500, 502, 503, 504}
TEMPLATE = load_event("start_chat")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(
    [
        "ParticipantDetails",
        "DisplayName",
        "Attributes",
        "topic",
        "InitialMessage",
        "ContentType",
        "Content",
        "SupportedMessagingContentTypes",
        "PersistentChat",
        "SourceContactId",
        "RehydrationType",
        "ChatDurationInMinutes",
        "InstanceId",
        "ContactFlowId",
    ]
)
near_valid_bodies = st.recursive(
    json_values, lambda inner: st.dictionaries(field_names, inner, max_size=5), max_leaves=10
).map(json.dumps)
valid_shaped_bodies = st.fixed_dictionaries(
    {
        "ParticipantDetails": st.fixed_dictionaries(
            {"DisplayName": st.text(min_size=1, max_size=300)}
        )
    },
    optional={
        "Attributes": st.dictionaries(
            st.sampled_from(["topic", "orderId", "other"]), st.text(max_size=30)
        ),
        "ChatDurationInMinutes": st.integers(0, 20000),
        "InitialMessage": st.fixed_dictionaries(
            {
                "ContentType": st.sampled_from(["text/plain", "text/html"]),
                "Content": st.text(max_size=1100),
            }
        ),
    },
).map(json.dumps)
oversized_bodies = st.integers(16_300, 17_000).map(lambda n: json.dumps({"x": "y" * n}))
bodies = (
    st.binary(max_size=300).map(lambda b: b.decode("latin-1"))
    | near_valid_bodies
    | valid_shaped_bodies
    | oversized_bodies
    | st.text()
)
content_types = st.sampled_from(
    ["application/json"] * 4 + ["application/json; charset=utf-8", "text/plain", ""]
) | st.text(max_size=30)
header_maps = st.dictionaries(st.text(min_size=1, max_size=20), st.text(max_size=60), max_size=4)


@pytest.fixture
def connect_always_starts():
    def answer(**_):
        parsed = {"ContactId": "c", "ParticipantId": "p", "ParticipantToken": "t"}
        return AWSResponse("https://connect.local", 200, {}, None), parsed

    events = handler.connect.meta.events
    events.register_first("before-call.connect.StartChatContact", answer, unique_id="fake")
    yield
    events.unregister("before-call.connect.StartChatContact", unique_id="fake")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=bodies,
    base64_encoded=st.booleans(),
    content_type=content_types,
    extra=header_maps,
    method=st.sampled_from(["POST"] * 6 + ["GET", "OPTIONS"]),
)
def test_any_request_gets_a_documented_well_formed_answer(
    connect_always_starts, body, base64_encoded, content_type, extra, method
):
    event = json.loads(json.dumps(TEMPLATE))
    event["headers"] = {**extra, "content-type": content_type} if content_type else extra
    event["requestContext"]["http"]["method"] = method
    event["isBase64Encoded"] = base64_encoded
    event["body"] = (
        base64.b64encode(body.encode("utf-8", "surrogatepass")).decode() if base64_encoded else body
    )
    response = handler.handler(event, LambdaContext())
    event_statistic(f"status {response['statusCode']}")
    assert response["statusCode"] in DOCUMENTED - {500}
    assert isinstance(response["body"], str)
    payload = json.loads(response["body"])
    assert response["headers"]["Cache-Control"] == "no-store"
    if response["statusCode"] == 200:
        assert set(payload) == {
            "ContactId",
            "ParticipantId",
            "ParticipantToken",
            "ContinuationToken",
        }
    else:
        assert response["headers"]["Content-Type"] == "application/problem+json"
        assert payload["status"] == response["statusCode"]
