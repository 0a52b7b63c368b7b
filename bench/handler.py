"""Benchmark of the start-chat handler: cold init, warm overhead, zipped asset size.

    make bench        (or: PYTHON314=... .venv/bin/python bench/handler.py [--runs 15])
    .venv/bin/python bench/handler.py --pairs-only [--against REV]

(0) cold start as Lambda's runtime runs it (bench/runtime_model.py): the runtime's bootstrap
    loaded first, then the handler's import, and its import plus first answer against the
    local Connect stub, each beside the seed's Node client doing the same; the old measure,
    the floor (a signed call without botocore) beside them. --against REV adds the function
    as it was at REV (git: its modules and its lock) to the same run.
(a) cold init (bench/cold_start.py): on CPython 3.14, the handler imported from the asset as
    Lambda holds it (1980 dates, read-only) without, with timestamp and with hash-based
    bytecode, against the seed's Node client and a plain boto3 client, in fresh processes;
    medians and ratios; then where the handler's import time goes (-X importtime).
(b) warm overhead: N handler invocations against N direct start_chat_contact calls, both to
    the same local HTTP stub of Connect; p50/p99 of each and their difference.
(c) the zipped asset as `cdk synth` bundles it, and the widget bundle the CDN serves
    (raw and gzipped, against its 128 KiB budget).
"""

import argparse
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.cold_start import cold, import_breakdown, stages
from bench.connect_stub import ConnectStub
from bench.runtime_model import (
    FLOOR,
    KEYED_ANSWER,
    OLD,
    PAIRS,
    RUNTIME_LOADED,
    interleaved,
    pinned_runtime,
    runtime_folder,
    summary,
    variants,
)
from infra.asset_build import RUNTIME_PYTHON, build_asset, runtime_python
from infra.botocore_data import write_trimmed_model
from infra.config import load, read_environments
from infra.handler_environment import AWS_DATA_PATH, LAMBDA_SOURCE, handler_environment
from infra.widget_bundle import build_widget
from local.json_logs import json_handler
from local.lambda_runtime import LambdaContext
from tools.deployed_asset import as_deployed, make_removable

REPO = Path(__file__).resolve().parent.parent
DEV = load(read_environments(), "dev")
ENV = {  # the function's environment as the dev stack sets it
    **handler_environment(DEV),
    "AWS_DEFAULT_REGION": DEV.region,
    "AWS_REGION": DEV.region,
    "AWS_LAMBDA_FUNCTION_NAME": "bench-start-chat",
    # What Lambda's python3.14 runtime sets: awslambdaric polls on a thread where it sees it.
    "AWS_EXECUTION_ENV": f"AWS_Lambda_python{RUNTIME_PYTHON[0]}.{RUNTIME_PYTHON[1]}",
    "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",  # never called: the bench stops at the answer
    # What Lambda sets for the function's LoggingConfig (infra/cdk/start_chat_function.py).
    "AWS_LAMBDA_LOG_FORMAT": "JSON",
    "AWS_LAMBDA_LOG_LEVEL": "INFO",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_EC2_METADATA_DISABLED": "true",
}

# Variants of the asset only the bytecode comparison (a) runs.
BYTECODE_ONLY = ("source", "timestamp")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def warm(calls: int) -> dict[str, float]:
    with ConnectStub() as endpoint, tempfile.TemporaryDirectory() as code_dir:
        # The trimmed botocore data as the asset holds it (ENV's path is Lambda's /var/task).
        data_path = str(write_trimmed_model(Path(code_dir)))
        os.environ.update(ENV, AWS_ENDPOINT_URL_CONNECT=endpoint, **{AWS_DATA_PATH.name: data_path})
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
        # As Lambda's runtime formats them (LogFormat JSON): the log lines cost the same; the
        # terminal stays quiet.
        logging.getLogger().handlers[:] = [json_handler(sink)]
        logging.getLogger().setLevel(logging.INFO)
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


