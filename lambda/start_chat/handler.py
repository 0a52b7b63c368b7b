"""POST /chat, /widget → Connect StartChatContact. Parse, call, answer, log a line; never raise."""

import logging
import time
import traceback
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from botocore.exceptions import BotoCoreError, ClientError

import contract
import problems
from connect_client import create_connect_client
from settings import Settings
from upstream_errors import error_code, problem_for, refuses_resume

# botocore's DEBUG output includes request and response bodies: names, tokens, messages.
logging.getLogger("botocore").setLevel(logging.INFO)
logger = Logger()
metrics = Metrics()
settings = Settings.from_environ()
connect = create_connect_client()


@metrics.log_metrics(capture_cold_start_metric=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    started = time.perf_counter()
    request_id = str(event.get("requestContext", {}).get("requestId", "unknown"))
    log: dict[str, Any] = {"request_id": request_id}
    try:
        response = start_chat(event, log)
    except Exception as error:  # the contract: never raise, never leak internals
        log["error_type"] = type(error).__name__
        # Where it failed, not what: messages and source lines may quote request data.
        log["traceback"] = [
            f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_tb(error.__traceback__)
        ]
        response = problems.internal_error().response(request_id)
        metrics.add_metric(name="InternalError", unit=MetricUnit.Count, value=1)
    log.setdefault("outcome", "internal-error")
    log["status"] = response["statusCode"]
    log["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    logger.info("start chat", extra=log)
    return response


def start_chat(event: dict[str, Any], log: dict[str, Any]) -> dict[str, Any]:
    request_id = log["request_id"]
    log["route"] = "widget" if contract.is_widget_route(event) else "chat"
    try:
        request = contract.parse(event, settings)
    except problems.Problem as problem:
        return rejected(problem, log)
    if request.missing_claims:
        log["missing_claims"] = request.missing_claims  # names only: values are personal data
    try:
        result = connect.start_chat_contact(
            InstanceId=settings.instance_id,
            ContactFlowId=settings.contact_flow_id,
            **request.params,
        )
    except (ClientError, BotoCoreError) as error:
        code = error_code(error)
        log["aws_error_code"] = code
        if request.resuming and refuses_resume(code):  # the browser's stale chat, not a fault
            return rejected(problems.not_resumable(), log)
        log["outcome"] = "upstream-failed"
        metrics.add_metric(name="UpstreamFailed", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name=f"UpstreamFailed.{code}", unit=MetricUnit.Count, value=1)
        return problem_for(error).response(request_id)
    log.update(outcome="started", contact_id=result["ContactId"])
    metrics.add_metric(name="ChatStarted", unit=MetricUnit.Count, value=1)
    return contract.success(result, request, settings)


def rejected(problem: problems.Problem, log: dict[str, Any]) -> dict[str, Any]:
    """The caller's mistake: counted apart from upstream failures, so it never pages anyone."""
    log["outcome"] = f"rejected:{problem.reason}"
    metrics.add_metric(name="ChatRejected", unit=MetricUnit.Count, value=1)
    metrics.add_metric(name=f"ChatRejected.{problem.reason}", unit=MetricUnit.Count, value=1)
    return problem.response(log["request_id"])
