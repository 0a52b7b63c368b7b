"""A sign-in token for the smoke test of a JWT environment, minted in the deploy job itself:
a stored token would expire (Cognito's last a day at most) and stop every deploy after it.

The one supported way: an OAuth 2.0 client-credentials grant (RFC 6749 §4.4), e.g. a Cognito
app client with a client secret and a custom scope, whose client ID is in the environment's
`auth.audience`. The job sets SMOKE_TOKEN_URL and SMOKE_CLIENT_ID (variables) and
SMOKE_CLIENT_SECRET (an environment secret); SMOKE_TOKEN_SCOPE is optional."""

import base64
import json
import os
import urllib.parse
import urllib.request
from collections.abc import Mapping

TOKEN_URL, CLIENT_ID, CLIENT_SECRET, SCOPE = (
    "SMOKE_TOKEN_URL",
    "SMOKE_CLIENT_ID",
    "SMOKE_CLIENT_SECRET",
    "SMOKE_TOKEN_SCOPE",
)
TIMEOUT_SECONDS = 10


class SmokeTokenError(Exception):
    pass


def smoke_token(environ: Mapping[str, str] = os.environ) -> str | None:
    """The token, or None when this job mints none (CHAT_TOKEN set, or no token URL)."""
    if environ.get("CHAT_TOKEN") or not environ.get(TOKEN_URL):
        return None
    missing = [name for name in (CLIENT_ID, CLIENT_SECRET) if not environ.get(name)]
    if missing:
        raise SmokeTokenError(f"{TOKEN_URL} is set but {' and '.join(missing)} is not")
    return client_credentials_token(
        environ[TOKEN_URL],
        client_id=environ[CLIENT_ID],
        client_secret=environ[CLIENT_SECRET],
        scope=environ.get(SCOPE) or None,
    )


def client_credentials_token(
    url: str, *, client_id: str, client_secret: str, scope: str | None
) -> str:
    if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
        raise SmokeTokenError(f"{TOKEN_URL} must be an https URL")
    form = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=urllib.parse.urlencode(form).encode(),
        headers={
            "Authorization": f"Basic {basic}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            body = json.loads(response.read())
    except urllib.error.HTTPError as error:
        # The token endpoint's error code (e.g. invalid_client) helps; its body never has
        # the secret, but is not echoed whole either.
        code = _error_code(error.read())
        raise SmokeTokenError(f"the token endpoint answered {error.code} {code}") from None
    except (OSError, ValueError) as error:
        raise SmokeTokenError(f"the token endpoint could not be read: {error}") from None
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        raise SmokeTokenError("the token endpoint's answer has no access_token")
    return token


def _error_code(body: bytes) -> str:
    try:
        code = json.loads(body).get("error", "")
    except (ValueError, AttributeError):
        return ""
    return code if isinstance(code, str) and code.isascii() and len(code) < 64 else ""
