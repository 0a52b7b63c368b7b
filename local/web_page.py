"""Serves examples/web (and chatjs from node_modules) with config.json pointing at this stack.
Same origin as the local HTTP API, so the page's POST /chat needs no CORS. The files may be
loaded by other sites too (widget.js imports its modules, which browsers fetch with CORS)."""

from pathlib import Path

from aiohttp import web

from infra.api_shape import CHAT_PATH
from infra.config import EnvironmentConfig

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGE = REPO_ROOT / "examples" / "web"
CHATJS = REPO_ROOT / "node_modules" / "amazon-connect-chatjs" / "dist" / "amazon-connect-chat.js"
FILES = {
    "/": "index.html",
    "/index.html": "index.html",
    "/app.js": "app.js",
    "/api.js": "api.js",
    "/transcript.js": "transcript.js",
    "/chat-view.js": "chat-view.js",
    "/bot-check.js": "bot-check.js",
    "/favicon.svg": "favicon.svg",
    "/widget.js": "widget.js",
    "/widget-panel.js": "widget-panel.js",
    "/widget-config.js": "widget-config.js",
    "/widget.css": "widget.css",
    "/style.css": "style.css",
    "/chat.css": "chat.css",
}


PUBLIC = {"Access-Control-Allow-Origin": "*"}  # public static files, no credentials


def page_routes(env: EnvironmentConfig, *, participant_endpoint: str) -> list[web.RouteDef]:
    async def static(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(PAGE / FILES[request.path], headers=PUBLIC)

    async def chatjs(_: web.Request) -> web.StreamResponse:
        if not CHATJS.exists():
            raise web.HTTPNotFound(text="amazon-connect-chatjs is not installed: run make setup")
        return web.FileResponse(CHATJS, headers=PUBLIC)

    async def config(_: web.Request) -> web.Response:
        page: dict[str, object] = {
            "startChatUrl": CHAT_PATH,
            "region": env.region,
            "participantEndpoint": participant_endpoint,
        }
        if env.bot_check:  # the page renders the provider's widget with the public site key
            check = env.bot_check
            page["botCheck"] = {"provider": check.provider, "siteKey": check.site_key}
        return web.json_response(page)

    routes = [web.get(path, static) for path in FILES]
    return [
        *routes,
        web.get("/vendor/amazon-connect-chat.js", chatjs),
        web.get("/config.json", config),
    ]
