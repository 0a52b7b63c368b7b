"""Fine-grained checks of the start-chat function and its role in the synthesized template."""

import json
import re

import pytest
from aws_cdk import aws_lambda
from aws_cdk.assertions import Match, Template


@pytest.fixture(scope="module")
def template(synth) -> Template:
    return Template.from_json(synth.template)


START_CHAT_HANDLER = "handler.handler"


def ours(template: Template, resource_type: str) -> dict[str, dict]:
    """Resources of a type, narrowed to the start-chat function's own where CDK adds others
    of the same type (BucketDeployment's handler, its role and policy, with widget.hosting)."""
    resources = template.find_resources(resource_type)
    functions = template.find_resources("AWS::Lambda::Function")
    ours_ = [
        i for i, f in functions.items() if f["Properties"].get("Handler") == START_CHAT_HANDLER
    ]
    if resource_type == "AWS::Lambda::Function":
        return {i: resources[i] for i in ours_}
    roles = {functions[i]["Properties"]["Role"]["Fn::GetAtt"][0] for i in ours_}
    if resource_type == "AWS::IAM::Role":
        return {i: r for i, r in resources.items() if i in roles}
    if resource_type == "AWS::IAM::Policy":
        refs = [{"Ref": role} for role in roles]
        return {i: p for i, p in resources.items() if p["Properties"]["Roles"] == refs}
    return resources


def only(template: Template, resource_type: str) -> tuple[str, dict]:
    resources = ours(template, resource_type)
    assert len(resources) == 1, f"expected one {resource_type}, found {list(resources)}"
    return next(iter(resources.items()))


def newest_python_runtime() -> str:
    versions = [
        tuple(map(int, m.groups()))
        for name in dir(aws_lambda.Runtime)
        if (m := re.fullmatch(r"PYTHON_(\d+)_(\d+)", name))
    ]
    major, minor = max(versions)
    return f"python{major}.{minor}"


def test_function_runtime_architecture_and_sizing(template, synth):
    _, function = only(template, "AWS::Lambda::Function")
    props = function["Properties"]
    assert props["Runtime"] == newest_python_runtime() == "python3.14"
    assert props["Architectures"] == ["arm64"]
    assert props["Handler"] == "handler.handler"
    assert props["MemorySize"] == synth.config.memory_mib
    assert props["ReservedConcurrentExecutions"] == synth.config.reserved_concurrency
    assert 5 <= props["Timeout"] < 30, "must fit inside API Gateway's 30 s integration limit"


def test_function_environment_comes_from_config(template, synth):
    _, function = only(template, "AWS::Lambda::Function")
    config = synth.config
    variables = dict(function["Properties"]["Environment"]["Variables"])
    # names of the resources the stack creates: the hashing key always, the limit's table
    assert variables.pop("HASH_KEY_SECRET") == {
        "Ref": only(template, "AWS::SecretsManager::Secret")[0]
    }
    if config.client_limit:
        assert variables.pop("CLIENT_LIMIT_TABLE") == {
            "Ref": only(template, "AWS::DynamoDB::Table")[0]
        }
        assert variables.pop("CLIENT_LIMIT_STARTS") == str(config.client_limit.starts)
        assert variables.pop("CLIENT_LIMIT_WINDOW_SECONDS") == str(
            config.client_limit.window_seconds
        )
    if config.bot_check:
        assert variables.pop("BOT_CHECK_PROVIDER") == config.bot_check.provider
        assert variables.pop("BOT_CHECK_SECRET_PARAMETER") == config.bot_check.secret_parameter
    if config.widget.hosting:  # the distribution's origin, known at deploy time
        origins = variables.pop("ALLOWED_ORIGINS")["Fn::Join"][1]
        assert origins[0] == ",".join(config.allowed_origins) + ",https://"
        variables["ALLOWED_ORIGINS"] = ",".join(config.allowed_origins)
    assert variables == {
        "INSTANCE_ID": config.instance_id,
        "CONTACT_FLOW_ID": config.contact_flow_id,
        "ALLOWED_ATTRIBUTES": ",".join(config.allowed_attributes),
        "MAX_CHAT_DURATION_MINUTES": str(config.max_chat_duration_minutes),
        "ALLOWED_ORIGINS": ",".join(config.allowed_origins),
        "AWS_DATA_PATH": "/var/task/botocore_data",
        "SERVICE_NAME": f"connect-chat-starter-{config.name}",
        "METRICS_NAMESPACE": "ConnectChatStarter",
        "CLAIM_ATTRIBUTES": json.dumps(
            dict(config.auth.claims_to_attributes) if config.auth else {}
        ),
        "FEATURE_PERMISSIONS": json.dumps(
            {"ATTACHMENTS": config.widget.attachments, "MESSAGING_MARKDOWN": config.widget.markdown}
        ),
    }


