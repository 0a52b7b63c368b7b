"""Benchmark of the start-chat handler: cold init, warm overhead, zipped asset size.

    make bench        (or: PYTHON314=... .venv/bin/python bench/handler.py [--runs 15])

(a) cold init (bench/cold_start.py): on CPython 3.14, the handler imported from the asset as
    Lambda holds it (1980 dates, read-only) without, with timestamp and with hash-based
    bytecode, against the seed's Node client and a plain boto3 client, in fresh processes;
    medians and ratios; then where the handler's import time goes (-X importtime).
(b) warm overhead: N handler invocations against N direct start_chat_contact calls, both to
    the same local HTTP stub of Connect; p50/p99 of each and their difference.
(c) the zipped asset as `cdk synth` bundles it, and the widget bundle the CDN serves
    (raw and gzipped, against its 120 KB budget).
"""

import argparse
import io
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.cold_start import cold, import_breakdown, stages
from bench.connect_stub import ConnectStub
from infra.asset_build import build_asset, runtime_python
from infra.config import load, read_environments
from infra.handler_environment import LAMBDA_SOURCE, handler_environment
from infra.widget_bundle import build_widget
from local.lambda_runtime import LambdaContext
from tools.deployed_asset import as_deployed, make_removable
from tools.runtime_site import RUNTIME_LIBRARIES, site_folder

REPO = Path(__file__).resolve().parent.parent
DEV = load(read_environments(), "dev")
ENV = {  # the function's environment as the dev stack sets it
    **handler_environment(DEV),
    "AWS_DEFAULT_REGION": DEV.region,
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def warm(calls: int) -> dict[str, float]:
    with ConnectStub() as endpoint:
        os.environ.update(ENV, AWS_ENDPOINT_URL_CONNECT=endpoint)
        sys.path.insert(0, str(LAMBDA_SOURCE))
        import handler

        event = json.loads((REPO / "tests" / "events" / "start_chat.json").read_text())
        params = {
            "InstanceId": ENV["INSTANCE_ID"],
            "ContactFlowId": ENV["CONTACT_FLOW_ID"],
            "ParticipantDetails": {"DisplayName": "Ada"},
        }
        direct, through_handler = [], []
        sink = io.StringIO()
        log_handler = handler.logger.registered_handler
        assert isinstance(log_handler, logging.StreamHandler)
        log_handler.stream = sink  # the log lines cost the same; the terminal stays quiet
        for _ in range(calls // 10):  # warm both paths up
            handler.connect.start_chat_contact(**params)
        with redirect_stdout(sink):
            for _ in range(calls):
                t = time.perf_counter()
                handler.connect.start_chat_contact(**params)
                direct.append(time.perf_counter() - t)
                t = time.perf_counter()
                assert handler.handler(event, LambdaContext())["statusCode"] == 200
                through_handler.append(time.perf_counter() - t)
                sink.seek(0), sink.truncate()
    result = {}
    for name, q in (("p50", 0.5), ("p99", 0.99)):
        result[f"direct_{name}_ms"] = percentile(direct, q) * 1000
        result[f"handler_{name}_ms"] = percentile(through_handler, q) * 1000
        result[f"overhead_{name}_ms"] = result[f"handler_{name}_ms"] - result[f"direct_{name}_ms"]
    return result


def asset_size(asset: Path) -> dict[str, float]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        files = [p for p in asset.rglob("*") if p.is_file()]  # bytecode included: it ships
        for path in files:
            archive.write(path, path.relative_to(asset))
    unzipped = sum(p.stat().st_size for p in files)
    return {"zipped_kib": len(buffer.getvalue()) / 1024, "unzipped_kib": unzipped / 1024}


def deployed_variants(python: str, work: Path) -> dict[str, Path]:
    """The asset three ways, each as Lambda would hold it."""
    built = {name: work / f"built-{name}" for name in ("source", "timestamp", "hash")}
    for folder in built.values():
        folder.mkdir()
    build_asset(LAMBDA_SOURCE, built["source"], bytecode=False)
    build_asset(LAMBDA_SOURCE, built["timestamp"], bytecode=False)
    timestamp_bytecode = [python, "-m", "compileall", "-q", "-j", "1", str(built["timestamp"])]
    subprocess.run(timestamp_bytecode, check=True)
    build_asset(LAMBDA_SOURCE, built["hash"], python=python)
    return {name: as_deployed(folder, work / f"task-{name}") for name, folder in built.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per cold variant")
    parser.add_argument("--calls", type=int, default=2000, help="warm calls per path")
    args = parser.parse_args()
    python = runtime_python()
    if python is None:
        sys.exit("bench: needs Python 3.14, the runtime's (tools/python3.14 gets one on Debian)")
    runtime = site_folder(python, "lambda-runtime", RUNTIME_LIBRARIES)
    with tempfile.TemporaryDirectory() as out:
        tasks = deployed_variants(python, Path(out))
        try:
            a = asset_size(tasks["hash"])
            c = cold(args.runs, python=python, runtime=runtime, task_roots=tasks, function_env=ENV)
            imports = import_breakdown(
                python, tasks["hash"], runtime, ENV, runs=max(3, args.runs // 3)
            )
            staged = stages(python, tasks["hash"], runtime, ENV, runs=args.runs)
        finally:
            for task in tasks.values():
                make_removable(task)
    with tempfile.TemporaryDirectory() as out:
        widget = build_widget(Path(out))
    w = warm(args.calls)
    runs = f"median of {args.runs}"
    print(f"Python {python}: 3.14; every variant read-only, dated 1980-01-01 as deployed\n")
    print("| measure | value | goal |\n| --- | --- | --- |")
    print(f"| cold: seed, Node 24 `new ConnectClient()` ({runs}) | {c['seed_ms']:.0f} ms | |")
    labels = {"source": "no bytecode (no 3.14 at synth)", "timestamp": "timestamp bytecode (stale)",
              "hash": "hash-based bytecode (what ships)"}  # fmt: skip
    for name, label in labels.items():
        goal = "<= 1.3" if name == "hash" else ""
        value = f"{c[f'{name}_ms']:.0f} ms, {c[f'ratio_{name}']:.2f}x seed"
        print(f"| cold: import handler, {label} | {value} | {goal} |")
    floor = f"{c['floor_ms']:.0f} ms, {c['ratio_floor']:.2f}x seed"
    print(f"| cold: floor, `boto3.client('connect')` (full model) | {floor} | |")
    for group, ms in imports.items():
        print(f"| import self time (hash variant, -X importtime): {group} | {ms:.1f} ms | |")
    for stage, ms in staged.items():
        print(f"| cold stage (hash variant, {runs}): {stage} | {ms:.0f} ms | |")
    for q in ("p50", "p99"):
        print(
            f"| warm {q}: direct call / through handler ({args.calls} calls) | "
            f"{w[f'direct_{q}_ms']:.2f} / {w[f'handler_{q}_ms']:.2f} ms | |"
        )
        goal = "<= 1 ms" if q == "p50" else ""
        print(f"| warm {q}: handler overhead | {w[f'overhead_{q}_ms']:.2f} ms | {goal} |")
    print(f"| asset: zipped / unzipped | {a['zipped_kib']:.0f} / {a['unzipped_kib']:.0f} KiB | |")
    bundle = f"{widget.bytes / 1024:.0f} KiB, {widget.gzip_bytes / 1024:.0f} KiB gzipped"
    print(f"| widget bundle (chatjs, marked, DOMPurify) | {bundle} | <= 120 KB gzipped |")


if __name__ == "__main__":
    main()
