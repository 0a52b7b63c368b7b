"""The widget as the CDN serves it: esbuild (pinned in package.json) bundles widget-bundle.js,
the shared chat view, their CSS and amazon-connect-chatjs into one minified file, written as
`widget.js` (a stable URL, short cache) and `assets/widget.<hash>.js` (immutable, for a
pinned tag with SRI). Built from examples/web/ (the source of truth) at every synth and by
the local CDN stand-in; never checked in. Kept free of aws_cdk (local/ and bench/ use it)."""

import base64
import gzip
import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from infra import attachment_policy
from infra.config import EnvironmentConfig

REPO_ROOT = Path(__file__).resolve().parent.parent
WEB = REPO_ROOT / "examples" / "web"
ENTRY = WEB / "widget-bundle.js"
ESBUILD = REPO_ROOT / "node_modules" / ".bin" / "esbuild"
STABLE_NAME = "widget.js"
ASSETS = "assets"
# The chat page at `/` of the same distribution: its files as they are (ES modules) ...
PAGE_FILES = (
    "index.html",
    "app.js",
    "api.js",
    "strings.js",
    "chat-view.js",
    "transcript.js",
    "rich-text.js",
    "interactive.js",
    "attachments.js",
    "receipts.js",
    "attention.js",
    "bot-check.js",
    "favicon.svg",
    "style.css",
    "chat.css",
)
# ... and in vendor/ beside them, the libraries it loads: chatjs, marked and DOMPurify (their
# ES module builds, named .js: every server types that as JavaScript, as modules require).
NODE_MODULES = REPO_ROOT / "node_modules"
CHATJS = NODE_MODULES / "amazon-connect-chatjs" / "dist" / "amazon-connect-chat.js"
VENDOR = {
    "amazon-connect-chat.js": CHATJS,
    "marked.js": NODE_MODULES / "marked" / "lib" / "marked.esm.js",
    "purify.js": NODE_MODULES / "dompurify" / "dist" / "purify.es.mjs",
}
# Browsers the bundle is written for (esbuild lowers newer syntax to this).
TARGET = "es2020"


@dataclass(frozen=True)
class WidgetBuild:
    folder: Path
    hashed_path: str  # "assets/widget.<hash>.js"
    integrity: str  # "sha384-…", for <script integrity>
    bytes: int
    gzip_bytes: int


def build_widget(out: Path) -> WidgetBuild:
    """Writes the bundle (both names) and the chat page into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    bundle = out / STABLE_NAME
    subprocess.run(  # noqa: S603 - the pinned esbuild, our own arguments
        [
            str(ESBUILD),
            str(ENTRY),
            "--bundle",
            "--minify",
            "--format=iife",
            f"--target={TARGET}",
            "--loader:.css=text",
            "--legal-comments=eof",  # chatjs's license notices travel with it
            "--log-level=warning",
            f"--outfile={bundle}",
        ],
        cwd=REPO_ROOT,
        check=True,
    )
    data = bundle.read_bytes()
    hashed_path = f"{ASSETS}/widget.{hashlib.sha256(data).hexdigest()[:16]}.js"
    (out / ASSETS).mkdir(exist_ok=True)
    shutil.copyfile(bundle, out / hashed_path)
    for name in PAGE_FILES:
        shutil.copyfile(WEB / name, out / name)
    (out / "vendor").mkdir(exist_ok=True)
    for name, library in VENDOR.items():
        shutil.copyfile(library, out / "vendor" / name)
    return WidgetBuild(
        folder=out,
        hashed_path=hashed_path,
        integrity="sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode(),
        bytes=len(data),
        gzip_bytes=len(gzip.compress(data, compresslevel=9, mtime=0)),
    )


def widget_config(config: EnvironmentConfig, *, start_chat_url: str) -> dict[str, object]:
    """config.json beside the bundle: what the tag would otherwise say in data attributes.
    Public by nature (a site key is public; no secret, no token)."""
    page: dict[str, object] = {
        "startChatUrl": start_chat_url,
        "region": config.region,
        "signIn": "jwt" if config.auth else "none",
        "attachments": attachment_policy.policy(config.widget.attachments),
    }
    if config.bot_check:
        check = config.bot_check
        page["botCheck"] = {"provider": check.provider, "siteKey": check.site_key}
    return page


def snippet(url: str, *, integrity: str | None = None) -> str:
    """The tag a site pastes: the stable URL, or a pinned file with its integrity."""
    if integrity is None:
        return f'<script src="{url}" async></script>'
    return f'<script src="{url}" integrity="{integrity}" crossorigin="anonymous" async></script>'
