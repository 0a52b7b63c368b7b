"""web/src's modules as ES modules for the browser unit tests (the shipped page and widget are
single bundles with nothing to import): each bundled on its own, its libraries inside, by the
pinned esbuild, and served to a page by Playwright at <origin>/modules/<name>.js."""

import functools
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from infra.widget_bundle import SOURCE
from tests.conftest import REPO_ROOT

MODULES = ("strings", "rich-text", "interactive")
ESBUILD = REPO_ROOT / "node_modules" / ".bin" / "esbuild"


@functools.cache
def built_modules() -> Path:
    out = Path(tempfile.mkdtemp(prefix="web-modules-"))
    entries = [str(SOURCE / f"{name}.ts") for name in MODULES]
    subprocess.run(
        [
            str(ESBUILD),
            *entries,
            "--bundle",
            "--format=esm",
            f"--outdir={out}",
            "--log-level=warning",
        ],
        check=True,
    )
    return out


def serve_modules(page: Any, origin: str) -> None:
    """import('/modules/strings.js') and the others, on a page at `origin`."""
    folder = built_modules()

    def fulfil(route: Any) -> None:
        name = route.request.url.rsplit("/", 1)[1]
        route.fulfill(path=str(folder / name), content_type="text/javascript")

    page.route(f"{origin}/modules/*.js", fulfil)


def module_page(browser: Any, stack: Any) -> Any:
    """A page on the local stack's origin that can import('/modules/strings.js') and the
    others."""
    page = browser.new_page()
    origin = stack.start_chat_url.removesuffix("/chat")
    serve_modules(page, origin)
    page.goto(f"{origin}/")
    return page
