"""cdk-nag (AwsSolutions, run by the synth itself) and cfn-lint on every synthesized template."""

import json
import subprocess
import sys
from pathlib import Path

EXPECTED_ACKNOWLEDGEMENTS = {"AwsSolutions-APIG4"}


def test_cdk_nag_reports_no_unacknowledged_findings(synth):
    report = json.loads((synth.outdir / "validation-report.json").read_text())
    assert report["pluginReports"] == [], json.dumps(report, indent=2)[:4000]


def test_each_acknowledged_nag_rule_is_in_the_template_with_a_specific_reason(synth):
    acknowledged = {
        resource["Type"]: rule
        for resource in synth.template["Resources"].values()
        for rule in resource.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", [])
    }
    if synth.config.auth is not None:  # the JWT authorizer satisfies APIG4: nothing to excuse
        assert acknowledged == {}
        return
    assert {rule["id"] for rule in acknowledged.values()} == EXPECTED_ACKNOWLEDGEMENTS
    assert set(acknowledged) == {"AWS::ApiGatewayV2::Route"}, "acknowledge on the routes only"
    for rule in acknowledged.values():
        assert len(rule["reason"]) >= 40, f"{rule['id']} needs a specific reason"


def test_cfn_lint_finds_no_errors_or_warnings(synth):
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run(
        [str(cfn_lint), "--format", "parseable", str(synth.template_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""
