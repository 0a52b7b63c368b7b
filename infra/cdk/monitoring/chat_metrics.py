"""The handler's own CloudWatch metrics (EMF, lambda/start_chat/telemetry.py), as CDK
metric objects. Every one carries the environment's `service` dimension, so environments
sharing an account and region never add up in each other's alarms and dashboard."""

from dataclasses import dataclass

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch

from infra.names import (
    CONNECT_THROTTLING_CODES,
    METRICS_NAMESPACE,
    UPSTREAM_FAILED,
    service_name,
)

PERIOD = Duration.minutes(5)


@dataclass(frozen=True)
class HandlerMetrics:
    environment: str

    @property
    def service(self) -> str:
        return service_name(self.environment)

    def metric(self, name: str, *, label: str | None = None) -> cloudwatch.Metric:
        return cloudwatch.Metric(
            namespace=METRICS_NAMESPACE,
            metric_name=name,
            dimensions_map={"service": self.service},
            statistic="Sum",
            period=PERIOD,
            label=label or name,
        )

    def connect_throttling(self) -> cloudwatch.MathExpression:
        """Calls Connect refused for its API rate or its concurrent-chat quota."""
        parts = {
            f"t{i}": self.metric(f"{UPSTREAM_FAILED}.{code}")
            for i, code in enumerate(CONNECT_THROTTLING_CODES)
        }
        return cloudwatch.MathExpression(
            expression=" + ".join(f"FILL({name}, 0)" for name in parts),
            using_metrics=parts,
            label="Connect throttled",
            period=PERIOD,
        )

    def upstream_failures_by_code(self) -> cloudwatch.MathExpression:
        search = f'{{{METRICS_NAMESPACE},service}} service="{self.service}" {UPSTREAM_FAILED}'
        return cloudwatch.MathExpression(
            expression=f"SEARCH('{search}', 'Sum', 300)",
            using_metrics={},
            label="",
            period=PERIOD,
        )
