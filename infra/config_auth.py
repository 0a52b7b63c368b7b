"""The optional parts of an environment: who may start chats (`auth`) and what the AWS chat
widget is told it may do (`widget`)."""

from collections.abc import Mapping
from dataclasses import dataclass

from infra import config_keys as keys
from infra.config_reader import EnvironmentReader


@dataclass(frozen=True, kw_only=True)
class JwtAuth:
    issuer: str
    audience: tuple[str, ...]
    claims_to_attributes: Mapping[str, str]


@dataclass(frozen=True, kw_only=True)
class WidgetFeatures:
    markdown: bool
    attachments: bool
    hosting: bool = False
    price_class: str = "PriceClass_100"  # CloudFront's, for the hosted widget


def read_auth(env: EnvironmentReader, allowed_attributes: tuple[str, ...]) -> JwtAuth | None:
    auth = env.section("auth", {})
    if auth.read(keys.AUTH_TYPE) == "none":
        auth.refuse_unknown_keys()
        return None
    issuer, audience = auth.read(keys.AUTH_ISSUER), auth.read(keys.AUTH_AUDIENCE)
    mapping = auth.read(keys.AUTH_CLAIMS)
    for claim, attribute in mapping.items():
        if attribute not in allowed_attributes:
            raise auth.fail(
                keys.AUTH_CLAIMS.leaf,
                f"claim {claim!r} maps onto {attribute!r}, which is not in allowedAttributes",
            )
    auth.refuse_unknown_keys()
    return JwtAuth(issuer=issuer, audience=audience, claims_to_attributes=dict(mapping))


def read_widget(env: EnvironmentReader) -> WidgetFeatures:
    widget = env.section("widget", {})
    features = WidgetFeatures(
        markdown=widget.read(keys.WIDGET_MARKDOWN),
        attachments=widget.read(keys.WIDGET_ATTACHMENTS),
        hosting=widget.read(keys.WIDGET_HOSTING),
        price_class=widget.read(keys.WIDGET_PRICE_CLASS),
    )
    widget.refuse_unknown_keys()
    return features
