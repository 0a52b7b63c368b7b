"""The per-client limit's state: one DynamoDB table of counters (on-demand, expiring by TTL,
AWS-owned encryption), keyed by client ids hashed with the deployment's key
(infra/cdk/hash_key.py; never the raw IP). The function may update items of that table, nothing
else."""

from aws_cdk import Acknowledgment, RemovalPolicy, Validations
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

EXPIRY_ATTRIBUTE = "expiresAt"


class ClientLimitStore(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, function: lambda_.Function) -> None:
        super().__init__(scope, construct_id)
        self.table = dynamodb.Table(
            self, "Counters",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            time_to_live_attribute=EXPIRY_ATTRIBUTE,
            encryption=dynamodb.TableEncryption.DEFAULT,
            removal_policy=RemovalPolicy.RETAIN,  # as the function's logs
        )  # fmt: skip
        self.table.grant(function, "dynamodb:UpdateItem")
        function.add_environment("CLIENT_LIMIT_TABLE", self.table.table_name)
        Validations.of(self.table).acknowledge(
            Acknowledgment(
                id="AwsSolutions-DDB3",
                reason="counters that expire within the limit's window: a point-in-time "
                "restore of them has no use",
            )
        )
