"""docs/openapi.yaml is valid, agrees with the validator, and describes real handler answers."""

import base64
import json

import pytest
import yaml
from botocore.exceptions import ReadTimeoutError
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

import routes
from problems import internal_error, upstream_failed
from tests.conftest import REPO_ROOT
from tests.lambda_cases import BAD_BODIES
from tests.lambda_helpers import (
    LambdaContext,
    continuation_token_for,
    handler,
    invoke,
    load_event,
    with_body,
)

SPEC = yaml.safe_load((REPO_ROOT / "docs" / "openapi.yaml").read_text())
OPERATION = SPEC["paths"]["/chat"]["post"]
CHAT = {"ContactId": "c", "ParticipantId": "p", "ParticipantToken": "sntnl-token"}


def validator(schema: dict) -> Draft202012Validator:
    """A validator for `schema` that resolves '#/components/...' against the spec."""
    return Draft202012Validator({**schema, "components": SPEC["components"]})


def resolve(node: dict) -> dict:
    while "$ref" in node:
        *_, section, name = node["$ref"].split("/")
        node = SPEC["components"][section][name]
    return node


REQUEST = validator(OPERATION["requestBody"]["content"]["application/json"]["schema"])
REQUEST_SCHEMA = SPEC["components"]["schemas"]["StartChatRequestFields"]
WIDGET = SPEC["paths"]["/widget"]["post"]


def test_document_is_valid_openapi_3_1():
    validate(SPEC)
    assert SPEC["openapi"] == "3.1.0"


def test_documented_limits_are_the_validators_constants():
    props = REQUEST_SCHEMA["properties"]
    name = props["ParticipantDetails"]["properties"]["DisplayName"]
    message = props["InitialMessage"]["properties"]
    chat = routes.ROUTES[routes.CHAT_ROUTE].body.fields["ParticipantDetails"]
    widget = routes.ROUTES[routes.WIDGET_ROUTE].body
    assert set(props) == set(routes.CHAT_FIELDS)
    widget_only = SPEC["components"]["schemas"]["WidgetStartChatRequest"]["allOf"][1]
    assert set(props) | set(widget_only["properties"]) == set(widget.fields)
    assert (
        name["maxLength"] == routes.DISPLAY_NAME.max_length == chat.fields["DisplayName"].max_length
    )
    assert (
        props["Attributes"]["additionalProperties"]["maxLength"]
        == routes.ATTRIBUTE_VALUE.max_length
    )
    assert message["Content"]["maxLength"] == routes.MESSAGE.max_length
    assert tuple(message["ContentType"]["enum"]) == routes.INITIAL_MESSAGE_TYPES
    assert (
        tuple(props["SupportedMessagingContentTypes"]["items"]["enum"])
        == routes.MESSAGING_CONTENT_TYPES
    )
    persistent = props["PersistentChat"]["properties"]
    assert tuple(persistent["RehydrationType"]["enum"]) == routes.REHYDRATION_TYPES
    assert persistent["SourceContactId"]["pattern"] == routes.CONTACT_ID.pattern
    assert persistent["ContinuationToken"]["pattern"] == routes.CONTINUATION_TOKEN.pattern
    assert props["PersistentChat"]["required"] == list(
        routes.CHAT_FIELDS["PersistentChat"].required
    )
    assert (
        props["ChatDurationInMinutes"]["minimum"]
        == routes.CHAT_FIELDS["ChatDurationInMinutes"].minimum
    )
    key = resolve(OPERATION["parameters"][0])
    assert key["name"] == "Idempotency-Key"
    assert key["schema"]["pattern"].replace(
        "+", "{1,500}"
    ) == routes.IDEMPOTENCY_KEY.pattern.replace("\\x7e", "\\x7E")
    assert key["schema"]["maxLength"] == 500
    assert str(routes.MAX_BODY_BYTES) in OPERATION["requestBody"]["description"]
    for path, route_key in (("/chat", routes.CHAT_ROUTE), ("/widget", routes.WIDGET_ROUTE)):
        media = set(SPEC["paths"][path]["post"]["requestBody"]["content"])
        assert media == {m for m in routes.ROUTES[route_key].media_types if m}


# Rules the schema cannot know: they depend on the deployment's config, on trimming, on
# Unicode categories or on surrogates (JSON Schema patterns have no \\p{...}, and many regex
# engines refuse surrogates; the schema asks for \\S).
DEPLOYMENT_RULES = (
    ("Attributes.secretLevel", "is not an allowed attribute"),
    ("ChatDurationInMinutes", "must be a whole number from 60 to 1500"),
    ("InstanceId", "must be omitted, empty, or this deployment's instance"),
    ("ContactFlowId", "must be omitted, empty, or this deployment's contact flow"),
    ("ParticipantDetails.DisplayName", "must be 1-256 UTF-16 code units"),
    # JSON Schema's maxLength counts code points; Connect counts UTF-16 code units
    ("Attributes.topic", "must be 0-1024 UTF-16 code units"),
    ("InitialMessage.Content", "must be 1-1024 UTF-16 code units"),
    ("ParticipantDetails.DisplayName", "must not contain Unicode tag characters"),
    ("InitialMessage.Content", "must not contain Unicode tag characters"),
    ("Attributes.topic", "must not contain Unicode tag characters"),
    ("ParticipantDetails.DisplayName", "must contain a visible character"),
    ("ParticipantDetails.DisplayName", "must not contain unpaired surrogates"),
    ("InitialMessage.Content", "must not be blank"),
)


