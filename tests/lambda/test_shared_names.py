"""Names on both sides of the deploy boundary: the handler (deployed as-is, cannot import
infra/) keeps copies of what the stack's dashboard, alarms and routes use; these must match."""

import botocore.session
import pytest

import metric_names
import problems
import routes
from infra import names
from infra.api_shape import BOT_TOKEN_HEADER, ROUTE_KEYS

REJECTIONS = [
    problems.invalid([]),
    problems.bad_body("x"),
    problems.unsupported_media_type(),
    problems.too_large(1),
    problems.origin_not_allowed(),
    problems.not_resumable(),
    problems.continuation_refused(),
    problems.too_many_chats(1),
    problems.bot_check_failed(),
    problems.value_refused(),
]


def test_metric_names_match():
    for name in (
        "CHAT_STARTED",
        "CHAT_REJECTED",
        "UPSTREAM_FAILED",
        "INTERNAL_ERROR",
        "CLIENT_LIMIT_UNAVAILABLE",
        "BOT_CHECK_UNAVAILABLE",
    ):
        assert getattr(metric_names, name) == getattr(names, name), name


def test_rejection_reasons_match_and_cover_every_rejection():
    assert problems.REJECTION_REASONS == names.REJECTION_REASONS
    assert [p.reason for p in REJECTIONS] == list(names.REJECTION_REASONS)


def test_throttling_codes_with_their_own_metric_are_the_handlers_429s():
    connect_errors = {
        shape.name
        for shape in botocore.session.get_session()
        .get_service_model("connect")
        .operation_model("StartChatContact")
        .error_shapes
    }
    assert set(names.CONNECT_THROTTLING_CODES) <= problems.THROTTLING_CODES
    # the quota error Connect's model declares, and the two throttles AWS's front door sends
    assert connect_errors & problems.THROTTLING_CODES <= set(names.CONNECT_THROTTLING_CODES)


def test_routes_match():
    assert tuple(routes.ROUTES) == ROUTE_KEYS
    assert routes.BOT_TOKEN_HEADER == BOT_TOKEN_HEADER


@pytest.mark.parametrize("env", ["dev", "prod"])
def test_stack_name(env):
    assert names.stack_name(env) == f"ChatStarter-{env}"
