"""The handler's own CloudWatch metrics (EMF, written by Powertools), as CDK metric objects."""

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch

from infra.names import CONNECT_THROTTLING_CODES, METRICS_NAMESPACE, SERVICE_NAME, UPSTREAM_FAILED

PERIOD = Duration.minutes(5)


def handler_metric(name: str, *, label: str | None = None) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace=METRICS_NAMESPACE,
        metric_name=name,
        dimensions_map={"service": SERVICE_NAME},
        statistic="Sum",
        period=PERIOD,
        label=label or name,
    )


def connect_throttling() -> cloudwatch.MathExpression:
    """Calls Connect refused for its API rate or its concurrent-chat quota."""
    parts = {
        f"t{i}": handler_metric(f"{UPSTREAM_FAILED}.{code}")
        for i, code in enumerate(CONNECT_THROTTLING_CODES)
    }
    return cloudwatch.MathExpression(
        expression=" + ".join(f"FILL({name}, 0)" for name in parts),
        using_metrics=parts,
        label="Connect throttled",
        period=PERIOD,
    )


def upstream_failures_by_code() -> cloudwatch.MathExpression:
    return cloudwatch.MathExpression(
        expression=f"SEARCH('{{{METRICS_NAMESPACE},service}} {UPSTREAM_FAILED}', 'Sum', 300)",
        using_metrics={},
        label="",
        period=PERIOD,
    )
