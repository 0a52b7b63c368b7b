"""The optional parts of an environment: who may start chats (`auth`) and what the AWS chat
widget is told it may do (`widget`)."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from infra import config_rules as rules
from infra.config_reader import EnvironmentReader

HTTPS_URL = re.compile(r"^https://[^\s/]+(/[^\s]*)?$")


@dataclass(frozen=True, kw_only=True)
class JwtAuth:
    issuer: str
    audience: tuple[str, ...]
    claims_to_attributes: Mapping[str, str]


@dataclass(frozen=True, kw_only=True)
class WidgetFeatures:
    markdown: bool = True
    attachments: bool = False


def read_auth(env: EnvironmentReader, allowed_attributes: tuple[str, ...]) -> JwtAuth | None:
    auth = env.section("auth", {"type": "none"})
    kind = auth.required(
        "type", lambda v: None if v in ("none", "jwt") else f"{v!r} is not 'none' or 'jwt'"
    )
    if kind == "none":
        auth.refuse_unknown_keys()
        return None
    issuer = auth.required("issuer", rules.matches(HTTPS_URL, "an https:// issuer URL"))
    audience = auth.string_list("audience", _non_empty_text, min_items=1)
    mapping = auth.optional("claimsToAttributes", {}, _claim_mapping(allowed_attributes))
    auth.refuse_unknown_keys()
    return JwtAuth(issuer=issuer, audience=audience, claims_to_attributes=dict(mapping))


def read_widget(env: EnvironmentReader) -> WidgetFeatures:
    widget = env.section("widget", {})
    features = WidgetFeatures(
        markdown=widget.optional("markdown", True, rules.boolean),
        attachments=widget.optional("attachments", False, rules.boolean),
    )
    widget.refuse_unknown_keys()
    return features


def _non_empty_text(value: Any) -> str | None:
    return (
        None if isinstance(value, str) and value.strip() else f"{value!r} is not a non-empty string"
    )


def _claim_mapping(allowed: tuple[str, ...]) -> rules.Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "must be an object of claim name -> contact attribute name"
        for claim, attribute in value.items():
            if not isinstance(claim, str) or not claim:
                return f"claim name {claim!r} is not a non-empty string"
            if attribute not in allowed:
                return f"claim {claim!r} maps onto {attribute!r}, which is not in allowedAttributes"
        if len(set(value.values())) != len(value):
            return "maps two claims onto the same attribute"
        return None

    return check
