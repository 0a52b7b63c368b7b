"""Contact attributes taken from the verified JWT claims that API Gateway's authorizer passed
on; a browser may not send those attributes itself, so they cannot be forged."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from routes import ATTRIBUTE_VALUE


@dataclass(frozen=True)
class ClaimedAttributes:
    attributes: dict[str, str]  # what the browser sent, plus what the claims set
    forged: list[str]  # attributes the browser sent although a claim sets them
    missing: list[str]  # mapped claims absent or unusable (their names are logged)


def verified_claims(event: dict[str, Any]) -> dict[str, Any]:
    authorizer = event.get("requestContext", {}).get("authorizer") or {}
    claims = (authorizer.get("jwt") or {}).get("claims") or {}
    return claims if isinstance(claims, dict) else {}


def claimed_attributes(
    claims: Mapping[str, Any], mapping: Mapping[str, str], sent: Mapping[str, str]
) -> ClaimedAttributes:
    forged = sorted(set(mapping.values()) & set(sent))
    attributes, missing = dict(sent), []
    for claim, attribute in mapping.items():
        value = claims.get(claim)
        if (
            isinstance(value, str | int | float | bool)
            and 0 < len(str(value)) <= ATTRIBUTE_VALUE.max_length
        ):
            attributes[attribute] = str(value)
        else:
            missing.append(claim)
    return ClaimedAttributes(attributes, forged, missing)
