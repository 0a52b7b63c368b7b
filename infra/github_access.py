"""ChatStarterGitHubAccess-<env>: what GitHub Actions needs to deploy one environment without
stored AWS keys. GitHub's OIDC provider (created, or the account's imported); a deploy role
only a job of one repository's one GitHub environment can assume, itself allowed only to
assume this account's CDK bootstrap roles; a diff role only that repository's pull-request
jobs can assume, allowed only the bootstrap lookup role (what `cdk diff` reads with)."""

from aws_cdk import Acknowledgment, CfnOutput, Environment, Stack, Validations
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.config import EnvironmentConfig, GitHubAccess
from infra.names import github_access_stack_name

ISSUER = "token.actions.githubusercontent.com"
AUDIENCE = "sts.amazonaws.com"


def partition(region: str) -> str:
    return "aws-cn" if region.startswith("cn-") else "aws-us-gov" if "-gov-" in region else "aws"


class GitHubAccessStack(Stack):
    def __init__(self, scope: Construct, *, config: EnvironmentConfig, github: GitHubAccess):
        super().__init__(
            scope,
            github_access_stack_name(config.name),
            env=Environment(account=config.account, region=config.region),
            description=f"connect-chat-starter ({config.name}): GitHub OIDC deploy and diff roles",
        )
        provider_arn = (
            github.oidc_provider_arn
            or iam.CfnOIDCProvider(
                self, "GitHubOidcProvider", url=f"https://{ISSUER}", client_id_list=[AUDIENCE]
            ).attr_arn
        )
        bootstrap = (
            f"arn:{self.partition}:iam::{self.account}:role/cdk-{github.bootstrap_qualifier}"
        )
        deploy = self._role(
            "DeployRole", provider_arn,
            subject=f"repo:{github.repository}:environment:{github.environment}",
            assumes=f"{bootstrap}-*",
            description=f"GitHub {github.repository} ({github.environment}): deploy",
        )  # fmt: skip
        diff = self._role(
            "DiffRole", provider_arn,
            subject=f"repo:{github.repository}:pull_request",
            assumes=f"{bootstrap}-lookup-role-{config.account}-{config.region}",
            description=f"GitHub {github.repository} pull requests: diff",
        )  # fmt: skip
        Validations.of(deploy).acknowledge(
            Acknowledgment(
                id=f"AwsSolutions-IAM5[Resource::{bootstrap}-*]",
                reason="the CDK bootstrap roles (deploy, file and image publishing, lookup) of "
                "this qualifier, named by CDK with account and region; nothing else",
            )
        )
        CfnOutput(self, "DeployRoleArn", value=deploy.role_arn,
                  description="the GitHub environment's variable DEPLOY_ROLE_ARN")  # fmt: skip
        CfnOutput(self, "DiffRoleArn", value=diff.role_arn,
                  description="the repository variable DIFF_ROLE_ARN_<ENV>")  # fmt: skip

    def _role(
        self, construct_id: str, provider_arn: str, *, subject: str, assumes: str, description: str
    ) -> iam.Role:
        principal = iam.WebIdentityPrincipal(
            provider_arn,
            conditions={"StringEquals": {f"{ISSUER}:aud": AUDIENCE, f"{ISSUER}:sub": subject}},
        )
        return iam.Role(
            self, construct_id, assumed_by=principal, description=description,
            inline_policies={"AssumeCdkBootstrapRoles": iam.PolicyDocument(statements=[
                iam.PolicyStatement(actions=["sts:AssumeRole"], resources=[assumes])])},
        )  # fmt: skip
