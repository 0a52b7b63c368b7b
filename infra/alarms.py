"""Alarms a platform team is paged by, and the (optional) encrypted, TLS-only topic."""

from dataclasses import dataclass

from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from infra.chat_metrics import PERIOD, connect_throttling, handler_metric
from infra.names import BOT_CHECK_UNAVAILABLE, CLIENT_LIMIT_UNAVAILABLE, UPSTREAM_FAILED

API_5XX_PERCENT = 5
UPSTREAM_FAILURES = 5
CONNECT_THROTTLED = 5


@dataclass(frozen=True)
class AlarmSpec:
    name: str
    metric: cloudwatch.IMetric
    threshold: float
    periods: int  # consecutive 5-minute periods at or above the threshold
    description: str


def alarm_specs(
    *, function: lambda_.Function, http_api: apigwv2.HttpApi, p99_ms: int, reserved_concurrency: int
) -> list[AlarmSpec]:
    five_xx_rate = cloudwatch.MathExpression(
        expression="100 * FILL(errors, 0) / MAX([FILL(requests, 0), 1])",
        using_metrics={
            "errors": http_api.metric_server_error(period=PERIOD, statistic="Sum"),
            "requests": http_api.metric_count(period=PERIOD, statistic="Sum"),
        },
        label="5xx %",
        period=PERIOD,
    )
    return [
        AlarmSpec("Api5xxRate", five_xx_rate, API_5XX_PERCENT, 2,
                  f"{API_5XX_PERCENT}%+ of requests answered 5xx for 10 minutes"),
        AlarmSpec("LambdaErrors", function.metric_errors(period=PERIOD, statistic="Sum"), 1, 1,
                  "the function crashed or timed out (the handler never raises)"),
        AlarmSpec("LambdaThrottles", function.metric_throttles(period=PERIOD, statistic="Sum"),
                  1, 1, f"reserved concurrency ({reserved_concurrency}) was reached"),
        AlarmSpec("ConnectThrottling", connect_throttling(), CONNECT_THROTTLED, 1,
                  f"Connect refused {CONNECT_THROTTLED}+ starts in 5 minutes (rate or chat quota)"),
        AlarmSpec("UpstreamFailures", handler_metric(UPSTREAM_FAILED), UPSTREAM_FAILURES, 1,
                  f"{UPSTREAM_FAILURES}+ StartChatContact calls failed in 5 minutes"),
        AlarmSpec("P99Latency", http_api.metric_latency(period=PERIOD, statistic="p99"), p99_ms, 2,
                  f"p99 latency at or above {p99_ms} ms for 10 minutes"),
    ]  # fmt: skip


def abuse_layer_specs(*, client_limit: bool, bot_check: bool) -> list[AlarmSpec]:
    """A failing limit store lets starts through unchecked; a failing bot check refuses them."""
    specs = []
    if client_limit:
        limit_store = "the per-client limit's table failed or was slow: starts went unchecked"
        specs.append(AlarmSpec("ClientLimitUnavailable", handler_metric(CLIENT_LIMIT_UNAVAILABLE),
                               1, 1, limit_store))  # fmt: skip
    if bot_check:
        provider = "the bot-check provider failed or was slow: starts were refused"
        specs.append(AlarmSpec("BotCheckUnavailable", handler_metric(BOT_CHECK_UNAVAILABLE),
                               1, 1, provider))  # fmt: skip
    return specs


class ChatAlarms(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, environment: str,
        function: lambda_.Function, http_api: apigwv2.HttpApi, p99_latency_alarm_ms: int,
        reserved_concurrency: int, alarm_emails: tuple[str, ...], client_limit: bool,
        bot_check: bool,
    ) -> None:  # fmt: skip
        super().__init__(scope, construct_id)
        self.topic = self._topic(environment, alarm_emails) if alarm_emails else None
        self.alarms: list[cloudwatch.Alarm] = []
        specs = alarm_specs(function=function, http_api=http_api, p99_ms=p99_latency_alarm_ms,
                            reserved_concurrency=reserved_concurrency)  # fmt: skip
        specs += abuse_layer_specs(client_limit=client_limit, bot_check=bot_check)
        for spec in specs:
            alarm = cloudwatch.Alarm(
                self, spec.name, metric=spec.metric, threshold=spec.threshold,
                evaluation_periods=spec.periods, datapoints_to_alarm=spec.periods,
                alarm_description=f"{environment}: {spec.description}",
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            )  # fmt: skip
            if self.topic:
                alarm.add_alarm_action(actions.SnsAction(self.topic))
                alarm.add_ok_action(actions.SnsAction(self.topic))
            self.alarms.append(alarm)

    def _topic(self, environment: str, emails: tuple[str, ...]) -> sns.Topic:
        topic = sns.Topic(
            self,
            "Topic",
            display_name=f"connect-chat-starter {environment} alarms",
            master_key=kms.Alias.from_alias_name(self, "SnsKey", "alias/aws/sns"),
            enforce_ssl=True,
        )
        for email in emails:
            topic.add_subscription(subscriptions.EmailSubscription(email))
        return topic
