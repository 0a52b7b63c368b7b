"""Cold start, fresh processes, interleaved so drift on the machine hits every variant alike:

- handler: Python importing the handler from the built asset (what `cdk synth` bundles, the
  trimmed Connect model included) with the function's environment;
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

from infra.connect_model import MODEL_DIR

REPO = Path(__file__).resolve().parent.parent
PY_TIMED = "import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
NODE_TIMED = (
    "const t = performance.now(); const {ConnectClient} = require('@aws-sdk/client-connect');"
    " new ConnectClient({}); console.log((performance.now() - t) / 1000)"
)


def _seconds(command: list[str], env: dict[str, str]) -> float:
    out = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def cold(runs: int, asset: Path, function_env: dict[str, str]) -> dict[str, float]:
    env = {**os.environ, **function_env, "AWS_DATA_PATH": str(asset / MODEL_DIR)}
    floor_env = {k: v for k, v in env.items() if k != "AWS_DATA_PATH"}
    handler = PY_TIMED.format(
        code=f"import sys; sys.path.insert(0, {str(asset)!r}); import handler"
    )
    floor = PY_TIMED.format(code="import boto3; boto3.client('connect')")
    node = shutil.which("node") or "node"
    times: dict[str, list[float]] = {"handler": [], "seed": [], "floor": []}
    for _ in range(runs):
        times["handler"].append(_seconds([sys.executable, "-c", handler], env))
        times["seed"].append(_seconds([node, "-e", NODE_TIMED], env))
        times["floor"].append(_seconds([sys.executable, "-c", floor], floor_env))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    return {
        **{f"{name}_ms": ms for name, ms in medians.items()},
        "ratio_seed": medians["handler"] / medians["seed"],
        "ratio_floor": medians["handler"] / medians["floor"],
    }
