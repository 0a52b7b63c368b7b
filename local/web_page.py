"""Serves the chat page and the widget as the stack builds them (infra/widget_bundle.py: the
bundles from web/, never its .ts), with config.json pointing at this stack. Same origin as
the local HTTP API, so the page's POST /chat needs no CORS. Other sites may load widget.js
from here too (a self-hosted tag with data attributes)."""

import atexit
import shutil
import tempfile
from pathlib import Path

from aiohttp import web

from infra.api_shape import CHAT_PATH
from infra.config import EnvironmentConfig
from infra.widget_bundle import (
    PAGE_FILES,
    PAGE_SCRIPT,
    STABLE_NAME,
    WidgetBuild,
    build_widget,
    widget_config,
)

FILES = ("index.html", *PAGE_FILES, PAGE_SCRIPT, STABLE_NAME)
PUBLIC = {"Access-Control-Allow-Origin": "*"}  # public static files, no credentials


def built_page() -> WidgetBuild:
    """A fresh build in a folder of its own, removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="connect-chat-starter-page-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_widget(folder)


def page_routes(env: EnvironmentConfig, *, participant_endpoint: str) -> list[web.RouteDef]:
    build = built_page()
    folder = build.folder
    # widget.js is the loader: the full bundle it loads beside it
    files = {"/": "index.html", **{f"/{name}": name for name in (*FILES, build.hashed_path)}}

    async def static(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(folder / files[request.path], headers=PUBLIC)

    async def config(_: web.Request) -> web.Response:
        # What the stack publishes beside the page, with this stack's endpoints.
        page = widget_config(env, start_chat_url=CHAT_PATH)
        page["participantEndpoint"] = participant_endpoint
        return web.json_response(page)

    return [*(web.get(path, static) for path in files), web.get("/config.json", config)]
