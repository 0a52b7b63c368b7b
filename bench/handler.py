"""Benchmark of the start-chat handler: cold init, warm overhead, zipped asset size.

    make bench        (or: .venv/bin/python bench/handler.py [--runs 15] [--calls 2000])

(a) cold init (bench/cold_start.py): the handler imported from the built asset, against the
    seed's Node client and a plain boto3 client, in fresh processes; medians and ratios.
(b) warm overhead: N handler invocations against N direct start_chat_contact calls, both to
    the same local HTTP stub of Connect; p50/p99 of each and their difference.
(c) the zipped asset as `cdk synth` bundles it.
"""

import argparse
import io
import json
import logging
import os
import sys
import tempfile
import time
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.cold_start import cold
from bench.connect_stub import ConnectStub
from infra.asset_build import build_asset
from infra.config import load, read_environments
from infra.handler_environment import LAMBDA_SOURCE, handler_environment
from local.lambda_runtime import LambdaContext

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
        files = [p for p in asset.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        for path in files:
            archive.write(path, path.relative_to(asset))
    unzipped = sum(p.stat().st_size for p in files)
    return {"zipped_kib": len(buffer.getvalue()) / 1024, "unzipped_kib": unzipped / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per cold variant")
    parser.add_argument("--calls", type=int, default=2000, help="warm calls per path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as out2:
        asset, with_bytecode = Path(out), Path(out2)
        build_asset(LAMBDA_SOURCE, asset)  # what cdk synth bundles
        build_asset(LAMBDA_SOURCE, with_bytecode, bytecode_for=sys.version_info[:2])
        a = asset_size(asset)
        c = cold(args.runs, asset, with_bytecode, ENV)
    w = warm(args.calls)
    print("| measure | value | goal |\n| --- | --- | --- |")
    runs = f"median of {args.runs}"
    print(f"| cold: import handler from the asset ({runs}) | {c['handler_ms']:.0f} ms | |")
    print(f"| cold: seed, Node 24 `new ConnectClient()` | {c['seed_ms']:.0f} ms | |")
    print(f"| cold: ratio handler / seed | {c['ratio_seed']:.2f} | <= 2.0 |")
    print(f"| cold: the asset with bytecode for this Python | {c['bytecode_ms']:.0f} ms | |")
    print(f"| cold: ratio with bytecode / seed | {c['ratio_bytecode']:.2f} | |")
    print(f"| cold: floor, `boto3.client('connect')` (full model) | {c['floor_ms']:.0f} ms | |")
    print(f"| cold: ratio handler / floor | {c['ratio_floor']:.2f} | |")
    for q in ("p50", "p99"):
        print(
            f"| warm {q}: direct call / through handler ({args.calls} calls) | "
            f"{w[f'direct_{q}_ms']:.2f} / {w[f'handler_{q}_ms']:.2f} ms | |"
        )
        goal = "<= 1 ms" if q == "p50" else ""
        print(f"| warm {q}: handler overhead | {w[f'overhead_{q}_ms']:.2f} ms | {goal} |")
    print(f"| asset: zipped / unzipped | {a['zipped_kib']:.0f} / {a['unzipped_kib']:.0f} KiB | |")


if __name__ == "__main__":
    main()
