"""Who is asking, from what API Gateway vouches for (its JWT authorizer's verified claims, the
connection's source address), and the contact attributes those claims set; a browser may
not send those attributes itself, so they cannot be forged."""

from collections.abc import Mapping
from typing import Any, NamedTuple

from routes import ATTRIBUTE_VALUE

# A claim naming an address the IdP did not verify is only what the user typed at sign-up.
VERIFIED_BY = {"email": "email_verified", "phone_number": "phone_number_verified"}


class ClaimedAttributes(NamedTuple):
    attributes: dict[str, str]  # what the browser sent, plus what the claims set
    forged: list[str]  # attributes the browser sent although a claim sets them
    missing: tuple[str, ...]  # mapped claims absent or unusable (their names are logged)


def caller(subject: str | None, source_ip: str | None) -> str:
    """Who is asking, as far as API Gateway can say: the verified JWT subject, else the
    connection's source address (never a header a client could set)."""
    return f"sub:{subject}" if subject else f"ip:{source_ip or 'unknown'}"


def subject(claims: Mapping[str, Any]) -> str | None:
    """The verified JWT subject of a signed-in caller, else None."""
    value = claims.get("sub")
    return value if isinstance(value, str) and value else None


def verified_claims(request_context: Mapping[str, Any]) -> dict[str, Any]:
    authorizer = request_context.get("authorizer") or {}
    claims = (authorizer.get("jwt") or {}).get("claims") or {}
    return claims if isinstance(claims, dict) else {}


def claimed_attributes(
    claims: Mapping[str, Any], mapping: Mapping[str, str], sent: Mapping[str, str]
) -> ClaimedAttributes:
    forged = sorted(set(mapping.values()) & set(sent))
    attributes, missing = dict(sent), []
    for claim, attribute in mapping.items():
        value = usable_claim(claims, claim)
        if value is None:
            missing.append(claim)
        else:
            attributes[attribute] = value
    return ClaimedAttributes(attributes, forged, tuple(missing))


def usable_claim(claims: Mapping[str, Any], claim: str) -> str | None:
    """The claim as an attribute value, held to the rules a browser's value meets, or None."""
    value = claims.get(claim)
    if not isinstance(value, str | int | float | bool):
        return None
    text = str(value)
    if not text or ATTRIBUTE_VALUE.problem(text):  # an empty claim sets nothing
        return None
    verified_by = VERIFIED_BY.get(claim)
    # API Gateway passes claims as strings ("true"); a token decoded elsewhere has booleans.
    if verified_by and str(claims.get(verified_by)).lower() != "true":
        return None
    return text
