"""Alarms a platform team is paged by, published to the topic (alarm_topic.py) when the
environment has alarm e-mails."""

from dataclasses import dataclass

from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.cdk.monitoring.alarm_topic import alarm_topic
from infra.cdk.monitoring.chat_metrics import PERIOD, HandlerMetrics
from infra.names import BOT_CHECK_UNAVAILABLE, CLIENT_LIMIT_UNAVAILABLE, UPSTREAM_FAILED

API_5XX_PERCENT = 5
AT_OR_ABOVE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
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
    *,
    metrics: HandlerMetrics,
    function: lambda_.Function,
    http_api: apigwv2.HttpApi,
    p99_ms: int,
    reserved_concurrency: int,
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
        AlarmSpec(
            name="Api5xxRate",
            metric=five_xx_rate,
            threshold=API_5XX_PERCENT,
            periods=2,
            description=f"{API_5XX_PERCENT}%+ of requests answered 5xx for 10 minutes",
        ),
        AlarmSpec(
            name="LambdaErrors",
            metric=function.metric_errors(period=PERIOD, statistic="Sum"),
            threshold=1,
            periods=1,
            description="the function crashed or timed out (the handler never raises)",
        ),
        AlarmSpec(
            name="LambdaThrottles",
            metric=function.metric_throttles(period=PERIOD, statistic="Sum"),
            threshold=1,
            periods=1,
            description=f"reserved concurrency ({reserved_concurrency}) was reached",
        ),
        AlarmSpec(
            name="ConnectThrottling",
            metric=metrics.connect_throttling(),
            threshold=CONNECT_THROTTLED,
            periods=1,
            description=f"Connect refused {CONNECT_THROTTLED}+ starts in 5 minutes "
            "(rate or chat quota)",
        ),
        AlarmSpec(
            name="UpstreamFailures",
            metric=metrics.metric(UPSTREAM_FAILED),
            threshold=UPSTREAM_FAILURES,
            periods=1,
            description=f"{UPSTREAM_FAILURES}+ StartChatContact calls failed in 5 minutes",
        ),
        AlarmSpec(
            name="P99Latency",
            metric=http_api.metric_latency(period=PERIOD, statistic="p99"),
            threshold=p99_ms,
            periods=2,
            description=f"p99 latency at or above {p99_ms} ms for 10 minutes",
        ),
    ]


def abuse_layer_specs(
    *, metrics: HandlerMetrics, client_limit: bool, bot_check: bool
) -> list[AlarmSpec]:
    """A failing limit store lets starts through unchecked; a failing bot check refuses them."""
    specs = []
    if client_limit:
        specs.append(
            AlarmSpec(
                name="ClientLimitUnavailable",
                metric=metrics.metric(CLIENT_LIMIT_UNAVAILABLE),
                threshold=1,
                periods=1,
                description="the per-client limit's table failed or was slow: "
                "starts went unchecked",
            )
        )
    if bot_check:
        specs.append(
            AlarmSpec(
                name="BotCheckUnavailable",
                metric=metrics.metric(BOT_CHECK_UNAVAILABLE),
                threshold=1,
                periods=1,
                description="the bot-check provider failed or was slow: starts were refused",
            )
        )
    return specs


class ChatAlarms(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        environment: str,
        function: lambda_.Function,
        http_api: apigwv2.HttpApi,
        p99_latency_alarm_ms: int,
        reserved_concurrency: int,
        alarm_emails: tuple[str, ...],
        client_limit: bool,
        bot_check: bool,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = (
            alarm_topic(self, environment=environment, emails=alarm_emails)
            if alarm_emails
            else None
        )
        self.alarms: list[cloudwatch.Alarm] = []
        metrics = HandlerMetrics(environment)
        specs = alarm_specs(
            metrics=metrics,
            function=function,
            http_api=http_api,
            p99_ms=p99_latency_alarm_ms,
            reserved_concurrency=reserved_concurrency,
        )
        specs += abuse_layer_specs(metrics=metrics, client_limit=client_limit, bot_check=bot_check)
        for spec in specs:
            alarm = cloudwatch.Alarm(
                self,
                spec.name,
                metric=spec.metric,
                threshold=spec.threshold,
                evaluation_periods=spec.periods,
                datapoints_to_alarm=spec.periods,
                alarm_description=f"{environment}: {spec.description}",
                comparison_operator=AT_OR_ABOVE,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            )
            if self.topic:
                alarm.add_alarm_action(actions.SnsAction(self.topic))
                alarm.add_ok_action(actions.SnsAction(self.topic))
            self.alarms.append(alarm)
