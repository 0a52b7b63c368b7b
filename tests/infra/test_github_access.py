"""ChatStarterGitHubAccess-<env>: trust only the configured repository (its GitHub environment
on main for deploys, its pull requests for diffs), with GitHub's audience; the deploy role
allowed only this region's CDK bootstrap roles, the diff role only this environment's stack
template; the environment's tags; the OIDC provider created or imported; role ARNs as
outputs."""

import json
import re

import pytest
from aws_cdk.assertions import Template
from syrupy.extensions.json import JSONSnapshotExtension

from infra.cdk.github_access_stack import SUBJECT_CLAIM_KEYS, deploy_subject, diff_subject
from infra.config import GitHubAccess
from tests.conftest import REPO_ROOT
from tests.infra.test_snapshot import masked

ISSUER = "token.actions.githubusercontent.com"


@pytest.fixture(scope="module")
def access(synth) -> dict:
    if synth.config.github is None:
        pytest.skip(f"{synth.config.name} is not deployed from GitHub")
    path = synth.outdir / f"ChatStarterGitHubAccess-{synth.config.name}.template.json"
    return json.loads(path.read_text())


def roles(template: dict) -> dict[str, dict]:
    return {
        k.rstrip("0123456789ABCDEF"): v
        for k, v in template["Resources"].items()
        if v["Type"] == "AWS::IAM::Role"
    }


def test_each_role_trusts_exactly_one_subject_with_githubs_audience(access, synth):
    github = synth.config.github
    repo = f"repo:{github.repository}"
    conditions = {
        "DeployRole": {
            "StringEquals": {
                f"{ISSUER}:aud": "sts.amazonaws.com",
                f"{ISSUER}:sub": f"{repo}:environment:{github.environment}:ref:refs/heads/main",
            }
        },
        "DiffRole": {
            "StringEquals": {f"{ISSUER}:aud": "sts.amazonaws.com"},
            "StringLike": {f"{ISSUER}:sub": f"{repo}:pull_request:ref:refs/pull/*/merge"},
        },
    }
    for name, role in roles(access).items():
        [statement] = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
        assert statement["Condition"] == conditions[name]
        federated = statement["Principal"]["Federated"]
        if github.oidc_provider_arn:
            assert federated == github.oidc_provider_arn
        else:
            assert federated == {"Fn::GetAtt": ["GitHubOidcProvider", "Arn"]}


def test_only_a_job_on_main_may_deploy_whichever_environment_it_names(access, synth):
    """dev and staging have no reviewers: a pushed branch naming their environment must not
    get the CDK execution role."""
    [statement] = roles(access)["DeployRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Condition"]["StringEquals"][f"{ISSUER}:sub"].endswith(":ref:refs/heads/main")
    assert "StringLike" not in statement["Condition"]


def statements(role: dict) -> list[dict]:
    [policy] = role["Properties"]["Policies"]
    assert "ManagedPolicyArns" not in role["Properties"]
    return policy["PolicyDocument"]["Statement"]


def test_the_deploy_role_may_only_assume_this_regions_cdk_bootstrap_roles(access, synth):
    c, qualifier = synth.config, synth.config.github.bootstrap_qualifier
    assert statements(roles(access)["DeployRole"]) == [
        {
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Resource": [
                f"arn:aws:iam::{c.account}:role/cdk-{qualifier}-{role}-role-{c.account}-{c.region}"
                for role in ("deploy", "file-publishing", "lookup")
            ],
        }
    ]


def test_the_diff_role_reads_only_this_environments_stack_never_the_lookup_role(access, synth):
    """The lookup role has ReadOnlyAccess: every object, log and item in the account."""
    c, qualifier = synth.config, synth.config.github.bootstrap_qualifier
    assert statements(roles(access)["DiffRole"]) == [
        {
            "Action": ["cloudformation:DescribeStacks", "cloudformation:GetTemplate"],
            "Effect": "Allow",
            "Resource": (
                f"arn:aws:cloudformation:{c.region}:{c.account}:stack/ChatStarter-{c.name}/*"
            ),
        },
        {
            "Action": "ssm:GetParameter",
            "Effect": "Allow",
            "Resource": (
                f"arn:aws:ssm:{c.region}:{c.account}:parameter/cdk-bootstrap/{qualifier}/version"
            ),
        },
    ]


def test_the_access_stack_carries_the_environments_tags(access, synth):
    expected = [{"Key": k, "Value": v} for k, v in sorted(synth.config.tags.items())]
    assert expected
    taggable = [r for r in access["Resources"].values() if r["Type"] != "AWS::CDK::Metadata"]
    for resource in taggable:
        assert resource["Properties"]["Tags"] == expected, resource["Type"]


def test_provider_created_or_imported_and_role_arns_output(access, synth):
    providers = Template.from_json(access).find_resources("AWS::IAM::OIDCProvider")
    if synth.config.github.oidc_provider_arn:
        assert providers == {}
    else:
        [provider] = providers.values()
        provider["Properties"].pop("Tags")  # test_the_access_stack_carries_the_environments_tags
        assert provider["Properties"] == {
            "Url": f"https://{ISSUER}",
            "ClientIdList": ["sts.amazonaws.com"],
        }
    assert set(access["Outputs"]) == {"DeployRoleArn", "DiffRoleArn"}


def test_access_stack_matches_snapshot(access, snapshot):
    assert masked(access) == snapshot.use_extension(JSONSnapshotExtension)


def test_the_only_acknowledgement_is_the_diff_roles_unknown_stack_id(access, synth):
    """The deploy role names each bootstrap role in full: no pattern left to explain away."""
    c = synth.config
    acknowledged = [
        rule["id"]
        for resource in access["Resources"].values()
        for rule in resource.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", [])
    ]
    stack = f"arn:aws:cloudformation:{c.region}:{c.account}:stack/ChatStarter-{c.name}/*"
    assert acknowledged == [f"AwsSolutions-IAM5[Resource::{stack}]"]


def test_the_docs_set_the_subject_template_the_trust_policies_expect():
    """The deploy role's subject names the ref only once the repository's OIDC subject
    template includes it: the documented command and the roles must agree."""
    page = (REPO_ROOT / "docs" / "deploying.md").read_text()
    command = page.split("actions/oidc/customization/sub", 1)[1].split("```", 1)[0]
    keys = tuple(re.findall(r"include_claim_keys\[\]=(\w+)", command))
    assert keys == SUBJECT_CLAIM_KEYS == ("repo", "context", "ref")
    github = GitHubAccess.model_construct(  # placeholders, as the docs show them: unchecked
        repository="<owner/name>",
        environment="<GitHub environment>",
        oidc_provider_arn=None,
        bootstrap_qualifier="q",
    )
    assert f"`{deploy_subject(github)}` only" in page
    assert f"`{diff_subject(github)}` only" in page
