"""What the per-client limit adds to each chat start, on the local stack (localhost only):

    .venv/bin/python bench/client_limit.py [--starts 200]

Two local stacks side by side, `dev` (no limit) and `limited` (the limit on moto's DynamoDB
server, one conditional UpdateItem per start). Starts alternate between them, each from its
own loopback address (127.0.1.x) so the limit never refuses one; the medians' difference is
the cost of the check. Bounded: --starts per stack, nothing leaves the machine."""

import argparse
import http.client
import json
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from local.subprocess_stack import start_stack_process

BODY = json.dumps({"ParticipantDetails": {"DisplayName": "Bench"}})


def start_ms(url: str, source: str) -> float:
    parts = urllib.parse.urlsplit(url)
    if parts.hostname != "127.0.0.1":
        raise SystemExit(f"refusing to load anything but localhost: {url}")
    address = (source, 0)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=15, source_address=address
    )
    started = time.perf_counter()
    connection.request("POST", parts.path, BODY, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    if response.status != 200:
        raise SystemExit(f"start failed: {response.status}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=200)
    args = parser.parse_args()
    stacks = {name: start_stack_process("--env", name, "--no-agent") for name in ("dev", "limited")}
    try:
        urls = {name: info["StartChatUrl"] for name, (_, info) in stacks.items()}
        for name in urls:  # warm: imports, the key's read, connection pools
            start_ms(urls[name], "127.0.0.9")
        times: dict[str, list[float]] = {name: [] for name in urls}
        for i in range(args.starts):
            source = f"127.0.{1 + i // 250}.{1 + i % 250}"
            for name, url in urls.items():
                times[name].append(start_ms(url, source))
    finally:
        for process, _ in stacks.values():
            process.terminate()
            process.wait(timeout=10)
    off, on = (statistics.median(times[n]) for n in ("dev", "limited"))
    print(f"| per-client limit, {args.starts} starts each (local) | median ms |")
    print("| --- | --- |")
    print(f"| off (dev) | {off:.2f} |\n| on (limited: moto DynamoDB) | {on:.2f} |")
    print(f"| added per start | {on - off:.2f} |")


if __name__ == "__main__":
    main()
