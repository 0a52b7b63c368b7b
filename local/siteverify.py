"""A siteverify stand-in that behaves like Cloudflare Turnstile's documented test keys: the
test secret passes the dummy token (what the test site key's widget produces) and refuses
any other token; any other secret is refused as invalid."""

from aiohttp import web

SITEVERIFY_PATH = "/turnstile/v0/siteverify"
TEST_SITE_KEY = "1x00000000000000000000AA"
TEST_SECRET = "1x0000000000000000000000000000000AA"  # noqa: S105 - Turnstile's public test secret
DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX"  # noqa: S105 - and its dummy token
HOSTNAME = "localhost"  # where the local pages run


async def siteverify(request: web.Request) -> web.Response:
    form = await request.post()
    if form.get("secret") != TEST_SECRET:
        return web.json_response({"success": False, "error-codes": ["invalid-input-secret"]})
    if form.get("response") != DUMMY_TOKEN:
        return web.json_response({"success": False, "error-codes": ["invalid-input-response"]})
    return web.json_response(
        {"success": True, "hostname": HOSTNAME, "challenge_ts": "2026-01-01T00:00:00Z"}
    )


def siteverify_routes() -> list[web.RouteDef]:
    return [web.post(SITEVERIFY_PATH, siteverify)]
