"""ChatStarterGitHubAccess-<env>: what GitHub Actions needs to deploy one environment without
stored AWS keys. GitHub's OIDC provider (created, or the account's imported); a deploy role
only a job of one repository's one GitHub environment running on `main` can assume, itself
allowed only to assume this account's CDK bootstrap roles for this region; a diff role only
that repository's pull-request jobs can assume, allowed only to read this environment's
stack and template (what `cdk diff --method template` reads; the CLI goes on without the
lookup role, whose ReadOnlyAccess reads every object, log and item in the account)."""

from aws_cdk import Acknowledgment, CfnOutput, Environment, Stack, Tags, Validations
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.config import EnvironmentConfig, GitHubAccess
from infra.names import github_access_stack_name, stack_name

ISSUER = "token.actions.githubusercontent.com"
AUDIENCE = "sts.amazonaws.com"
# The repository's OIDC subject template (set once: docs/deploying.md). With the ref in the
# subject IAM itself refuses a job on any other branch, whatever environment it names.
SUBJECT_CLAIM_KEYS = ("repo", "context", "ref")
DEPLOY_REF = "refs/heads/main"
# What `cdk deploy` assumes: no container assets here, so no image-publishing role.
BOOTSTRAP_ROLES = ("deploy", "file-publishing", "lookup")


def deploy_subject(github: GitHubAccess) -> str:
    return f"repo:{github.repository}:environment:{github.environment}:ref:{DEPLOY_REF}"


def diff_subject(github: GitHubAccess) -> str:
    return f"repo:{github.repository}:pull_request:ref:refs/pull/*/merge"


class GitHubAccessStack(Stack):
    def __init__(self, scope: Construct, *, config: EnvironmentConfig, github: GitHubAccess):
        super().__init__(
            scope,
            github_access_stack_name(config.name),
            env=Environment(account=config.account, region=config.region),
            description=f"connect-chat-starter ({config.name}): GitHub OIDC deploy and diff roles",
        )
        for key, value in config.tags.items():
            Tags.of(self).add(key, value)
        provider_arn = (
            github.oidc_provider_arn
            or iam.CfnOIDCProvider(
                self, "GitHubOidcProvider", url=f"https://{ISSUER}", client_id_list=[AUDIENCE]
            ).attr_arn
        )
        qualifier, account, region = github.bootstrap_qualifier, config.account, config.region
        bootstrap_roles = [
            self._arn("iam", "", f"role/cdk-{qualifier}-{role}-role-{account}-{region}")
            for role in BOOTSTRAP_ROLES
        ]
        deploy = self._role(
            "DeployRole",
            provider_arn,
            subject=deploy_subject(github),
            description=f"GitHub {github.repository} ({github.environment}, main): deploy",
            policy_name="AssumeCdkBootstrapRoles",
            statements=[iam.PolicyStatement(actions=["sts:AssumeRole"], resources=bootstrap_roles)],
        )
        stack = self._arn("cloudformation", region, f"stack/{stack_name(config.name)}/*")
        version = self._arn("ssm", region, f"parameter/cdk-bootstrap/{qualifier}/version")
        diff = self._role(
            "DiffRole",
            provider_arn,
            subject=diff_subject(github),
            description=f"GitHub {github.repository} pull requests: diff {config.name}",
            policy_name="ReadStackTemplate",
            statements=[
                iam.PolicyStatement(
                    actions=["cloudformation:DescribeStacks", "cloudformation:GetTemplate"],
                    resources=[stack],
                ),
                iam.PolicyStatement(actions=["ssm:GetParameter"], resources=[version]),
            ],
        )
        Validations.of(diff).acknowledge(
            Acknowledgment(
                id=f"AwsSolutions-IAM5[Resource::{stack}]",
                reason="the ID CloudFormation appends to the stack's ARN is not known before "
                "the stack exists; the name pins this environment's stack alone",
            )
        )
        CfnOutput(
            self,
            "DeployRoleArn",
            value=deploy.role_arn,
            description="the GitHub environment's variable DEPLOY_ROLE_ARN",
        )
        CfnOutput(
            self,
            "DiffRoleArn",
            value=diff.role_arn,
            description="the repository variable DIFF_ROLE_ARN_<ENV>",
        )

    def _arn(self, service: str, region: str, resource: str) -> str:
        return f"arn:{self.partition}:{service}:{region}:{self.account}:{resource}"

    def _role(
        self,
        construct_id: str,
        provider_arn: str,
        *,
        subject: str,
        description: str,
        policy_name: str,
        statements: list[iam.PolicyStatement],
    ) -> iam.Role:
        match = "StringLike" if "*" in subject else "StringEquals"
        conditions = {"StringEquals": {f"{ISSUER}:aud": AUDIENCE}}
        conditions.setdefault(match, {})[f"{ISSUER}:sub"] = subject
        return iam.Role(
            self,
            construct_id,
            assumed_by=iam.WebIdentityPrincipal(provider_arn, conditions=conditions),
            description=description,
            inline_policies={policy_name: iam.PolicyDocument(statements=statements)},
        )
