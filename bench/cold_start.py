"""Cold start, fresh processes, interleaved so drift on the machine hits every variant alike:

- handler: Python importing the handler from the built asset (what `cdk synth` bundles, the
  trimmed Connect model included) with the function's environment;
- bytecode: the same from an asset that also holds bytecode for this interpreter (what a
  build on the runtime's own Python ships; Lambda cannot write bytecode itself);
- seed: Node doing `new ConnectClient()` from @aws-sdk/client-connect (the seed's handler);
- floor: Python doing `import boto3; boto3.client("connect")` (a plain handler, full model).

Each process times itself from its first line to a usable client (interpreter start-up is
left out for both languages alike). Medians."""

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from infra.botocore_data import MODEL_DIR

REPO = Path(__file__).resolve().parent.parent
PY_TIMED = "import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
NODE_TIMED = (
    "const t = performance.now(); const {ConnectClient} = require('@aws-sdk/client-connect');"
    " new ConnectClient({}); console.log((performance.now() - t) / 1000)"
)


def _seconds(command: list[str], env: dict[str, str]) -> float:
    out = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _handler(asset: Path, function_env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, **function_env, "AWS_DATA_PATH": str(asset / MODEL_DIR)}
    imports = f"import sys; sys.path.insert(0, {str(asset)!r}); import handler"
    return [sys.executable, "-c", PY_TIMED.format(code=imports)], env


def cold(
    runs: int, asset: Path, with_bytecode: Path, function_env: dict[str, str]
) -> dict[str, float]:
    env = {**os.environ, **function_env}
    floor = PY_TIMED.format(code="import boto3; boto3.client('connect')")
    node = shutil.which("node") or "node"
    variants = {
        "handler": _handler(asset, function_env),
        "bytecode": _handler(with_bytecode, function_env),
        "seed": ([node, "-e", NODE_TIMED], env),
        "floor": ([sys.executable, "-c", floor], env),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, (command, variant_env) in variants.items():
            times[name].append(_seconds(command, variant_env))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    return {
        **{f"{name}_ms": ms for name, ms in medians.items()},
        "ratio_seed": medians["handler"] / medians["seed"],
        "ratio_bytecode": medians["bytecode"] / medians["seed"],
        "ratio_floor": medians["handler"] / medians["floor"],
    }
