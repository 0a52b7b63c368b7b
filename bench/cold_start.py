"""Cold start as Lambda runs it, in fresh processes, interleaved so drift on the machine hits
every variant alike. Python variants run on CPython 3.14 (the runtime's version) with the
runtime's boto3/botocore compiled beside them (tools/runtime_site.py), from the asset as
Lambda holds it (tools/deployed_asset.py: zipped with 1980 dates, unpacked, read-only) and
PYTHONDONTWRITEBYTECODE=1 (nothing written at run time):

- source: the asset without bytecode (a synth on a machine without 3.14);
- timestamp: with compileall's default bytecode, stale under the zip's dates;
- hash: with unchecked-hash bytecode (what the synth ships where 3.14 is available);
- seed: Node doing `new ConnectClient()` from @aws-sdk/client-connect (the seed's handler);
- floor: `import boto3; boto3.client("connect")` on 3.14 with the runtime's libraries.

Each process times itself from its first line to a usable client (interpreter start-up is
left out for both languages alike). Medians."""

import os
import shutil
import statistics
import subprocess
from pathlib import Path

from infra.botocore_data import MODEL_DIR
from infra.handler_environment import AWS_DATA_PATH

REPO = Path(__file__).resolve().parent.parent
PY_TIMED = "import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
NODE_TIMED = (
    "const t = performance.now(); const {ConnectClient} = require('@aws-sdk/client-connect');"
    " new ConnectClient({}); console.log((performance.now() - t) / 1000)"
)


def seconds(command: list[str], env: dict[str, str]) -> float:
    out = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def handler_command(
    python: str, task_root: Path, runtime: Path, function_env: dict[str, str], *, code: str = ""
) -> tuple[list[str], dict[str, str]]:
    """Python importing the handler as Lambda does: /var/task first, then the runtime's."""
    env = {
        "PATH": os.environ["PATH"],
        **function_env,
        AWS_DATA_PATH.name: str(task_root / MODEL_DIR),
        "PYTHONPATH": str(runtime),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    imports = f"import sys; sys.path.insert(0, {str(task_root)!r}); import handler"
    return [python, "-c", code or PY_TIMED.format(code=imports)], env


def cold(
    runs: int,
    *,
    python: str,
    runtime: Path,
    task_roots: dict[str, Path],
    function_env: dict[str, str],
) -> dict[str, float]:
    node = shutil.which("node") or "node"
    floor = PY_TIMED.format(code="import boto3; boto3.client('connect')")
    variants = {
        name: handler_command(python, root, runtime, function_env)
        for name, root in task_roots.items()
    }
    variants["seed"] = ([node, "-e", NODE_TIMED], {**os.environ, **function_env})
    variants["floor"] = (
        [python, "-c", floor],
        {"PATH": os.environ["PATH"], **function_env, "PYTHONPATH": str(runtime)},
    )
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, (command, variant_env) in variants.items():
            times[name].append(seconds(command, variant_env))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    return {
        **{f"{name}_ms": ms for name, ms in medians.items()},
        **{f"ratio_{name}": medians[name] / medians["seed"] for name in task_roots},
        "ratio_floor": medians["floor"] / medians["seed"],
    }


def import_breakdown(
    python: str,
    task_root: Path,
    runtime: Path,
    function_env: dict[str, str],
    runs: int,
    *,
    prelude: str = "",
) -> dict[str, float]:
    """`-X importtime` of the handler's import, self time summed by where modules come from
    (the asset's own modules, botocore and its dependencies, the standard
    library); medians over `runs` fresh processes, in ms. `prelude` runs first (modules it
    imports are then not the handler's to load)."""
    code = f"{prelude}; import sys; sys.path.insert(0, {str(task_root)!r}); import handler"
    command, env = handler_command(python, task_root, runtime, function_env, code=code)
    command = [python, "-X", "importtime", *command[1:]]
    totals: dict[str, list[float]] = {}
    for _ in range(runs):
        stderr = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stderr
        sums: dict[str, float] = {}
        for line in stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, _, name = (part.strip() for part in line[12:].split("|"))
            group = _group(name.strip(), task_root)
            sums[group] = sums.get(group, 0.0) + int(self_us) / 1000
        for group, ms in sums.items():
            totals.setdefault(group, []).append(ms)
    return {group: statistics.median(values) for group, values in sorted(totals.items())}


def _group(module: str, task_root: Path) -> str:
    top = module.split(".")[0]
    if top in {"botocore", "urllib3", "dateutil", "jmespath", "six", "boto3", "s3transfer"}:
        return "botocore and its dependencies"
    if (task_root / f"{top}.py").exists():
        return "the handler's own modules"
    return "standard library"


# What the handler's import is made of, each stage including the ones before it.
STAGES = {
    "stdlib the handler uses (json, logging, dataclasses, hmac)": (
        "import json, logging, dataclasses, hmac, hashlib, traceback"
    ),
    "+ botocore": "import json, logging, dataclasses, hmac, hashlib, traceback, botocore.session",
    "+ the Connect client (trimmed model)": (
        "import json, logging, dataclasses, hmac, traceback; from aws_clients import "
        "create_connect_client; create_connect_client()"
    ),
    "+ the handler's log line and metrics (telemetry.py)": (
        "import json, logging, dataclasses, hmac, traceback; from aws_clients import "
        "create_connect_client; create_connect_client(); from telemetry import Metrics, "
        "RequestLog; RequestLog('start_chat', service='s'); Metrics(namespace='n', service='s')"
    ),
    "the handler (all of it)": "import handler",
}


def stages(
    python: str,
    task_root: Path,
    runtime: Path,
    function_env: dict[str, str],
    runs: int,
    *,
    prelude: str = "",
) -> dict[str, float]:
    """Medians of fresh processes per stage, interleaved, in ms; `prelude` runs before the
    timer."""
    commands = {}
    for name, code in STAGES.items():
        staged = f"import sys; sys.path.insert(0, {str(task_root)!r}); {code}"
        timed = (
            f"{prelude}; {PY_TIMED.format(code=staged)}"
            if prelude
            else PY_TIMED.format(code=staged)
        )
        commands[name] = handler_command(python, task_root, runtime, function_env, code=timed)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            times[name].append(seconds(command, env))
    return {name: statistics.median(values) * 1000 for name, values in times.items()}
