"""Contact attributes taken from the verified JWT claims that API Gateway's authorizer passed
on; a browser may not send those attributes itself, so they cannot be forged."""

from typing import Any

from field_reader import FieldReader
from request_fields import ATTRIBUTE_VALUE_MAX
from settings import Settings


def verified_claims(event: dict[str, Any]) -> dict[str, Any]:
    authorizer = event.get("requestContext", {}).get("authorizer") or {}
    claims = (authorizer.get("jwt") or {}).get("claims") or {}
    return claims if isinstance(claims, dict) else {}


def claimed_attributes(
    event: dict[str, Any], settings: Settings, params: dict[str, Any], fields: FieldReader
) -> list[str]:
    """Adds the claim-mapped attributes to `params`; returns the mapped claims that were
    missing (or unusable) so the caller can log their names."""
    mapping = settings.claim_attributes
    if not mapping:
        return []
    sent = params.get("Attributes") or {}
    for attribute in sorted(set(mapping.values()) & set(sent)):
        fields.fail(f"Attributes.{attribute}", "is set from your sign-in and cannot be sent")
    claims, missing = verified_claims(event), []
    attributes = dict(sent)
    for claim, attribute in mapping.items():
        value = claims.get(claim)
        if (
            isinstance(value, str | int | float | bool)
            and 0 < len(str(value)) <= ATTRIBUTE_VALUE_MAX
        ):
            attributes[attribute] = str(value)
        else:
            missing.append(claim)
    if attributes:
        params["Attributes"] = attributes
    return missing
