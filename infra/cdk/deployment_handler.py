"""CDK's BucketDeployment handler fitted to this stack. CDK adds one singleton function per
stack and memory size and chooses its role, runtime and layer; here it gets one AWS CLI
layer however many deployments share it, logs kept and removed like the environment's, the
CDN invalidation on this distribution alone, and the nag findings CDK's choices leave
acknowledged with what is true of them."""

from typing import cast

from aws_cdk import Acknowledgment, CfnResource, CustomResource, RemovalPolicy, Stack, Validations
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy

from infra.cdk.function_dependencies import depend_only_on_its_policy

# The id CDK gives the BucketDeployment handler it adds to the stack.
DEPLOYMENT_HANDLER = "Custom::CDKBucketDeployment"
CLI_LAYER = "AwsCliLayer"  # the id of the layer each BucketDeployment adds for it


def share_one_cli_layer(deployments: list[s3deploy.BucketDeployment]) -> None:
    """Every BucketDeployment adds a 21 MB AWS CLI layer, but the singleton handler, made by
    the first, uses only the first's: the others would be published and never used."""
    for deployment in deployments[1:]:
        deployment.node.try_remove_child(CLI_LAYER)


def invalidate_on_deploy(
    deployment: s3deploy.BucketDeployment, distribution: cloudfront.Distribution, paths: list[str]
) -> None:
    """What BucketDeployment's `distribution=` does, but granted on this distribution: CDK
    grants CreateInvalidation on every distribution in the account."""
    custom = next(c for c in deployment.node.children if isinstance(c, CustomResource))
    properties = cast(CfnResource, custom.node.default_child)
    properties.add_property_override("DistributionId", distribution.distribution_id)
    properties.add_property_override("DistributionPaths", paths)
    distribution.grant(
        deployment.handler_role, "cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"
    )


def fit_handlers(stack: Stack, *, bucket: s3.Bucket, log_retention_days: int) -> None:
    """CDK's log group for the handler keeps logs two years and outlives the stack; here it
    keeps them as long as the environment's other logs and goes with the stack."""
    for handler in stack.node.children:
        if not handler.node.id.startswith(DEPLOYMENT_HANDLER):
            continue
        if not isinstance(handler, lambda_.Function) or handler.role is None:
            continue
        depend_only_on_its_policy(handler, handler.role)
        log_group = cast(logs.LogGroup, handler.node.find_child("LogGroup"))
        cast(logs.CfnLogGroup, log_group.node.default_child).retention_in_days = log_retention_days
        log_group.apply_removal_policy(RemovalPolicy.DESTROY)
        _acknowledge(stack, handler, handler.role, bucket)


def _acknowledge(
    stack: Stack, handler: lambda_.Function, role: iam.IRole, bucket: s3.Bucket
) -> None:
    bucket_id = stack.resolve(stack.get_logical_id(cast(s3.CfnBucket, bucket.node.default_child)))
    asset_bucket = f"cdk-hnb659fds-assets-{stack.account}-{stack.region}"
    granted = [
        "Action::s3:GetBucket*",
        "Action::s3:GetObject*",
        "Action::s3:List*",
        "Action::s3:Abort*",
        "Action::s3:DeleteObject*",
        f"Resource::arn:{stack.partition}:s3:::{asset_bucket}/*",
        f"Resource::<{bucket_id}.Arn>/*",
    ]
    grant_reason = (
        "CDK's grant to its BucketDeployment handler, on two buckets only: read the CDK asset "
        "bucket's objects, write this widget bucket's (any key: each deploy brings its files); "
        "the action wildcards are CDK's grantRead and grantReadWrite sets"
    )
    Validations.of(cast(lambda_.CfnFunction, handler.node.default_child)).acknowledge(
        Acknowledgment(
            id="AwsSolutions-L1",
            reason="CDK pins its BucketDeployment handler's runtime to the one its "
            "AWS CLI layer supports; it moves with aws-cdk-lib (Dependabot)",
        )
    )
    Validations.of(cast(iam.CfnRole, role.node.default_child)).acknowledge(
        Acknowledgment(
            id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            "AWSLambdaBasicExecutionRole]",
            reason="CDK's BucketDeployment handler writes its logs with "
            "AWSLambdaBasicExecutionRole; CDK creates and owns that role",
        )
    )
    policy = cast(iam.CfnPolicy, role.node.find_child("DefaultPolicy").node.default_child)
    for grant in granted:
        Validations.of(policy).acknowledge(
            Acknowledgment(id=f"AwsSolutions-IAM5[{grant}]", reason=grant_reason)
        )
