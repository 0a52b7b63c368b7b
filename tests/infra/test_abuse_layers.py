"""The abuse layers in the template: the limit's table (on-demand, TTL, AWS-owned
encryption, retained) and key, the function allowed only UpdateItem on that table, reading
that key and, with a bot check, that one SSM parameter; alarms on either layer failing."""

import pytest
from aws_cdk.assertions import Template

from tests.infra.test_function import only, ours


@pytest.fixture(scope="module")
def template(synth) -> Template:
    return Template.from_json(synth.template)


def statements(template: Template) -> list[dict]:
    found = []
    for policy in ours(template, "AWS::IAM::Policy").values():
        found += policy["Properties"]["PolicyDocument"]["Statement"]
    return found


def test_the_limits_table_and_key(template, synth):
    if not synth.config.client_limit:
        template.resource_count_is("AWS::DynamoDB::Table", 0)
        return
    table_id, table = only(template, "AWS::DynamoDB::Table")
    assert table["DeletionPolicy"] == "Retain"
    props = table["Properties"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expiresAt", "Enabled": True}
    assert props.get("SSESpecification", {"SSEEnabled": False}) == {"SSEEnabled": False}, (
        "AWS-owned key"
    )
    assert props["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]
    granted = statements(template)
    assert {
        "Action": "dynamodb:UpdateItem",
        "Effect": "Allow",
        "Resource": {"Fn::GetAtt": [table_id, "Arn"]},
    } in granted
    dynamodb_actions = {s["Action"] for s in granted if "dynamodb" in str(s["Action"])}
    assert dynamodb_actions == {"dynamodb:UpdateItem"}


def test_every_environment_has_one_hashing_key_the_function_alone_reads(template, synth):
    """It scopes Connect's ClientToken to its caller (and hashes the limit's client ids)."""
    secret_id, secret = only(template, "AWS::SecretsManager::Secret")
    assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] == 64
    reads = [s for s in statements(template) if "secretsmanager" in str(s["Action"])]
    assert reads == [
        {
            "Action": "secretsmanager:GetSecretValue",
            "Effect": "Allow",
            "Resource": {"Ref": secret_id},
        }
    ]
    _, function = only(template, "AWS::Lambda::Function")
    assert function["Properties"]["Environment"]["Variables"]["HASH_KEY_SECRET"] == {
        "Ref": secret_id
    }


def test_the_bot_checks_one_parameter(template, synth):
    granted = [s for s in statements(template) if "ssm" in str(s["Action"])]
    if not synth.config.bot_check:
        assert granted == []
        return
    [statement] = granted
    assert statement["Action"] == "ssm:GetParameter"
    name = synth.config.bot_check.secret_parameter.lstrip("/")
    c = synth.config
    assert statement["Resource"] == f"arn:aws:ssm:{c.region}:{c.account}:parameter/{name}"


def test_a_failing_layer_raises_an_alarm(template, synth):
    alarms = template.find_resources("AWS::CloudWatch::Alarm")
    names = {a["Properties"].get("MetricName") for a in alarms.values()}
    for alarm in alarms.values():  # a labelled metric is written as a one-item Metrics list
        names |= {
            m.get("MetricStat", {}).get("Metric", {}).get("MetricName")
            for m in alarm["Properties"].get("Metrics", [])
        }
    assert ("ClientLimitUnavailable" in names) is (synth.config.client_limit is not None)
    assert ("BotCheckUnavailable" in names) is (synth.config.bot_check is not None)