def test_schema_and_validator_agree_on_every_bad_body_case():
    for body, field, message in BAD_BODIES:
        schema_ok = REQUEST.is_valid(body)
        known = any(
            field == f and (m.startswith(message) or message.startswith(m))
            for f, m in DEPLOYMENT_RULES
        )
        assert not schema_ok or known, f"schema accepts what the handler refuses: {body}"


def test_schema_accepts_every_fixture_the_handler_accepts(connect_stub):
    for event in (load_event("start_chat"), load_event("start_chat_all_fields_base64")):
        connect_stub.add_response("start_chat_contact", CHAT)
        raw = base64.b64decode(event["body"]) if event["isBase64Encoded"] else event["body"]
        assert invoke(event)[0] == 200
        assert REQUEST.is_valid(json.loads(raw))


def real_responses(stub) -> list[dict]:
    event = load_event("start_chat")
    stub.add_response("start_chat_contact", CHAT)
    responses = [handler.handler(event, LambdaContext())]
    for code, status in [
        ("ThrottlingException", 429),
        ("InternalServiceException", 500),
        ("AccessDeniedException", 403),
        ("InvalidParameterException", 400),
    ]:
        stub.add_client_error("start_chat_contact", code, "m", status)
        responses.append(handler.handler(event, LambdaContext()))
    stub.add_client_error("start_chat_contact", "InvalidRequestException", "m", 400)
    resume = {
        "SourceContactId": "c0ffee00-0000-4000-8000-000000000000",
        "RehydrationType": "ENTIRE_PAST_SESSION",
        "ContinuationToken": continuation_token_for("c0ffee00-0000-4000-8000-000000000000"),
    }
    resuming = with_body({"ParticipantDetails": {"DisplayName": "Ada"}, "PersistentChat": resume})
    responses.append(handler.handler(resuming, LambdaContext()))
    many_unknown = {"ParticipantDetails": {"DisplayName": "Ada"}, **{f"k{i}": 1 for i in range(30)}}
    bad = [
        with_body({"Nope": 1}),
        with_body("{"),
        {**event, "headers": {}},
        with_body(many_unknown),
        with_body({"ParticipantDetails": {"DisplayName": "x" * 20000}}),
        with_body({"ParticipantDetails": {"DisplayName": "Ada"}}, origin="null"),
    ]
    responses += [handler.handler(e, LambdaContext()) for e in bad]
    responses += [
        upstream_failed(ReadTimeoutError(endpoint_url="u")).response("r"),
        internal_error().response("r"),
    ]
    return responses


def test_real_handler_responses_match_the_document(connect_stub):
    responses = real_responses(connect_stub)
    # 401 comes from API Gateway's JWT authorizer, never from the handler.
    assert {r["statusCode"] for r in responses} == {int(s) for s in OPERATION["responses"]} - {401}
    for response in responses:
        documented = resolve(OPERATION["responses"][str(response["statusCode"])])
        media_type = response["headers"]["Content-Type"]
        schema = documented["content"][media_type]["schema"]
        errors = sorted(validator(schema).iter_errors(json.loads(response["body"])), key=str)
        assert not errors, f"{response['statusCode']}: {errors[0].message}"
        for name, header in documented.get("headers", {}).items():
            assert name in response["headers"], f"{response['statusCode']} lacks {name}"
            assert validator(resolve(header)["schema"]).is_valid(response["headers"][name])


@pytest.mark.parametrize("status", ["429", "503"])
def test_retry_after_is_documented_where_the_handler_sends_it(status):
    assert "Retry-After" in resolve(OPERATION["responses"][status])["headers"]


def test_widget_route_is_documented_and_its_answer_matches(connect_stub):
    connect_stub.add_response("start_chat_contact", CHAT)
    response = handler.handler(load_event("widget_initiate_chat"), LambdaContext())
    schema = WIDGET["responses"]["200"]["content"]["application/json"]["schema"]
    assert validator(schema).is_valid(json.loads(response["body"]))
    widget_request = validator(WIDGET["requestBody"]["content"]["text/plain"]["schema"])
    body = json.loads(load_event("widget_initiate_chat")["body"])
    assert widget_request.is_valid(body)
    assert not REQUEST.is_valid(body), "Username is a widget-only field"
    assert not widget_request.is_valid({**body, "Nope": 1})
