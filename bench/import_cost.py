"""What one more import would add to the handler's cold start, measured before adding it.

    .venv/bin/python bench/import_cost.py [MODULE ...] [--runs 11]

Each run is a fresh process that first imports what the handler already imports (botocore,
Powertools Logger and Metrics), then times importing MODULE. Default MODULE: Powertools'
HTTP API resolver, weighed for the route table (issue: "if its cold cost is <= 5 ms").
"""

import argparse
import statistics
import subprocess
import sys

ALREADY = "import botocore.session; from aws_lambda_powertools import Logger, Metrics"
TIMED = "import time; {already}; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
RESOLVER = "from aws_lambda_powertools.event_handler import APIGatewayHttpResolver"


def median_ms(code: str, runs: int) -> float:
    script = TIMED.format(already=ALREADY, code=code)
    command = [sys.executable, "-c", script]
    times = [
        float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("imports", nargs="*", default=[RESOLVER])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    for code in args.imports:
        print(f"{median_ms(code, args.runs):6.1f} ms  {code}  (median of {args.runs})")


if __name__ == "__main__":
    main()