def deployed_variants(
    python: str, work: Path, *, pairs_only: bool = False, against: tuple[str, ...] = ()
) -> dict[str, Path]:
    """The asset several ways, each as Lambda would hold it: without, with timestamp and with
    hash-based bytecode (what ships); at `against`."""
    built = {"hash": work / "built-hash"}
    built["hash"].mkdir()
    build_asset(LAMBDA_SOURCE, built["hash"], python=python)
    if not pairs_only:
        built["source"], built["timestamp"] = work / "built-source", work / "built-timestamp"
        for name in ("source", "timestamp"):
            built[name].mkdir()
            build_asset(LAMBDA_SOURCE, built[name], bytecode=False)
        timestamp_bytecode = [python, "-m", "compileall", "-q", "-j", "1", str(built["timestamp"])]
        subprocess.run(timestamp_bytecode, check=True)
    for i, revision in enumerate(against):
        out = work / f"built-against-{i}"
        out.mkdir()
        build_asset(source_at(revision, work / f"source-{i}"), out, python=python)
        built[revision] = out
    return {
        name: as_deployed(folder, work / f"task-{i}")
        for i, (name, folder) in enumerate(built.items())
    }


def source_at(revision: str, out: Path) -> Path:
    """The function's folder (lambda/start_chat: its modules and its lock) at a git revision,
    or a folder as it is."""
    if Path(revision).is_dir():
        return Path(revision)
    folder = LAMBDA_SOURCE.relative_to(REPO).as_posix()
    out.mkdir()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, folder],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(out, filter="data")
    return out / folder


def runtime_pairs(
    python: str, runtime: Path, tasks: dict[str, Path], runs: int
) -> dict[str, tuple[float, float, float]]:
    """The pairs of bench/runtime_model.py, one interleaved run against the local Connect stub."""
    node = shutil.which("node") or "node"
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    with ConnectStub() as endpoint:
        function_env = {**ENV, "AWS_ENDPOINT_URL_CONNECT": endpoint}
        commands = variants(
            python=python,
            node=node,
            runtime=runtime,
            tasks=tasks,
            function_env=function_env,
            node_env={**os.environ, **function_env},
        )
        measured = summary(interleaved(commands, runs))
    # A busy machine slows Node's start more than Python's: only quiet runs are comparable.
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return measured


