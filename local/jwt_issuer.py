"""A local stand-in for an OIDC issuer: one RS256 key (kept in .local/, outside git), a JWKS,
short-lived test tokens, and verification as API Gateway's JWT authorizer does it."""

import time
import uuid
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from infra.config import JwtAuth

KEY_FILE = Path(__file__).resolve().parent.parent / ".local" / "jwt-signing-key.pem"
KEY_ID = "connect-chat-starter-local"


def signing_key(path: Path = KEY_FILE) -> rsa.RSAPrivateKey:
    """The local key, created on first use, so tokens survive a restart of the stack."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.write_bytes(pem)
        path.chmod(0o600)
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    assert isinstance(loaded, rsa.RSAPrivateKey)
    return loaded


def jwks(key: rsa.RSAPrivateKey) -> dict[str, Any]:
    public = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {"keys": [{**public, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}


def mint_token(
    auth: JwtAuth,
    *,
    subject: str = "local-user",
    email: str = "ada@example.com",
    ttl_seconds: int = 900,
    key: rsa.RSAPrivateKey | None = None,
) -> str:
    now = int(time.time())
    claims = {
        "iss": auth.issuer,
        "aud": auth.audience[0],
        "sub": subject,
        "email": email,
        "email_verified": True,
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": str(uuid.uuid4()),
    }
    return jwt.encode(claims, key or signing_key(), algorithm="RS256", headers={"kid": KEY_ID})


class JwtVerifier:
    """Checks key ID and signature (local JWKS), issuer, audience and expiry as API Gateway's
    JWT authorizer does; returns the claims in the form it passes them on
    (requestContext.authorizer.jwt.claims: strings). Audience: `aud`, or, only where a token
    has none (a Cognito access token), `client_id`."""

    def __init__(self, auth: JwtAuth, key: rsa.RSAPrivateKey | None = None) -> None:
        self.auth = auth
        self._public_key = (key or signing_key()).public_key()

    def claims(self, authorization: str | None) -> dict[str, str] | None:
        token = (authorization or "").removeprefix("Bearer ").strip()
        if not token or not token.isascii():  # a header of other bytes: 401, as API Gateway
            return None
        try:
            if jwt.get_unverified_header(token).get("kid") != KEY_ID:  # not in the JWKS
                return None
            claims = jwt.decode(
                token,
                self._public_key,
                algorithms=["RS256"],
                issuer=self.auth.issuer,
                options={"require": ["exp", "iss"], "verify_aud": False},
            )
        except (jwt.PyJWTError, ValueError):
            return None
        if not self._audience_matches(claims):
            return None
        return {name: str(value) for name, value in claims.items()}

    def _audience_matches(self, claims: dict[str, Any]) -> bool:
        if "aud" in claims:
            audience = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
            return bool(set(map(str, audience)) & set(self.auth.audience))
        return claims.get("client_id") in self.auth.audience
