"""One CloudWatch dashboard per environment: starts, rejections, upstream, latency, concurrency.
Dashboards are global to the account, so its name carries the region too."""

from aws_cdk import Stack
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.cdk.monitoring.chat_metrics import PERIOD, HandlerMetrics
from infra.names import (
    CHAT_REJECTED,
    CHAT_STARTED,
    INTERNAL_ERROR,
    REJECTION_REASONS,
    UPSTREAM_FAILED,
    account_wide_name,
)


class ChatDashboard(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        environment: str,
        function: lambda_.Function,
        http_api: apigwv2.HttpApi,
        alarms: list[cloudwatch.Alarm],
        reserved_concurrency: int,
    ) -> None:
        super().__init__(scope, construct_id)
        metrics = HandlerMetrics(environment)
        outcomes = [
            metrics.metric(n)
            for n in (CHAT_STARTED, CHAT_REJECTED, UPSTREAM_FAILED, INTERNAL_ERROR)
        ]
        rejections = [metrics.metric(f"{CHAT_REJECTED}.{r}", label=r) for r in REJECTION_REASONS]
        latency = [
            http_api.metric_latency(period=PERIOD, statistic=s, label=f"API {s}")
            for s in ("p50", "p99")
        ]
        latency.append(function.metric_duration(period=PERIOD, statistic="p99", label="Lambda p99"))
        concurrency = function.metric("ConcurrentExecutions", period=PERIOD, statistic="Maximum")
        reserved = cloudwatch.HorizontalAnnotation(value=reserved_concurrency, label="reserved")
        name = account_wide_name(environment, Stack.of(self).region)
        self.dashboard = cloudwatch.Dashboard(
            self,
            "Dashboard",
            dashboard_name=name,
            widgets=[
                [cloudwatch.AlarmStatusWidget(title="Alarms", alarms=alarms, width=24)],
                [
                    cloudwatch.GraphWidget(title="Chat starts by outcome", left=outcomes, width=12),
                    cloudwatch.GraphWidget(title="Rejections by reason", left=rejections, width=12),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="Upstream failures by AWS error code",
                        left=[metrics.upstream_failures_by_code()],
                        width=12,
                    ),
                    cloudwatch.GraphWidget(title="Latency (ms)", left=latency, width=12),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="Lambda concurrency",
                        left=[concurrency],
                        left_annotations=[reserved],
                        width=12,
                    )
                ],
            ],
        )
