"""Benchmark of the widget's loader (web/src/loader.ts, the stable widget.js) against the full
bundle it loads (assets/widget.<hash>.js), as a page that pastes either tag sees them:

    make bench   (or: .venv/bin/python bench/widget_loader.py [--runs 3] [--kbps 400] [--rtt 400])

Its gzipped size (budget 6 KB, tests/infra/test_widget_hosting.py) beside the full bundle's,
and the time to launcher (from navigation start until the launcher is drawn) in headless
Chromium throttled through DevTools (Network.emulateNetworkConditions: 400 kbps both ways,
400 ms round trip by default), cache off, files served gzipped as CloudFront serves them;
the median of --runs fresh pages each.
"""

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from infra.widget_bundle import STABLE_NAME, WidgetBuild, build_widget
from tests.web.browser import ARGS, find_chromium

# How long the launcher took to be drawn, from navigation start (performance.now()).
WATCH_LAUNCHER = """
const look = () => {
  const host = document.querySelector("[data-connect-chat-starter]");
  const launcher = host && host.shadowRoot && host.shadowRoot.querySelector(".launcher");
  if (launcher && !launcher.hidden) window.__launcher = performance.now();
  else requestAnimationFrame(look);
};
requestAnimationFrame(look);
"""
HOST_PAGE = (
    '<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1>'
    '</main><script src="/{script}" async></script></body></html>'
)


class GzipFiles(SimpleHTTPRequestHandler):
    """The build's folder, scripts gzipped when asked (as CloudFront compresses them)."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.suffix != ".js" or not path.is_file() or not wants_gzip:
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(build: WidgetBuild) -> tuple[ThreadingHTTPServer, str]:
    folder = build.folder
    # config.json the full bundle reads before drawing its launcher (no chat is started)
    config = {"startChatUrl": "http://127.0.0.1:9/chat", "region": "us-east-1"}
    (folder / "config.json").write_text(json.dumps(config))
    for name, script in (("loader", STABLE_NAME), ("full", build.hashed_path)):
        (folder / f"host-{name}.html").write_text(HOST_PAGE.format(script=script))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipFiles, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def time_to_launcher(browser: Any, url: str, *, kbps: int, rtt: int) -> float:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(WATCH_LAUNCHER)
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        throughput = kbps * 1000 / 8  # bytes per second
        devtools.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": rtt,
                "downloadThroughput": throughput,
                "uploadThroughput": throughput,
            },
        )
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__launcher !== undefined", timeout=120_000)
        return float(page.evaluate("window.__launcher"))
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kbps", type=int, default=400)
    parser.add_argument("--rtt", type=int, default=400, help="round trip, ms")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as out:
        build = build_widget(Path(out))
        server, origin = serve(build)
        times: dict[str, list[float]] = {"loader": [], "full": []}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=find_chromium(), args=ARGS)
                for _ in range(args.runs):
                    for name, found in times.items():
                        url = f"{origin}/host-{name}.html"
                        found.append(time_to_launcher(browser, url, kbps=args.kbps, rtt=args.rtt))
                browser.close()
        finally:
            server.shutdown()
    network = f"{args.kbps} kbps, {args.rtt} ms RTT, median of {args.runs}"
    print("| widget | gzipped | time to launcher | budget |")
    print("| --- | --- | --- | --- |")
    print(
        f"| loader (widget.js) | {build.loader_gzip_bytes / 1024:.1f} KiB "
        f"| {statistics.median(times['loader']):.0f} ms ({network}) | <= 6 KB gzipped |"
    )
    print(
        f"| full bundle ({build.hashed_path}) | {build.gzip_bytes / 1024:.0f} KiB "
        f"| {statistics.median(times['full']):.0f} ms ({network}) | <= 128 KiB gzipped |"
    )


if __name__ == "__main__":
    main()
