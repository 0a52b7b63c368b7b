"""Schemathesis hooks for the run against the local stack (SCHEMATHESIS_HOOKS names this
module). Each narrows the run only where the schema cannot say what the API does."""

import json
from typing import Any

import schemathesis

from tests.lambda_helpers import LAMBDA_SOURCE  # noqa: F401 - puts the handler's code on sys.path
from text_rules import has_visible_character

# API Gateway answers any method without a route with this 404; it cannot answer 405 (HTTP
# APIs have no method-only routes, and TRACE never reaches a route). README and OpenAPI say so.
API_GATEWAY_NOT_FOUND = {"message": "Not Found"}


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    """A valid case must be valid: JSON Schema patterns cannot say "a visible character"
    (letter, number, punctuation, symbol), so names or messages of only marks, format or
    unassigned characters are not offered as valid data."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return True
    texts = [
        (case.body.get("ParticipantDetails") or {}).get("DisplayName"),
        (case.body.get("InitialMessage") or {}).get("Content"),
    ]
    return all(has_visible_character(text) for text in texts if isinstance(text, str))


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keeps every failure except API Gateway's documented 404 for an unrouted method."""
    if type(failure).__name__ != "UnsupportedMethodResponse" or response.status_code != 404:
        return True
    try:
        return bool(json.loads(response.content) != API_GATEWAY_NOT_FOUND)
    except ValueError:
        return True
