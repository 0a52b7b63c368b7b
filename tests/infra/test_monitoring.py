"""Alarms, the optional topic and the dashboard, per environment."""

import json
import re

import pytest
from aws_cdk.assertions import Template

from tests.infra.test_function import only

ALARMS = {
    "Api5xxRate": (5, 2),
    "LambdaErrors": (1, 1),
    "LambdaThrottles": (1, 1),
    "ConnectThrottling": (5, 1),
    "UpstreamFailures": (5, 1),
    "P99Latency": (None, 2),
}
LAYER_ALARMS = {"ClientLimitUnavailable": (1, 1), "BotCheckUnavailable": (1, 1)}  # when switched on


@pytest.fixture(scope="module")
def template(synth) -> Template:
    return Template.from_json(synth.template)


def alarms_by_name(template: Template) -> dict[str, dict]:
    found = template.find_resources("AWS::CloudWatch::Alarm")
    names = {**ALARMS, **LAYER_ALARMS}
    return {
        next(n for n in names if logical_id.startswith(f"Alarms{n}")): a["Properties"]
        for logical_id, a in found.items()
    }


def test_every_alarm_with_its_threshold_and_periods(template, synth):
    alarms = alarms_by_name(template)
    expected_alarms = dict(ALARMS)
    if synth.config.client_limit:
        expected_alarms["ClientLimitUnavailable"] = LAYER_ALARMS["ClientLimitUnavailable"]
    if synth.config.bot_check:
        expected_alarms["BotCheckUnavailable"] = LAYER_ALARMS["BotCheckUnavailable"]
    assert set(alarms) == set(expected_alarms)
    for name, (threshold, periods) in expected_alarms.items():
        expected = synth.config.p99_latency_alarm_ms if threshold is None else threshold
        assert alarms[name]["Threshold"] == expected, name
        assert alarms[name]["EvaluationPeriods"] == alarms[name]["DatapointsToAlarm"] == periods
        assert alarms[name]["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
        assert alarms[name]["TreatMissingData"] == "notBreaching"
        assert alarms[name]["AlarmDescription"].startswith(f"{synth.config.name}: ")
    assert alarms["P99Latency"]["ExtendedStatistic"] == "p99"
    assert alarms["LambdaThrottles"]["MetricName"] == "Throttles"
    throttled = json.dumps(alarms["ConnectThrottling"]["Metrics"])
    for code in ("ThrottlingException", "TooManyRequestsException", "LimitExceededException"):
        assert f"UpstreamFailed.{code}" in throttled


def test_topic_only_with_alarm_emails_encrypted_tls_only_and_wired(template, synth):
    emails = synth.config.alarm_emails
    alarms = alarms_by_name(template)
    if not emails:
        template.resource_count_is("AWS::SNS::Topic", 0)
        assert all("AlarmActions" not in a for a in alarms.values())
        return
    topic_id, topic = only(template, "AWS::SNS::Topic")
    key_id, key = only(template, "AWS::KMS::Key")
    # A customer-managed key: alias/aws/sns's policy cannot let CloudWatch use it.
    assert topic["Properties"]["KmsMasterKeyId"] == {"Fn::GetAtt": [key_id, "Arn"]}
    assert key["Properties"]["EnableKeyRotation"] is True
    region, account = synth.config.region, synth.config.account
    this_accounts_alarms = {
        "StringEquals": {"aws:SourceAccount": account},
        "ArnLike": {"aws:SourceArn": f"arn:aws:cloudwatch:{region}:{account}:alarm:*"},
    }
    cloudwatch = {"Service": "cloudwatch.amazonaws.com"}
    key_statements = key["Properties"]["KeyPolicy"]["Statement"]
    assert {
        "Sid": "CloudWatchAlarmsPublish",
        "Effect": "Allow",
        "Principal": cloudwatch,
        "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
        "Resource": "*",
        "Condition": this_accounts_alarms,
    } in key_statements
    _, policy = only(template, "AWS::SNS::TopicPolicy")
    deny, allow = policy["Properties"]["PolicyDocument"]["Statement"]
    assert (deny["Effect"], deny["Condition"]) == (
        "Deny",
        {"Bool": {"aws:SecureTransport": "false"}},
    )
    assert allow == {
        "Sid": "CloudWatchAlarmsPublish",
        "Effect": "Allow",
        "Principal": cloudwatch,
        "Action": "sns:Publish",
        "Resource": {"Ref": topic_id},
        "Condition": this_accounts_alarms,
    }
    subscriptions = template.find_resources("AWS::SNS::Subscription").values()
    assert sorted(s["Properties"]["Endpoint"] for s in subscriptions) == sorted(emails)
    for alarm in alarms.values():
        assert alarm["AlarmActions"] == alarm["OKActions"] == [{"Ref": topic_id}]


def test_dashboard_shows_starts_rejections_upstream_latency_concurrency(template):
    _, dashboard = only(template, "AWS::CloudWatch::Dashboard")
    body = json.dumps(dashboard["Properties"]["DashboardBody"])
    for text in (
        "Chat starts by outcome",
        "Rejections by reason",
        "Upstream failures by AWS error code",
        "Latency (ms)",
        "Lambda concurrency",
        "ChatStarted",
        "ConcurrentExecutions",
    ):
        assert text in body, text


def test_the_dashboards_name_carries_the_region_as_dashboards_are_account_wide(template, synth):
    """The same environment in a second region would otherwise overwrite this one."""
    _, dashboard = only(template, "AWS::CloudWatch::Dashboard")
    config = synth.config
    assert dashboard["Properties"]["DashboardName"] == f"ChatStarter-{config.name}-{config.region}"


def _dimensions(alarm: dict) -> list[dict]:
    props = alarm["Properties"]
    found = list(props.get("Dimensions", []))
    for query in props.get("Metrics", []):
        found += query.get("MetricStat", {}).get("Metric", {}).get("Dimensions", [])
    return found


def test_alarms_and_dashboard_read_only_this_environments_metrics(template, synth):
    """dev, limited and botcheck share an account and region: each must see its own."""
    _, function = only(template, "AWS::Lambda::Function")
    service = function["Properties"]["Environment"]["Variables"]["SERVICE_NAME"]
    assert service == f"connect-chat-starter-{synth.config.name}"
    alarm_services = {
        dimension["Value"]
        for alarm in template.find_resources("AWS::CloudWatch::Alarm").values()
        for dimension in _dimensions(alarm)
        if dimension["Name"] == "service"
    }
    assert alarm_services == {service}
    _, dashboard = only(template, "AWS::CloudWatch::Dashboard")
    body = json.dumps(dashboard["Properties"]["DashboardBody"])
    assert "connect-chat-starter" in body
    services_in_body = set(re.findall(r"connect-chat-starter(?:-[a-z0-9]+)?", body))
    assert services_in_body == {service}
    search = f'service=\\"{service}\\" UpstreamFailed'
    assert search in "".join(_strings(dashboard["Properties"]["DashboardBody"])), (
        "the SEARCH by error code is narrowed to this environment"
    )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []
