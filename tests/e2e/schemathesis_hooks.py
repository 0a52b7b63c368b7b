"""Schemathesis hooks for the run against the local stack (SCHEMATHESIS_HOOKS names this
module). Each narrows the run only where the schema cannot say what the API does."""

import json
from typing import Any

import schemathesis

from tests.lambda_helpers import LAMBDA_SOURCE  # noqa: F401 - puts the handler's code on sys.path

# isort: split
from routes import ATTRIBUTE_VALUE, DISPLAY_NAME, MESSAGE
from text_rules import TAGS, has_visible_character, utf16_length

# API Gateway answers any method without a route with this 404; it cannot answer 405 (HTTP
# APIs have no method-only routes, and TRACE never reaches a route). README and OpenAPI say so.
API_GATEWAY_NOT_FOUND = {"message": "Not Found"}


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    """A valid case must be valid, where JSON Schema cannot say what valid is: "a character
    that renders" (names or messages of only marks, format, unassigned or default-ignorable
    characters), lengths in UTF-16 code units (`maxLength` counts code points), and no
    Unicode tag characters (astral: a pattern would have to name surrogates)."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return True
    name = (case.body.get("ParticipantDetails") or {}).get("DisplayName")
    message = (case.body.get("InitialMessage") or {}).get("Content")
    attributes = case.body.get("Attributes")
    values = list(attributes.values()) if isinstance(attributes, dict) else []
    limited = [(name, DISPLAY_NAME), (message, MESSAGE), *((v, ATTRIBUTE_VALUE) for v in values)]
    texts = [(text, rule) for text, rule in limited if isinstance(text, str)]
    return all(
        utf16_length(text) <= rule.max_length and not any(ord(c) in TAGS for c in text)
        for text, rule in texts
    ) and all(has_visible_character(text) for text in (name, message) if isinstance(text, str))


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keeps every failure except API Gateway's documented 404 for an unrouted method."""
    if type(failure).__name__ != "UnsupportedMethodResponse" or response.status_code != 404:
        return True
    try:
        return bool(json.loads(response.content) != API_GATEWAY_NOT_FOUND)
    except ValueError:
        return True
