"""Serves examples/web (and chatjs from node_modules) with config.json pointing at this stack.
Same origin as the local HTTP API, so the page's POST /chat needs no CORS. The files may be
loaded by other sites too (widget.js imports its modules, which browsers fetch with CORS)."""

from aiohttp import web

from infra.api_shape import CHAT_PATH
from infra.config import EnvironmentConfig
from infra.widget_bundle import PAGE_FILES, VENDOR, widget_config
from infra.widget_bundle import WEB as PAGE

# The chat page as the stack publishes it, and the unbundled widget (the bundle's sources).
WIDGET_MODULES = ("widget.js", "widget-panel.js", "widget-config.js", "widget.css")
FILES = {"/": "index.html", **{f"/{name}": name for name in (*PAGE_FILES, *WIDGET_MODULES)}}


PUBLIC = {"Access-Control-Allow-Origin": "*"}  # public static files, no credentials


def page_routes(env: EnvironmentConfig, *, participant_endpoint: str) -> list[web.RouteDef]:
    async def static(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(PAGE / FILES[request.path], headers=PUBLIC)

    libraries = {f"/vendor/{name}": library for name, library in VENDOR.items()}

    async def vendor(request: web.Request) -> web.StreamResponse:
        library = libraries[request.path]
        if not library.exists():
            raise web.HTTPNotFound(text=f"{library.name} is not installed: run make setup")
        return web.FileResponse(library, headers=PUBLIC)

    async def config(_: web.Request) -> web.Response:
        # What the stack publishes beside the page, with this stack's endpoints.
        page = widget_config(env, start_chat_url=CHAT_PATH)
        page["participantEndpoint"] = participant_endpoint
        return web.json_response(page)

    routes = [web.get(path, static) for path in FILES]
    return [
        *routes,
        *(web.get(path, vendor) for path in libraries),
        web.get("/config.json", config),
    ]
