"""A function's DependsOn as CloudFormation needs it: CDK lists the Role (redundant beside the
Role GetAtt: cfn-lint W3005) and the role's DefaultPolicy, which must stay, so the function
is created only once its grants are in place (Lambda refuses a traced function whose role
cannot yet PutTraceSegments). This keeps only the policy."""

from typing import cast

import jsii
from aws_cdk import IListProducer, IResolveContext, Lazy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_


@jsii.implements(IListProducer)
class DefaultPolicyOf:
    """The logical ID of a role's DefaultPolicy, read at synthesis: grants made after the
    function was built (the abuse layers') create it late."""

    def __init__(self, role: iam.IRole) -> None:
        self._role = role

    def produce(self, context: IResolveContext) -> list[str] | None:
        policy = self._role.node.try_find_child("DefaultPolicy")
        if policy is None:
            return None
        resource = cast(iam.CfnPolicy, policy.node.find_child("Resource"))
        return [Stack.of(self._role).get_logical_id(resource)]


def depend_only_on_its_policy(function: lambda_.Function, role: iam.IRole) -> None:
    cast(lambda_.CfnFunction, function.node.default_child).add_override(
        "DependsOn", Lazy.uncached_list(DefaultPolicyOf(role))
    )
