"""The bot check's secret: the function may read that one SSM parameter, nothing else (a
SecureString under the account's aws/ssm key needs no KMS grant of its own)."""

from aws_cdk import Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_


def grant_bot_check_secret(function: lambda_.Function, parameter_name: str) -> None:
    arn = Stack.of(function).format_arn(
        service="ssm", resource="parameter", resource_name=parameter_name.lstrip("/")
    )
    function.add_to_role_policy(iam.PolicyStatement(actions=["ssm:GetParameter"], resources=[arn]))
