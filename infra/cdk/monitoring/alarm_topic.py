"""The topic alarms publish to: encrypted with its own key, TLS only, open to this account's
CloudWatch alarms and nothing else."""

from aws_cdk import ArnFormat, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

CLOUDWATCH = iam.ServicePrincipal("cloudwatch.amazonaws.com")


def alarm_topic(scope: Construct, *, environment: str, emails: tuple[str, ...]) -> sns.Topic:
    """Built in the alarms' own scope, so the topic keeps the logical ID (and its e-mail
    subscriptions their confirmations) it had before it got its own key."""
    stack = Stack.of(scope)
    from_this_accounts_alarms = {
        "StringEquals": {"aws:SourceAccount": stack.account},
        "ArnLike": {
            "aws:SourceArn": stack.format_arn(
                service="cloudwatch",
                resource="alarm",
                resource_name="*",
                arn_format=ArnFormat.COLON_RESOURCE_NAME,
            )
        },
    }
    # Not alias/aws/sns: an AWS-managed key's policy cannot be changed to let CloudWatch
    # use it, and alarms then fail to publish (KMS AccessDenied in the alarm's history).
    key = kms.Key(
        scope,
        "TopicKey",
        description=f"connect-chat-starter {environment} alarm topic",
        enable_key_rotation=True,
    )
    key.add_to_resource_policy(
        iam.PolicyStatement(
            sid="CloudWatchAlarmsPublish",
            principals=[CLOUDWATCH],
            actions=["kms:Decrypt", "kms:GenerateDataKey*"],
            resources=["*"],  # in a key policy, "*" is this key
            conditions=from_this_accounts_alarms,
        )
    )
    topic = sns.Topic(
        scope,
        "Topic",
        display_name=f"connect-chat-starter {environment} alarms",
        master_key=key,
        enforce_ssl=True,
    )
    # A topic policy replaces SNS's default one: without this Allow, the TLS-only Deny
    # would be its only statement and CloudWatch could not publish.
    topic.add_to_resource_policy(
        iam.PolicyStatement(
            sid="CloudWatchAlarmsPublish",
            principals=[CLOUDWATCH],
            actions=["sns:Publish"],
            resources=[topic.topic_arn],
            conditions=from_this_accounts_alarms,
        )
    )
    for email in emails:
        topic.add_subscription(subscriptions.EmailSubscription(email))
    return topic
