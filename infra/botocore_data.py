"""botocore data for the function, written from the pinned botocore's own data at bundling
time (never edited by hand, never committed): trimmed service models (only the operations
the function calls and every shape their input, output and errors reach: for Connect that
is 50 of ~2,450 shapes), their endpoint rules, and botocore's few shared files with
endpoints.json cut to these services. It is complete, so the function's loader searches
nothing else (no scan of ~400 service folders). Kept free of aws_cdk (bench/ builds it)."""

import json
import shutil
from pathlib import Path
from typing import Any

import botocore
from botocore.loaders import Loader

SERVICE = "connect"
OPERATIONS = ("StartChatContact",)
# Every call the function makes: Connect always; the abuse layers' only when switched on.
CALLS = {
    SERVICE: OPERATIONS,
    "dynamodb": ("UpdateItem",),  # the per-client limit's counter
    "secretsmanager": ("GetSecretValue",),  # the limit's hashing key
    "ssm": ("GetParameter",),  # the bot check's secret
}
MODEL_DIR = "botocore_data"  # inside the function's code; AWS_DATA_PATH points here
SHARED_FILES = ("_retry.json", "partitions.json", "sdk-default-configuration.json")


def reachable_shapes(shapes: dict[str, Any], roots: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        refs = [m["shape"] for m in shape.get("members", {}).values()]
        refs += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
        todo.extend(refs)
    return seen


def trimmed_model(full: dict[str, Any], operations: tuple[str, ...] = OPERATIONS) -> dict[str, Any]:
    kept = {name: full["operations"][name] for name in operations}
    roots = []
    for operation in kept.values():
        roots += [operation[k]["shape"] for k in ("input", "output") if k in operation]
        roots += [error["shape"] for error in operation.get("errors", [])]
    names = reachable_shapes(full["shapes"], roots)
    return {
        **{k: v for k, v in full.items() if k not in ("operations", "shapes", "documentation")},
        "operations": kept,
        "shapes": {name: full["shapes"][name] for name in sorted(names)},
    }


def write_trimmed_model(code_dir: Path) -> Path:
    """Writes <code_dir>/botocore_data/ and returns it (AWS_DATA_PATH)."""
    loader, data = Loader(), code_dir / MODEL_DIR
    for service, operations in CALLS.items():
        api_version = loader.determine_latest_version(service, "service-2")
        full = loader.load_service_model(service, "service-2", api_version)
        rules = loader.load_service_model(service, "endpoint-rule-set-1", api_version)
        target = data / service / api_version
        target.mkdir(parents=True, exist_ok=True)
        trimmed = trimmed_model(full, operations)
        (target / "service-2.json").write_text(json.dumps(trimmed, separators=(",", ":")))
        (target / "endpoint-rule-set-1.json").write_text(json.dumps(rules, separators=(",", ":")))
    for name in SHARED_FILES:
        shutil.copyfile(Path(botocore.__file__).parent / "data" / name, data / name)
    endpoints = loader.load_data("endpoints")
    for partition in endpoints["partitions"]:
        partition["services"] = {k: v for k, v in partition["services"].items() if k in CALLS}
    (data / "endpoints.json").write_text(json.dumps(endpoints, separators=(",", ":")))
    return data
