"""A CDN stand-in on its own origin: the widget bundle and the chat page exactly as the stack
publishes them (infra/widget_bundle.py), a local config.json beside them, and the headers
the distribution's response-headers policy and caching add (infra/cdk/widget_hosting.py)."""

from aiohttp import web

from infra.widget_bundle import ASSETS, STABLE_NAME, WidgetBuild
from infra.widget_hosting_headers import IMMUTABLE, SECURITY_HEADERS, SHORT


def cdn_app(
    build: WidgetBuild, config: dict[str, object], *, content_security_policy: str
) -> web.Application:
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": content_security_policy}

    async def config_json(_: web.Request) -> web.Response:
        return web.json_response(config, headers={**headers, "Cache-Control": SHORT})

    async def static(request: web.Request) -> web.StreamResponse:
        name = request.match_info["path"] or "index.html"
        path = (build.folder / name).resolve()
        if build.folder.resolve() not in path.parents or not path.is_file():
            raise web.HTTPNotFound()
        cache = IMMUTABLE if name.startswith(f"{ASSETS}/") else SHORT
        return web.FileResponse(path, headers={**headers, "Cache-Control": cache})

    app = web.Application()
    app.add_routes([web.get("/config.json", config_json), web.get("/{path:.*}", static)])
    return app


def widget_url(origin: str) -> str:
    return f"{origin}/{STABLE_NAME}"
