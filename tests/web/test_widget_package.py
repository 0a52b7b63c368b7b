"""The widget's npm package (web/package.json, packed by npm pack: the ES module, its generated
types and the script): an app's TypeScript checks against the .d.ts (and a wrong event payload
does not compile), and an app bundled from it on another origin mounts the widget (twice, as
React's StrictMode does: one widget), drives it with the exported commands and hears its
events."""

import json
import subprocess
import tarfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import REPO_ROOT
from tests.local_stack import start_stack
from tests.web.browser import DESKTOP, chromium, needs_chromium
from tests.web.widget_package import needs_npm, pack_widget

pytestmark = [needs_chromium, needs_npm]
HOST = "http://localhost:5173"
ESBUILD = REPO_ROOT / "node_modules" / ".bin" / "esbuild"
TSC = REPO_ROOT / "node_modules" / ".bin" / "tsc"
APP = """import {
  close, destroy, endChat, mount, off, on, open, startChat, toggle,
} from "connect-chat-starter-widget";
import type { ChatEventMap, MountOptions } from "connect-chat-starter-widget";

const heard: Array<[keyof ChatEventMap, unknown]> = [];
const names: Array<keyof ChatEventMap> = [
  "ready", "open", "close", "chat-started", "message", "unread", "chat-ended", "error",
];
for (const name of names) on(name, (detail) => heard.push([name, detail]));
on("unread", ({ count }) => count.toFixed());
const options = (config: string): MountOptions => ({ config, launcher: true, name: "Ada" });
const commands = { mount, destroy, open, close, toggle, startChat, endChat, off };
Object.assign(window, { heard, options, ...commands });
"""
WRONG = """import { on } from "connect-chat-starter-widget";
on("unread", ({ contactId }) => contactId);
"""
TSCONFIG = {
    "compilerOptions": {
        "target": "ES2022",
        "lib": ["ES2022", "DOM", "DOM.Iterable"],
        "module": "ESNext",
        "moduleResolution": "bundler",
        "types": [],
        "skipLibCheck": True,
        "verbatimModuleSyntax": True,
        "noEmit": True,
        "strict": True,
    },
    "include": ["src"],
}


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """web/ as npm packs it (its prepack builds dist/), unpacked as an install would."""
    out = tmp_path_factory.mktemp("package")
    with tarfile.open(pack_widget(into=out)) as tarball:
        tarball.extractall(out, filter="data")
    return out / "package"


def test_the_packed_tarball_holds_the_built_module_its_types_and_the_script(package):
    files = {str(path.relative_to(package)) for path in package.rglob("*") if path.is_file()}
    assert {"package.json", "dist/index.js", "dist/index.d.ts", "dist/widget.js"} <= files
    assert [name for name in files if name.endswith(".ts") and not name.endswith(".d.ts")] == []
    manifest = json.loads((package / "package.json").read_text())
    assert manifest["exports"]["."] == {"types": "./dist/index.d.ts", "default": "./dist/index.js"}


def app_project(tmp_path: Path, package: Path, code: str) -> Path:
    """An app beside the repo's node_modules, the package installed in its own."""
    (tmp_path / "src").mkdir(parents=True)
    (tmp_path / "src" / "app.ts").write_text(code)
    (tmp_path / "tsconfig.json").write_text(json.dumps(TSCONFIG))
    modules = tmp_path / "node_modules"
    modules.mkdir()
    for name in ("amazon-connect-chatjs", "typescript"):
        (modules / name).symlink_to(REPO_ROOT / "node_modules" / name)
    (modules / "connect-chat-starter-widget").symlink_to(package)
    return tmp_path


def type_errors(project: Path) -> str:
    checked = subprocess.run(
        [TSC, "-p", project], cwd=project, capture_output=True, text=True, timeout=120, check=False
    )
    assert checked.returncode in (0, 1, 2), checked.stderr
    return checked.stdout + checked.stderr


def test_an_app_type_checks_against_the_packages_types(package, tmp_path):
    assert type_errors(app_project(tmp_path / "right", package, APP)) == ""
    wrong = type_errors(app_project(tmp_path / "wrong", package, WRONG))
    assert "Property 'contactId' does not exist on type '{ count: number; }'" in wrong


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.2")
    yield running
    running.stop()


def test_the_exported_commands_drive_the_widget_from_an_apps_bundle(package, stack, tmp_path):
    project = app_project(tmp_path, package, APP)
    subprocess.run(
        [
            ESBUILD,
            "src/app.ts",
            "--bundle",
            "--format=esm",
            "--outfile=app.js",
            "--log-level=warning",
        ],
        cwd=project,
        check=True,
    )
    html = (
        '<!doctype html><html lang="en"><head><title>App</title></head><body><main><h1>App</h1>'
        '</main><script type="module" src="/app.js"></script></body></html>'
    )
    config = stack.widget_url.replace("widget.js", "config.json")
    with chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route(f"{HOST}/", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.route(f"{HOST}/app.js", lambda route: route.fulfill(path=project / "app.js"))
        page.goto(f"{HOST}/")
        page.wait_for_function("window.mount !== undefined")
        # React's StrictMode: mount, clean up, mount again before the first one is ready
        page.evaluate(
            "(config) => { mount(options(config)); destroy(); return mount(options(config)); }",
            config,
        )
        expect(page.locator("[data-connect-chat-starter]")).to_have_count(1)
        page.evaluate("open()")
        expect(page.get_by_role("dialog", name="Chat with us")).to_be_visible()
        expect(page.get_by_label("Your name")).to_have_value("Ada")
        page.evaluate("startChat({ attributes: { topic: 'delivery' } })")
        messages = page.get_by_role("list", name="Messages")
        expect(messages).to_contain_text("Local Agent joined", timeout=15_000)
        page.evaluate("endChat()")
        page.wait_for_function("heard.some(([name]) => name === 'chat-ended')")
        page.evaluate("destroy()")
        expect(page.locator("[data-connect-chat-starter]")).to_have_count(0)
        heard = [name for name, _ in page.evaluate("heard")]
        assert errors == []
    assert heard.count("ready") == 1
    assert "error" not in heard
    for name in ("open", "chat-started", "message", "chat-ended"):
        assert name in heard
