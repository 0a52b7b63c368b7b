"""cdk-nag (AwsSolutions, run by the synth itself) and cfn-lint on every synthesized template."""

import json
import subprocess
import sys
from pathlib import Path

import pytest


def test_cdk_nag_reports_no_unacknowledged_findings(synth):
    report = json.loads((synth.outdir / "validation-report.json").read_text())
    assert report["pluginReports"] == [], json.dumps(report, indent=2)[:4000]


def expected_acknowledgements(config) -> set[tuple[str, str]]:
    """(resource type, rule) pairs that may be acknowledged, and must be, for this config."""
    instance = f"arn:aws:connect:{config.region}:{config.account}:instance/{config.instance_id}"
    # a resumed chat's source contact: any contact of this one instance, nothing wider
    expected = {
        ("AWS::IAM::Role", f"AwsSolutions-IAM5[Resource::{instance}/contact/*]"),
        # the hashing key: a rotation would reset counts and break retries in flight
        ("AWS::SecretsManager::Secret", "AwsSolutions-SMG4"),
    }
    if config.auth is None:  # public routes by design; a JWT authorizer satisfies APIG4
        expected.add(("AWS::ApiGatewayV2::Route", "AwsSolutions-APIG4"))
    if config.tracing:  # X-Ray actions have no resource-level permissions
        expected.add(("AWS::IAM::Policy", "AwsSolutions-IAM5[Resource::*]"))
    if config.client_limit:  # expiring counters
        expected.add(("AWS::DynamoDB::Table", "AwsSolutions-DDB3"))
    if config.widget.hosting:  # public static files on CloudFront; CDK's deployment handler
        expected.add(("AWS::S3::Bucket", "AwsSolutions-S1"))
        expected |= {
            ("AWS::CloudFront::Distribution", f"AwsSolutions-CFR{n}") for n in (1, 2, 3, 4)
        }
        expected |= {
            ("AWS::Lambda::Function", "AwsSolutions-L1"),
            (
                "AWS::IAM::Role",
                "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
            ),
        }
        assets = f"cdk-hnb659fds-assets-{config.account}-{config.region}"
        grants = [
            "Action::s3:GetBucket*",
            "Action::s3:GetObject*",
            "Action::s3:List*",
            "Action::s3:Abort*",
            "Action::s3:DeleteObject*",
            f"Resource::arn:aws:s3:::{assets}/*",
        ]
        expected |= {("AWS::IAM::Policy", f"AwsSolutions-IAM5[{grant}]") for grant in grants}
        expected.add(
            ("AWS::IAM::Policy", "AwsSolutions-IAM5[Resource::<WidgetFilesF12BC3CF.Arn>/*]")
        )
    return expected


def test_each_acknowledged_nag_rule_is_expected_scoped_and_has_a_specific_reason(synth):
    acknowledged = [
        (resource["Type"], rule)
        for resource in synth.template["Resources"].values()
        for rule in resource.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", [])
    ]
    assert {(kind, rule["id"]) for kind, rule in acknowledged} == expected_acknowledgements(
        synth.config
    )
    for _, rule in acknowledged:
        assert len(rule["reason"]) >= 40, f"{rule['id']} needs a specific reason"


def test_the_public_routes_acknowledgement_does_not_count_on_cors(synth):
    """Scripts ignore CORS (docs/abuse-protection.md): throttling, concurrency and the abuse
    layers are what bound an anonymous caller."""
    if synth.config.auth is not None:
        pytest.skip(f"{synth.config.name} has no public routes")
    reasons = {
        rule["reason"]
        for resource in synth.template["Resources"].values()
        if resource["Type"] == "AWS::ApiGatewayV2::Route"
        for rule in resource["Metadata"]["cdk_nag"]["rules_to_suppress"]
    }
    [reason] = reasons
    assert "bounded by CORS" not in reason
    assert "CORS stops no script" in reason
    assert "docs/abuse-protection.md" in reason


def test_cfn_lint_finds_no_errors_or_warnings(synth):
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run(
        [str(cfn_lint), "--format", "parseable", *map(str, synth.outdir.glob("*.template.json"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""
