"""ChatStarterGitHubAccess-<env>: trust only the configured repository (its GitHub environment
for deploys, its pull requests for diffs), with GitHub's audience; allowed only the CDK
bootstrap roles; the OIDC provider created or imported; role ARNs as outputs."""

import json

import pytest
from aws_cdk.assertions import Template
from syrupy.extensions.json import JSONSnapshotExtension

from tests.infra.test_snapshot import masked

ISSUER = "token.actions.githubusercontent.com"


@pytest.fixture(scope="module")
def access(synth) -> dict:
    if synth.config.github is None:
        pytest.skip(f"{synth.config.name} is not deployed from GitHub")
    path = synth.outdir / f"ChatStarterGitHubAccess-{synth.config.name}.template.json"
    return json.loads(path.read_text())


def roles(template: dict) -> dict[str, dict]:
    return {k.rstrip("0123456789ABCDEF"): v for k, v in template["Resources"].items()
            if v["Type"] == "AWS::IAM::Role"}  # fmt: skip


def test_each_role_trusts_exactly_one_subject_with_githubs_audience(access, synth):
    github = synth.config.github
    subjects = {"DeployRole": f"repo:{github.repository}:environment:{github.environment}",
                "DiffRole": f"repo:{github.repository}:pull_request"}  # fmt: skip
    for name, role in roles(access).items():
        [statement] = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
        assert statement["Condition"] == {"StringEquals": {f"{ISSUER}:aud": "sts.amazonaws.com",
                                                           f"{ISSUER}:sub": subjects[name]}}  # fmt: skip
        federated = statement["Principal"]["Federated"]
        if github.oidc_provider_arn:
            assert federated == github.oidc_provider_arn
        else:
            assert federated == {"Fn::GetAtt": ["GitHubOidcProvider", "Arn"]}


def test_roles_may_only_assume_the_cdk_bootstrap_roles(access, synth):
    c, qualifier = synth.config, synth.config.github.bootstrap_qualifier
    base = f"arn:aws:iam::{c.account}:role/cdk-{qualifier}"
    expected = {"DeployRole": f"{base}-*", "DiffRole": f"{base}-lookup-role-{c.account}-{c.region}"}
    for name, role in roles(access).items():
        [policy] = role["Properties"]["Policies"]
        assert policy["PolicyDocument"]["Statement"] == [
            {"Action": "sts:AssumeRole", "Effect": "Allow", "Resource": expected[name]}
        ]
        assert "ManagedPolicyArns" not in role["Properties"]


def test_provider_created_or_imported_and_role_arns_output(access, synth):
    providers = Template.from_json(access).find_resources("AWS::IAM::OIDCProvider")
    if synth.config.github.oidc_provider_arn:
        assert providers == {}
    else:
        [provider] = providers.values()
        assert provider["Properties"] == {"Url": f"https://{ISSUER}", "ClientIdList": ["sts.amazonaws.com"]}  # fmt: skip
    assert set(access["Outputs"]) == {"DeployRoleArn", "DiffRoleArn"}


def test_access_stack_matches_snapshot(access, snapshot):
    assert masked(access) == snapshot.use_extension(JSONSnapshotExtension)