def print_pairs(measured: dict[str, tuple[float, float, float]], runs: int) -> None:
    def spread(name: str) -> str:
        median, low, high = measured[name]
        return f"{median:.0f} ms ({low:.0f}-{high:.0f})"

    def row(label: str, python_variant: str, node_variant: str, old: str = "") -> str:
        ratio = measured[python_variant][0] / measured[node_variant][0]
        cells = [label, spread(python_variant), spread(node_variant), f"{ratio:.2f}x", old]
        return "| " + " | ".join(cells) + " |"

    print(f"Cold start as Lambda's runtime runs it: median (lowest-highest) of {runs} fresh")
    print("processes each, interleaved; the runtime's bootstrap (awslambdaric) loaded first.\n")
    old_label, old_variant, old_node = OLD
    print(f"| pair | Python 3.14 | Node 24 seed | ratio | {old_label} |")
    print("| --- | --- | --- | --- | --- |")
    old_ratio = measured[old_variant][0] / measured[old_node][0]
    old = f"{old_ratio:.2f}x ({spread(old_variant)})"
    for label, python_variant, node_variant in PAIRS:
        print(row(label, python_variant, node_variant, old if node_variant == old_node else ""))
    rows = [FLOOR, KEYED_ANSWER]
    revisions = dict.fromkeys(name.split("@")[1] for name in measured if "@" in name)
    for revision in revisions:
        rows.append((f"import at {revision}", f"import@{revision}", "seed"))
        rows.append((f"first answer at {revision}", f"answer@{revision}", "seed_send"))
        label = f"first answer with the hashing key at {revision}"
        rows.append((label, f"keyed@{revision}", "seed_send"))
    for label, python_variant, node_variant in rows:
        print(row(label, python_variant, node_variant))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per cold variant")
    parser.add_argument("--calls", type=int, default=2000, help="warm calls per path")
    parser.add_argument("--pairs-only", action="store_true", help="only the runtime's pairs")
    parser.add_argument(
        "--against",
        metavar="REV",
        action="append",
        default=[],
        help="also the function as it was at REV (a git revision or a folder); repeatable",
    )
    args = parser.parse_args()
    python = runtime_python()
    if python is None:
        sys.exit("bench: needs Python 3.14, the runtime's (tools/python3.14 gets one on Debian)")
    if pinned_runtime() != RUNTIME_PYTHON:
        sys.exit("bench: bench/requirements-bench.txt pins another runtime than the asset's")
    runtime = runtime_folder(python)
    with tempfile.TemporaryDirectory() as out:
        tasks = deployed_variants(
            python, Path(out), pairs_only=args.pairs_only, against=tuple(args.against)
        )
        try:
            weighed = {name: task for name, task in tasks.items() if name not in BYTECODE_ONLY}
            pairs = runtime_pairs(python, runtime, weighed, args.runs)
            print(f"Python {python}: 3.14; every variant read-only, dated 1980-01-01 as deployed\n")
            print_pairs(pairs, args.runs)  # now: what follows takes minutes and may fail
            if args.pairs_only:
                return
            bytecode = {name: tasks[name] for name in (*BYTECODE_ONLY, "hash")}
            a = asset_size(tasks["hash"])
            c = cold(
                args.runs, python=python, runtime=runtime, task_roots=bytecode, function_env=ENV
            )
            shipped, breakdown_runs = tasks["hash"], max(3, args.runs // 3)
            imports = import_breakdown(
                python, shipped, runtime, ENV, breakdown_runs, prelude=RUNTIME_LOADED
            )
            staged = stages(python, shipped, runtime, ENV, args.runs, prelude=RUNTIME_LOADED)
        finally:
            for task in tasks.values():
                make_removable(task)
    with tempfile.TemporaryDirectory() as out:
        widget = build_widget(Path(out))
    w = warm(args.calls)
    runs = f"median of {args.runs}"
    print("| measure | value | goal |\n| --- | --- | --- |")
    print(f"| cold: seed, Node 24 `new ConnectClient()` ({runs}) | {c['seed_ms']:.0f} ms | |")
    labels = {
        "source": "no bytecode (no 3.14 at synth)",
        "timestamp": "timestamp bytecode (stale)",
        "hash": "hash-based bytecode (what ships)",
    }
    for name, label in labels.items():
        goal = "<= 1.3" if name == "hash" else ""
        value = f"{c[f'{name}_ms']:.0f} ms, {c[f'ratio_{name}']:.2f}x seed"
        print(f"| cold: import handler, {label} | {value} | {goal} |")
    floor = f"{c['floor_ms']:.0f} ms, {c['ratio_floor']:.2f}x seed"
    print(f"| cold: floor, `boto3.client('connect')` (full model) | {floor} | |")
    for group, ms in imports.items():
        print(
            f"| import self time (runtime loaded first, -X importtime): {group} | {ms:.1f} ms | |"
        )
    for stage, ms in staged.items():
        print(f"| cold stage (runtime loaded first, {runs}): {stage} | {ms:.0f} ms | |")
    for q in ("p50", "p99"):
        print(
            f"| warm {q}: direct call / through handler ({args.calls} calls) | "
            f"{w[f'direct_{q}_ms']:.2f} / {w[f'handler_{q}_ms']:.2f} ms | |"
        )
        goal = "<= 1 ms" if q == "p50" else ""
        print(f"| warm {q}: handler overhead | {w[f'overhead_{q}_ms']:.2f} ms | {goal} |")
    print(f"| asset: zipped / unzipped | {a['zipped_kib']:.0f} / {a['unzipped_kib']:.0f} KiB | |")
    bundle = f"{widget.bytes / 1024:.0f} KiB, {widget.gzip_bytes / 1024:.0f} KiB gzipped"
    print(f"| widget bundle (chatjs, marked, DOMPurify) | {bundle} | <= 128 KiB gzipped |")


if __name__ == "__main__":
    main()
