"""The Lambda that calls Connect StartChatContact, with its own role and log group."""

from typing import cast

from aws_cdk import Acknowledgment, Annotations, Duration, Stack, Validations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.cdk.function_dependencies import depend_only_on_its_policy
from infra.cdk.lambda_bundling import python_code
from infra.handler_environment import HANDLER, LAMBDA_SOURCE

# Must exceed the handler's worst case (its botocore timeouts x attempts + backoff, ~11 s)
# and stay below API Gateway's 30 s integration limit, so a slow Connect gets an honest 504.
FUNCTION_TIMEOUT = Duration.seconds(15)


class StartChatFunction(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        environment: dict[str, str],
        instance_id: str,
        contact_flow_id: str,
        memory_mib: int,
        reserved_concurrency: int,
        log_retention_days: int,
        tracing: bool,
        snap_start: bool,
    ) -> None:
        super().__init__(scope, construct_id)
        self.log_group = logs.LogGroup(self, "LogGroup")
        # The L2 takes an enum of named periods; config holds the day count CloudWatch takes.
        cast(
            logs.CfnLogGroup, self.log_group.node.default_child
        ).retention_in_days = log_retention_days
        role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Start Amazon Connect chats on one contact flow; write own logs",
            inline_policies={"StartChat": self._policy(instance_id, contact_flow_id)},
        )
        # On the Role's own resource: its DefaultPolicy holds no such ARN.
        Validations.of(cast(iam.CfnRole, role.node.default_child)).acknowledge(
            Acknowledgment(
                id=f"AwsSolutions-IAM5[Resource::{self._instance_contacts(instance_id)}]",
                reason="StartChatContact's optional `contact` resource: the source contact of "
                "a resumed chat, any contact of this one instance (a contact ID is not known "
                "before the request)",
            )
        )
        self.function = lambda_.Function(
            self,
            "Function",
            description="POST /chat: starts an Amazon Connect chat (StartChatContact)",
            runtime=lambda_.Runtime.PYTHON_3_14,
            architecture=lambda_.Architecture.ARM_64,
            handler=HANDLER,
            code=python_code(LAMBDA_SOURCE),
            role=role,
            log_group=self.log_group,
            timeout=FUNCTION_TIMEOUT,
            memory_size=memory_mib,
            reserved_concurrent_executions=reserved_concurrency,
            environment=environment,
            # The runtime writes the handler's `logging` records as JSON lines, their `extra`
            # keys included (lambda/start_chat/telemetry.py). The platform's own lines (REPORT:
            # Init Duration, the cold start as Lambda saw it) stay at their default, INFO.
            logging_format=lambda_.LoggingFormat.JSON,
            application_log_level_v2=lambda_.ApplicationLogLevel.INFO,
            tracing=lambda_.Tracing.ACTIVE if tracing else None,
            snap_start=lambda_.SnapStartConf.ON_PUBLISHED_VERSIONS if snap_start else None,
        )
        # What the API invokes: with SnapStart, alias `live` of the current published version
        # (SnapStart restores only published versions); otherwise the function ($LATEST).
        self.invocable: lambda_.IFunction = self.function
        if snap_start:
            self.invocable = lambda_.Alias(
                self, "Live", alias_name="live", version=self.function.current_version
            )
            Annotations.of(self.function).acknowledge_warning(
                "@aws-cdk/aws-lambda:snapStartRequirePublish",
                "every deploy publishes current_version, and the API invokes its alias `live`",
            )
        default_policy = role.node.try_find_child("DefaultPolicy")  # only X-Ray's, if tracing
        if default_policy is not None:
            Validations.of(default_policy).acknowledge(
                Acknowledgment(
                    id="AwsSolutions-IAM5[Resource::*]",
                    reason="X-Ray's PutTraceSegments and PutTelemetryRecords do not support "
                    "resource-level permissions; CDK adds exactly these two for active tracing",
                )
            )
        # Lambda refuses to create a traced function whose role cannot yet PutTraceSegments.
        depend_only_on_its_policy(self.function, role)

    def _instance_contacts(self, instance_id: str) -> str:
        """A resumed (persistent) chat names its source contact, StartChatContact's optional
        `contact` resource: without it IAM refuses every resume."""
        return Stack.of(self).format_arn(
            service="connect",
            resource="instance",
            resource_name=f"{instance_id}/contact/*",
        )

    def _policy(self, instance_id: str, contact_flow_id: str) -> iam.PolicyDocument:
        contact_flow_arn = Stack.of(self).format_arn(
            service="connect",
            resource="instance",
            resource_name=f"{instance_id}/contact-flow/{contact_flow_id}",
        )
        return iam.PolicyDocument(
            statements=[
                iam.PolicyStatement(
                    actions=["connect:StartChatContact"],
                    resources=[contact_flow_arn, self._instance_contacts(instance_id)],
                ),
                iam.PolicyStatement(
                    # The log group's Arn attribute ends in ':*', i.e. its streams only.
                    actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                    resources=[self.log_group.log_group_arn],
                ),
            ]
        )
