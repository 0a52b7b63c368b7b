"""SnapStart per environment: on published versions only, a version and alias `live` that the
API invokes; the function keeps its reserved concurrency and its alarms."""

import pytest
from aws_cdk.assertions import Template

from tests.infra.test_function import only


@pytest.fixture(scope="module")
def template(synth) -> Template:
    return Template.from_json(synth.template)


def test_snap_start_follows_config(template, synth):
    _, function = only(template, "AWS::Lambda::Function")
    snap = function["Properties"].get("SnapStart")
    if not synth.config.snap_start:
        assert snap is None
        template.resource_count_is("AWS::Lambda::Version", 0)
        template.resource_count_is("AWS::Lambda::Alias", 0)
        return
    assert snap == {"ApplyOn": "PublishedVersions"}
    function_id, _ = only(template, "AWS::Lambda::Function")
    version_id, version = only(template, "AWS::Lambda::Version")
    _, alias = only(template, "AWS::Lambda::Alias")
    assert version["Properties"]["FunctionName"] == {"Ref": function_id}
    assert alias["Properties"]["Name"] == "live"
    assert alias["Properties"]["FunctionName"] == {"Ref": function_id}
    assert alias["Properties"]["FunctionVersion"] == {"Fn::GetAtt": [version_id, "Version"]}


def test_reserved_concurrency_and_alarms_stay_on_the_function(template, synth):
    function_id, function = only(template, "AWS::Lambda::Function")
    assert (
        function["Properties"]["ReservedConcurrentExecutions"] == synth.config.reserved_concurrency
    )
    alarms = template.find_resources("AWS::CloudWatch::Alarm")
    for name in ("LambdaErrors", "LambdaThrottles"):
        alarm = next(a for k, a in alarms.items() if name in k)
        dimensions = alarm["Properties"]["Dimensions"]
        assert dimensions == [{"Name": "FunctionName", "Value": {"Ref": function_id}}]


def test_prod_ships_with_snap_start(synthesized):
    assert synthesized["prod"].config.snap_start is True
    assert synthesized["dev"].config.snap_start is False
