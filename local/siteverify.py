"""A siteverify stand-in with Turnstile's shape and test secret, but a real provider's rules,
so the handler's checks are exercised offline: a token says where its challenge was solved
(`hostname`, which the handler compares with the allowed origins) and is good once (a
second verify answers `timeout-or-duplicate`, as real tokens do).

Tokens are `XXXX.DUMMY.TOKEN.XXXX|<hostname>|<nonce>`: what the browser tests' Turnstile
stand-in mints (its hostname is the page's), or `solved_token()` for scripts."""

import secrets

from aiohttp import web

SITEVERIFY_PATH = "/turnstile/v0/siteverify"
TEST_SITE_KEY = "1x00000000000000000000AA"
TEST_SECRET = "1x0000000000000000000000000000000AA"  # noqa: S105 - Turnstile's public test secret
DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX"  # noqa: S105 - the prefix of every token it accepts
SEPARATOR = "|"


def solved_token(hostname: str) -> str:
    """A fresh token, as if a challenge had been solved on `hostname`."""
    return SEPARATOR.join((DUMMY_TOKEN, hostname, secrets.token_hex(8)))


def siteverify_routes() -> list[web.RouteDef]:
    seen: set[str] = set()

    async def siteverify(request: web.Request) -> web.Response:
        form = await request.post()
        token = str(form.get("response", ""))
        if form.get("secret") != TEST_SECRET:
            return web.json_response({"success": False, "error-codes": ["invalid-input-secret"]})
        prefix, _, rest = token.partition(SEPARATOR)
        hostname, _, nonce = rest.partition(SEPARATOR)
        if prefix != DUMMY_TOKEN or not hostname or not nonce:
            return web.json_response({"success": False, "error-codes": ["invalid-input-response"]})
        if token in seen:
            return web.json_response({"success": False, "error-codes": ["timeout-or-duplicate"]})
        seen.add(token)
        return web.json_response(
            {"success": True, "hostname": hostname, "challenge_ts": "2026-01-01T00:00:00Z"}
        )

    return [web.post(SITEVERIFY_PATH, siteverify)]
