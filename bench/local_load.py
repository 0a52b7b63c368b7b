"""Bounded load against the offline local stack: chat starts per second and latency.

    make local-load   (or: .venv/bin/python bench/local_load.py [--throttle-rate 0.1])

Starts its own local stack (no agent) on free localhost ports, then for each concurrency
level sends POST /chat until --count requests or --seconds have passed, whichever is first.
Past the environment's reserved concurrency the gateway refuses at once, as Lambda does
("busy": API Gateway's 500 {"message"}); those are counted apart from other answers.
Localhost only; nothing leaves the machine.
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from local.subprocess_stack import start_stack_process

BODY = json.dumps({"ParticipantDetails": {"DisplayName": "Load Test"}})
BUSY = -1  # all reserved environments busy: refused by the gateway, not by the handler


async def level(url: str, concurrency: int, count: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    deadline = time.perf_counter() + seconds
    remaining = count
    connector = aiohttp.TCPConnector(limit=concurrency)
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession(connector=connector) as http:

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0 and time.perf_counter() < deadline:
                remaining -= 1
                started = time.perf_counter()
                async with http.post(url, data=BODY, headers=headers) as response:
                    await response.read()
                    busy = response.status == 500 and response.content_type == "application/json"
                latencies.append(time.perf_counter() - started)
                statuses[BUSY if busy else response.status] += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "starts_per_s": statuses[200] / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000,
        "ok": statuses[200],
        "throttled": statuses[429],
        "busy": statuses[BUSY],
        "other": sum(n for status, n in statuses.items() if status not in (200, 429, BUSY)),
    }


async def run(args: argparse.Namespace, url: str) -> list[dict[str, float]]:
    await level(url, 4, 50, 5)  # warm-up: imports, connection pools
    return [await level(url, c, args.count, args.seconds) for c in args.concurrency]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--count", type=int, default=1000, help="requests per level, at most")
    parser.add_argument("--seconds", type=float, default=15.0, help="time per level, at most")
    parser.add_argument(
        "--throttle-rate",
        type=float,
        default=0.02,
        help="share of Connect calls the stand-in throttles",
    )
    args = parser.parse_args()
    process, urls = start_stack_process("--no-agent", "--throttle-rate", str(args.throttle_rate))
    url = urls["StartChatUrl"]
    if not url.startswith("http://127.0.0.1:"):
        raise SystemExit(f"refusing to load anything but localhost: {url}")
    try:
        rows = asyncio.run(run(args, url))
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(
        f"local stack, injected ThrottlingException rate {args.throttle_rate:g} per Connect call\n"
    )
    print("| concurrency | requests | starts/s | p50 ms | p99 ms | 200 | 429 | busy 500 | other |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['concurrency']} | {r['requests']} | {r['starts_per_s']:.0f} | {r['p50_ms']:.1f} "
            f"| {r['p99_ms']:.1f} | {r['ok']} | {r['throttled']} | {r['busy']} | {r['other']} |"
        )
    return 1 if any(r["other"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
