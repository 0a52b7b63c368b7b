"""The widget's npm package in a real Vite + React + TypeScript app (tests/web_react_app/, its
dependencies pinned once for React 18 and once for React 19): the packed tarball installed from
npm's registry (through npm's cache), `tsc --noEmit`, `vite build`, the built dist/ served over
HTTP on an origin the local stack allows, and a whole chat in Chromium under <StrictMode>
(mount, cleanup, mount): one widget, one StartChatContact, the widget's events in React's DOM."""

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from infra.widget_bundle import node
from tests.conftest import REPO_ROOT
from tests.local_stack import RunningStack, start_stack
from tests.web.browser import DESKTOP, chromium, end_chat, needs_chromium
from tests.web.widget_package import NPM, needs_npm, pack_widget

pytestmark = [needs_chromium, needs_npm]
APP = REPO_ROOT / "tests" / "web_react_app"
REACT_MAJORS = ("react18", "react19")  # a folder of APP each: its package.json
# The registry only for what the cache lacks; no install scripts (rolldown's and esbuild's
# binaries are optional dependencies, not postinstall downloads).
NPM_INSTALL = (
    "install",
    "--include=dev",
    "--prefer-offline",
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
)


@pytest.fixture(scope="module")
def tarball(tmp_path_factory) -> Path:
    return pack_widget(into=tmp_path_factory.mktemp("packed"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A plain static server on a free port (the origin, and the folder it serves)."""
    root = tmp_path_factory.mktemp("site")

    class Static(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Static)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_port}", root
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def stack(site) -> Iterator[RunningStack]:
    origin, _ = site
    running = start_stack("--agent-delay", "0.2", "--allow-origin", origin)
    yield running
    running.stop()


def run(project: Path, *command: str, node_env: str | None = None) -> None:
    """`command` in `project`, the venv's Node.js first on PATH (npm's and the tools' `node`)."""
    environment = {**os.environ, "PATH": f"{Path(node()).parent}{os.pathsep}{os.environ['PATH']}"}
    if node_env:
        environment["NODE_ENV"] = node_env
    done = subprocess.run(
        command,
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"


def built_app(*, major: str, tarball: Path, project: Path, out: Path) -> None:
    """A fresh copy of the app with `major`'s dependencies and the package, type-checked and
    built by Vite into `out` (served under /<major>/)."""
    shutil.copytree(APP, project, ignore=shutil.ignore_patterns(*REACT_MAJORS))
    shutil.copy(APP / major / "package.json", project / "package.json")
    assert NPM is not None
    run(project, NPM, *NPM_INSTALL, str(tarball))
    run(project, "node_modules/.bin/tsc", "--noEmit", "-p", ".")
    # React's StrictMode mounts, cleans up and mounts again only in its development build
    run(
        project,
        "node_modules/.bin/vite",
        "build",
        "--base",
        f"/{out.name}/",
        "--outDir",
        str(out),
        "--logLevel",
        "error",
        node_env="development",
    )


@pytest.mark.parametrize("major", REACT_MAJORS)
def test_a_react_app_built_by_vite_runs_a_whole_chat_under_strict_mode(
    major, tarball, site, stack, tmp_path
):
    origin, root = site
    built_app(major=major, tarball=tarball, project=tmp_path / "app", out=root / major)
    config = stack.widget_url.replace("widget.js", "config.json")
    before = stack.contacts_started()
    with chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{origin}/{major}/?config={config}")
        expect(page.get_by_role("button", name="Chat with us")).to_be_visible(timeout=15_000)
        expect(page.locator("body[data-widget-effects='2']")).to_have_count(1)
        hosts = page.locator("[data-connect-chat-starter]")
        expect(hosts).to_have_count(1)  # StrictMode mounted, destroyed and mounted again

        page.get_by_role("button", name="Ask us").click()
        events = page.get_by_role("list", name="Widget events")
        expect(events).to_contain_text("chat-started", timeout=15_000)
        messages = page.get_by_role("list", name="Messages")
        expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
        contact_id = page.get_by_label("Contact").inner_text()
        stack.control(f"contacts/{contact_id}/items", body={"Content": "Your order ships today"})
        expect(messages).to_contain_text("Your order ships today")
        expect(events).to_contain_text('message {"role":"agent","type":"text"}')

        box = page.get_by_role("textbox", name="Message")
        box.fill("Thank you")
        box.press("Enter")
        expect(messages).to_contain_text("You said: Thank you", timeout=10_000)
        expect(events).to_contain_text('message {"role":"customer","type":"text"}')

        end_chat(page)
        expect(events).to_contain_text("chat-ended", timeout=10_000)
        # the second mount's listeners only: each event heard once
        expect(events.get_by_role("listitem").filter(has_text="chat-started")).to_have_count(1)
        expect(events.get_by_role("listitem").filter(has_text="chat-ended")).to_have_count(1)
        expect(hosts).to_have_count(1)
        assert errors == []
    assert stack.contacts_started() - before == 1
    contact = stack.control(f"contacts/{contact_id}", method="GET")
    assert contact["ended"] is True
    said = [item.get("Content") for item in contact["transcript"]]
    assert "Your order ships today" in said
    assert "Thank you" in said
