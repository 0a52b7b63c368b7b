"""Fine-grained checks of the HTTP API: route, integration, CORS, stage, access logs, outputs."""

import json

import pytest
from aws_cdk.assertions import Template

from tests.infra.test_function import only


@pytest.fixture(scope="module")
def template(synth) -> Template:
    return Template.from_json(synth.template)


def test_single_post_chat_route_to_the_function_with_payload_2(template):
    _, route = only(template, "AWS::ApiGatewayV2::Route")
    assert route["Properties"]["RouteKey"] == "POST /chat"
    assert "AuthorizationType" not in route["Properties"] or (
        route["Properties"]["AuthorizationType"] == "NONE"
    )
    integration_id, integration = only(template, "AWS::ApiGatewayV2::Integration")
    assert route["Properties"]["Target"]["Fn::Join"][1][1] == {"Ref": integration_id}
    function_id, _ = only(template, "AWS::Lambda::Function")
    props = integration["Properties"]
    assert props["IntegrationType"] == "AWS_PROXY"
    assert props["PayloadFormatVersion"] == "2.0"
    assert props["IntegrationUri"] == {"Fn::GetAtt": [function_id, "Arn"]}


def test_cors_allows_only_configured_origins(template, synth):
    _, api = only(template, "AWS::ApiGatewayV2::Api")
    assert api["Properties"]["ProtocolType"] == "HTTP"
    assert api["Properties"]["CorsConfiguration"] == {
        "AllowHeaders": ["Content-Type", "Idempotency-Key"],
        "AllowMethods": ["POST", "OPTIONS"],
        "AllowOrigins": list(synth.config.allowed_origins),
        "ExposeHeaders": ["Retry-After"],
        "MaxAge": 3600,
    }


def test_default_stage_throttles_and_writes_json_access_logs(template, synth):
    _, stage = only(template, "AWS::ApiGatewayV2::Stage")
    props = stage["Properties"]
    assert props["StageName"] == "$default"
    assert props["AutoDeploy"] is True
    assert props["DefaultRouteSettings"] == {
        "ThrottlingRateLimit": synth.config.throttle.rate_limit,
        "ThrottlingBurstLimit": synth.config.throttle.burst_limit,
    }
    log_format = json.loads(props["AccessLogSettings"]["Format"])
    assert {
        "requestId": "$context.requestId",
        "sourceIp": "$context.identity.sourceIp",
        "routeKey": "$context.routeKey",
        "status": "$context.status",
        "responseLatency": "$context.responseLatency",
        "integrationError": "$context.integrationErrorMessage",
    }.items() <= log_format.items()
    group_id = props["AccessLogSettings"]["DestinationArn"]["Fn::GetAtt"][0]
    group = template.to_json()["Resources"][group_id]
    assert group["Properties"]["RetentionInDays"] == synth.config.log_retention_days


def test_outputs_are_the_start_chat_url_and_the_api_url(template, synth):
    outputs = template.to_json()["Outputs"]
    api_id, _ = only(template, "AWS::ApiGatewayV2::Api")
    base = ["https://", {"Ref": api_id}, f".execute-api.{synth.config.region}.",
            {"Ref": "AWS::URLSuffix"}]  # fmt: skip
    assert outputs["StartChatUrl"]["Value"] == {"Fn::Join": ["", [*base, "/chat"]]}
    assert outputs["ApiUrl"]["Value"] == {"Fn::Join": ["", [*base, "/"]]}
    assert list(outputs)[:2] == ["StartChatUrl", "ApiUrl"]


def test_lambda_permission_is_scoped_to_this_api_route(template):
    _, permission = only(template, "AWS::Lambda::Permission")
    props = permission["Properties"]
    assert props["Principal"] == "apigateway.amazonaws.com"
    assert props["Action"] == "lambda:InvokeFunction"
    assert json.dumps(props["SourceArn"]).endswith('"/*/*/chat"]]}')


def test_stack_is_in_the_configured_account_region_and_protection(synth):
    manifest = json.loads((synth.outdir / "manifest.json").read_text())
    stack = manifest["artifacts"][f"ChatStarter-{synth.config.name}"]
    c = synth.config
    assert stack["environment"] == f"aws://{c.account}/{c.region}"
    assert stack["properties"].get("terminationProtection", False) is c.termination_protection
