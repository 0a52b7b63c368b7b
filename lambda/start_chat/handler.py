"""POST /chat, /widget → Connect StartChatContact. Parse, call, answer, log a line; never raise."""

# ruff: noqa: E402 - the collector is paused before the imports below, which are the init
import gc

# Everything init allocates lives on, so collections during it find nothing to free and only
# cost time: paused until the last init step below, which freezes what init built, so that no
# later collection traverses it, and turns the collector on again (docs/performance.md).
gc.disable()

import logging
import time
import traceback
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

import continuation
import contract
import problems
import snapshot_hooks  # noqa: F401 - registers the SnapStart restore hooks
from abuse_layers import AbuseLayers
from aws_clients import create_connect_client
from hash_key import HashKey
from idempotency import scoped, without_client_token
from metric_names import (
    BOT_CHECK_UNAVAILABLE,
    CHAT_REJECTED,
    CHAT_STARTED,
    CLIENT_LIMIT_UNAVAILABLE,
    INTERNAL_ERROR,
    UPSTREAM_FAILED,
)
from settings import Settings
from stored_value import StoreUnavailable
from telemetry import Metrics, RequestLog

# botocore's DEBUG output includes request and response bodies: names, tokens, messages.
logging.getLogger("botocore").setLevel(logging.INFO)
settings = Settings.from_environ()
logger = RequestLog("start_chat", service=settings.service_name)
metrics = Metrics(namespace=settings.metrics_namespace, service=settings.service_name)
connect = create_connect_client()
hash_key = HashKey(settings.hash_key_secret) if settings.hash_key_secret else None
abuse_layers = AbuseLayers.configured(settings, hash_key)
gc.freeze()
gc.enable()


@metrics.flushed_after
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    started = time.perf_counter()
    request_id = contract.request_id(event)
    logger.clear_state()  # keys appended below describe this request only
    logger.append_keys(request_id=request_id, outcome="internal-error")
    try:
        response = start_chat(event, request_id)
    except Exception as error:  # the contract: never raise, never leak internals
        # Where it failed, not what: messages and source lines may quote request data.
        frames = traceback.extract_tb(error.__traceback__)
        logger.append_keys(
            error_type=type(error).__name__,
            traceback=[f"{f.filename}:{f.lineno} {f.name}" for f in frames],
        )
        response = problems.internal_error().response(request_id)
        metrics.count(INTERNAL_ERROR)
    latency_ms = round((time.perf_counter() - started) * 1000, 1)
    logger.info("start chat", status=response["statusCode"], latency_ms=latency_ms)
    return response


def start_chat(event: dict[str, Any], request_id: str) -> dict[str, Any]:
    route = contract.route_of(event)
    logger.append_keys(route=route.name)
    try:
        request = contract.parse(event, route, settings)
    except problems.Problem as problem:
        return rejected(problem, request_id)
    # From here on the request, never the event: contract.parse read all that is needed.
    if request.missing_claims:  # names only: values are personal data
        logger.append_keys(missing_claims=request.missing_claims)
    screening = abuse_layers.screen(request)
    if screening.limit_unavailable:
        logger.append_keys(client_limit="unavailable")
        metrics.count(CLIENT_LIMIT_UNAVAILABLE)
    if screening.bot_check_unavailable:  # a provider fault, not the caller's: not a rejection
        logger.append_keys(outcome="bot-check-unavailable")
        metrics.count(BOT_CHECK_UNAVAILABLE)
        return problems.bot_check_unavailable().response(request_id)
    if screening.problem:
        return rejected(screening.problem, request_id)
    try:
        params = continuation.checked(request.params, subject=request.subject, key=hash_key)
    except continuation.Refused:
        return rejected(problems.continuation_refused(), request_id)
    except StoreUnavailable:  # cannot be checked, so not continued: the page starts afresh
        logger.append_keys(continuation="unavailable")
        return rejected(problems.continuation_refused(), request_id)
    try:
        params = scoped(params, caller=request.caller, key=hash_key)
    except StoreUnavailable:  # availability first: a start without idempotency, said so
        logger.append_keys(idempotency="unavailable")
        params = without_client_token(params)
    try:
        result = connect.start_chat_contact(
            InstanceId=settings.instance_id,
            ContactFlowId=settings.contact_flow_id,
            **params,
        )
    except (ClientError, BotoCoreError) as error:
        code = problems.error_code(error)
        logger.append_keys(aws_error_code=code)
        if request.resuming and code in problems.RESUME_REFUSED:  # a stale chat, not a fault
            return rejected(problems.not_resumable(), request_id)
        if code in problems.VALUE_REFUSED:  # past a limit Connect did not document
            return rejected(problems.value_refused(), request_id)
        logger.append_keys(outcome="upstream-failed")
        metrics.count(UPSTREAM_FAILED)
        metrics.count(f"{UPSTREAM_FAILED}.{code}")
        return problems.upstream_failed(error).response(request_id)
    logger.append_keys(outcome="started", contact_id=result["ContactId"])
    metrics.count(CHAT_STARTED)
    token = continuation_token_for(result["ContactId"], request.subject)
    return contract.success(result, request, settings, continuation_token=token)


def continuation_token_for(contact_id: str, signed_in: str | None) -> str | None:
    """What lets this caller, and only them, continue the chat later; None (said in the
    log) when the key cannot be read: the chat starts, it just cannot be continued."""
    if hash_key is None:
        return None
    try:
        key = hash_key()
    except StoreUnavailable:
        logger.append_keys(continuation="unavailable")
        return None
    return continuation.continuation_token(key, contact_id=contact_id, subject=signed_in)


def rejected(problem: problems.Problem, request_id: str) -> dict[str, Any]:
    """The caller's mistake: counted apart from upstream failures, so it never pages anyone."""
    logger.append_keys(outcome=f"rejected:{problem.reason}")
    metrics.count(CHAT_REJECTED)
    metrics.count(f"{CHAT_REJECTED}.{problem.reason}")
    return problem.response(request_id)
