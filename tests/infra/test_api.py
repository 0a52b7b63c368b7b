"""Fine-grained checks of the HTTP API: route, integration, CORS, stage, access logs, outputs."""

import json

import pytest
from aws_cdk.assertions import Template

from tests.infra.test_function import only


@pytest.fixture(scope="module")
def template(synth) -> Template:
    return Template.from_json(synth.template)


def test_chat_and_widget_routes_share_one_payload_2_integration(template, synth):
    routes = template.find_resources("AWS::ApiGatewayV2::Route")
    assert sorted(r["Properties"]["RouteKey"] for r in routes.values()) == [
        "POST /chat",
        "POST /widget",
    ]
    integration_id, integration = only(template, "AWS::ApiGatewayV2::Integration")
    for route in routes.values():
        assert route["Properties"]["Target"]["Fn::Join"][1][1] == {"Ref": integration_id}
    function_id, _ = only(template, "AWS::Lambda::Function")
    props = integration["Properties"]
    assert props["IntegrationType"] == "AWS_PROXY"
    assert props["PayloadFormatVersion"] == "2.0"
    if synth.config.snap_start:  # the alias of the published version, where SnapStart works
        alias_id, _ = only(template, "AWS::Lambda::Alias")
        assert props["IntegrationUri"] == {"Ref": alias_id}
    else:
        assert props["IntegrationUri"] == {"Fn::GetAtt": [function_id, "Arn"]}


def test_routes_are_public_or_behind_the_jwt_authorizer_as_configured(template, synth):
    routes = template.find_resources("AWS::ApiGatewayV2::Route").values()
    auth = synth.config.auth
    if auth is None:
        template.resource_count_is("AWS::ApiGatewayV2::Authorizer", 0)
        assert all(r["Properties"].get("AuthorizationType", "NONE") == "NONE" for r in routes)
        return
    authorizer_id, authorizer = only(template, "AWS::ApiGatewayV2::Authorizer")
    assert authorizer["Properties"]["AuthorizerType"] == "JWT"
    assert authorizer["Properties"]["IdentitySource"] == ["$request.header.Authorization"]
    assert authorizer["Properties"]["JwtConfiguration"] == {
        "Issuer": auth.issuer,
        "Audience": list(auth.audience),
    }
    for route in routes:
        assert route["Properties"]["AuthorizationType"] == "JWT"
        assert route["Properties"]["AuthorizerId"] == {"Ref": authorizer_id}


def test_cors_allows_only_configured_origins(template, synth):
    _, api = only(template, "AWS::ApiGatewayV2::Api")
    assert api["Properties"]["ProtocolType"] == "HTTP"
    auth_header = ["Authorization"] if synth.config.auth else []
    auth_header += ["X-Bot-Token"] if synth.config.bot_check else []
    hosted = []  # with widget.hosting, the chat page's own origin (the distribution's)
    if synth.config.widget.hosting:
        distribution_id = only(template, "AWS::CloudFront::Distribution")[0]
        hosted = [{"Fn::Join": ["", ["https://", {"Fn::GetAtt": [distribution_id, "DomainName"]}]]}]
    assert api["Properties"]["CorsConfiguration"] == {
        "AllowHeaders": ["Content-Type", "Idempotency-Key", *auth_header],
        "AllowMethods": ["POST", "OPTIONS"],
        "AllowOrigins": [*synth.config.allowed_origins, *hosted],
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
    base = [
        "https://",
        {"Ref": api_id},
        f".execute-api.{synth.config.region}.",
        {"Ref": "AWS::URLSuffix"},
    ]
    assert outputs["StartChatUrl"]["Value"] == {"Fn::Join": ["", [*base, "/chat"]]}
    assert outputs["WidgetStartChatUrl"]["Value"] == {"Fn::Join": ["", [*base, "/widget"]]}
    assert outputs["ApiUrl"]["Value"] == {"Fn::Join": ["", [*base, "/"]]}
    widget = ["WidgetSnippet", "WidgetSnippetPinned", "WidgetScriptUrl", "ChatPageUrl"]
    expected = ["StartChatUrl", "WidgetStartChatUrl", "ApiUrl"]
    assert list(outputs) == expected + (widget if synth.config.widget.hosting else [])


def test_lambda_permissions_are_scoped_to_this_apis_two_routes(template, synth):
    permissions = template.find_resources("AWS::Lambda::Permission").values()
    invoked = (
        {"Ref": only(template, "AWS::Lambda::Alias")[0]}
        if synth.config.snap_start
        else {"Fn::GetAtt": [only(template, "AWS::Lambda::Function")[0], "Arn"]}
    )
    assert all(p["Properties"]["FunctionName"] == invoked for p in permissions)
    arns = sorted(json.dumps(p["Properties"]["SourceArn"]) for p in permissions)
    assert [arn.endswith('/*/*/chat"]]}') for arn in arns] == [True, False]
    assert arns[1].endswith('/*/*/widget"]]}')
    for permission in permissions:
        assert permission["Properties"]["Principal"] == "apigateway.amazonaws.com"
        assert permission["Properties"]["Action"] == "lambda:InvokeFunction"


def test_stack_is_in_the_configured_account_region_and_protection(synth):
    manifest = json.loads((synth.outdir / "manifest.json").read_text())
    stack = manifest["artifacts"][f"ChatStarter-{synth.config.name}"]
    c = synth.config
    assert stack["environment"] == f"aws://{c.account}/{c.region}"
    assert stack["properties"].get("terminationProtection", False) is c.termination_protection