def test_function_logs_to_its_own_group_with_retention(template, synth):
    _, function = only(template, "AWS::Lambda::Function")
    group_id = function["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
    group = template.to_json()["Resources"][group_id]
    assert group["Type"] == "AWS::Logs::LogGroup"
    assert group["Properties"]["RetentionInDays"] == synth.config.log_retention_days


def test_the_runtime_writes_the_handlers_log_records_as_json(template):
    """lambda/start_chat/telemetry.py logs through stdlib logging: the runtime's JSON format
    makes its `extra` keys the line's keys; INFO, its one line per request, is kept."""
    _, function = only(template, "AWS::Lambda::Function")
    logging_config = dict(function["Properties"]["LoggingConfig"])
    logging_config.pop("LogGroup")
    assert logging_config == {"LogFormat": "JSON", "ApplicationLogLevel": "INFO"}


def test_role_allows_exactly_start_chat_on_the_flow_and_own_logs(template, synth):
    _, function = only(template, "AWS::Lambda::Function")
    group_id = function["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
    role_id, role = only(template, "AWS::IAM::Role")
    assert function["Properties"]["Role"] == {"Fn::GetAtt": [role_id, "Arn"]}
    c = synth.config
    instance_arn = f"arn:aws:connect:{c.region}:{c.account}:instance/{c.instance_id}"
    flow_arn = f"{instance_arn}/contact-flow/{c.contact_flow_id}"
    # the source contact of a resumed chat: StartChatContact's optional `contact` resource
    contacts_arn = f"{instance_arn}/contact/*"
    assert role["Properties"]["Policies"] == [
        {
            "PolicyName": "StartChat",
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Action": "connect:StartChatContact",
                        "Effect": "Allow",
                        "Resource": [flow_arn, contacts_arn],
                    },
                    {
                        "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                        "Effect": "Allow",
                        "Resource": {"Fn::GetAtt": [group_id, "Arn"]},
                    },
                ],
            },
        }
    ]
    assert "ManagedPolicyArns" not in role["Properties"]
    if not synth.config.tracing:  # the abuse layers add their own statements, never X-Ray's
        for policy in template.find_resources("AWS::IAM::Policy").values():
            assert "xray" not in json.dumps(policy)
        assert "TracingConfig" not in only(template, "AWS::Lambda::Function")[1]["Properties"]
    template.has_resource_properties(
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": Match.object_like(
                {
                    "Statement": [
                        Match.object_like({"Principal": {"Service": "lambda.amazonaws.com"}})
                    ]
                }
            )
        },
    )


def test_tags_from_config_on_every_taggable_resource(template, synth):
    expected = [{"Key": k, "Value": v} for k, v in sorted(synth.config.tags.items())]
    for resource_type in ("AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Logs::LogGroup"):
        for resource in template.find_resources(resource_type).values():
            assert resource["Properties"]["Tags"] == expected


def test_tracing_adds_only_the_two_xray_actions(template, synth):
    if not synth.config.tracing:
        pytest.skip(f"{synth.config.name} does not trace")
    _, function = only(template, "AWS::Lambda::Function")
    assert function["Properties"]["TracingConfig"] == {"Mode": "Active"}
    role_id, _ = only(template, "AWS::IAM::Role")
    _, policy = only(template, "AWS::IAM::Policy")
    assert policy["Properties"]["Roles"] == [{"Ref": role_id}]
    wildcards = [
        statement
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement["Resource"] == "*"
    ]
    assert wildcards == [
        {
            "Action": ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
            "Effect": "Allow",
            "Resource": "*",
        }
    ]


def test_the_bundled_asset_holds_the_trimmed_connect_model(template, synth):
    _, function = only(template, "AWS::Lambda::Function")
    asset_hash = function["Properties"]["Code"]["S3Key"].removesuffix(".zip")
    models = list(
        (synth.outdir / f"asset.{asset_hash}" / "botocore_data" / "connect").rglob("service-2.json")
    )
    assert len(models) == 1
    assert list(json.loads(models[0].read_text())["operations"]) == ["StartChatContact"]


def test_function_waits_for_its_roles_policy_not_for_the_role(template, synth):
    """Lambda refuses to create a traced function whose role cannot yet PutTraceSegments,
    and a function whose grants are not in place fails its first calls: the function must
    depend on the role's DefaultPolicy. The Role entry is redundant (GetAtt; cfn-lint W3005)."""
    _, function = only(template, "AWS::Lambda::Function")
    role_id, _ = only(template, "AWS::IAM::Role")
    policies = {
        logical_id
        for logical_id, policy in template.find_resources("AWS::IAM::Policy").items()
        if policy["Properties"]["Roles"] == [{"Ref": role_id}]
    }
    assert policies, "every environment grants the role its hashing key's secret"
    assert sorted(function.get("DependsOn", [])) == sorted(policies)
    if synth.config.tracing:
        (policy_id,) = policies
        statements = template.to_json()["Resources"][policy_id]["Properties"]["PolicyDocument"]
        assert "xray:PutTraceSegments" in json.dumps(statements)
