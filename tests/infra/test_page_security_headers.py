"""The hosted page's Content-Security-Policy and framing, in every environment's template: the
policy infra/widget_hosting_headers.py writes for that environment (the local CDN stand-in
serves the same one with its own origins), scripts and styles from the page's own origin,
connections only to the API and the region's Connect endpoints, never framed."""

import pytest
from aws_cdk.assertions import Template

from infra.widget_hosting_headers import FRAME_OPTIONS, aws_origins, page_csp
from tests.infra.test_function import only


@pytest.fixture
def security_headers(synth) -> dict:
    if not synth.config.widget.hosting:
        pytest.skip(f"{synth.config.name} does not host the widget")
    _, policy = only(Template.from_json(synth.template), "AWS::CloudFront::ResponseHeadersPolicy")
    return policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in policy.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


def test_the_page_policy_is_the_environments_from_the_one_source(synth, security_headers):
    config = synth.config
    expected = page_csp(
        aws_origins(
            region=config.region,
            attachments=config.widget.attachments,
            bot_check=config.bot_check.provider if config.bot_check else None,
        )
    )
    csp = security_headers["ContentSecurityPolicy"]
    assert csp == {"ContentSecurityPolicy": expected, "Override": True}
    assert security_headers["FrameOptions"] == {"FrameOption": FRAME_OPTIONS, "Override": True}


def test_the_page_runs_only_its_own_code_and_talks_only_to_chat_services(synth, security_headers):
    policy = directives(security_headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    region = synth.config.region
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert not any(
        "unsafe" in value or value == "*" for values in policy.values() for value in values
    )
    assert set(policy["connect-src"]) >= {
        "'self'",
        f"https://*.execute-api.{region}.amazonaws.com",
        f"https://participant.connect.{region}.amazonaws.com",
        f"wss://*.transport.connect.{region}.amazonaws.com",
    }
    attachments = f"https://*.s3.{region}.amazonaws.com"
    assert (attachments in policy["connect-src"]) == synth.config.widget.attachments
    if synth.config.bot_check:
        assert len(policy["script-src"]) > 1
        assert policy["frame-src"] == policy["script-src"][1:]
    else:
        assert policy["script-src"] == ["'self'"]
        assert policy["frame-src"] == ["'none'"]
