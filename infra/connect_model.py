"""A trimmed Connect service model for the function: only the operations it calls and every
shape their input, output and errors reach, plus Connect's endpoint rules, written from the
pinned botocore's own model at bundling time (never edited by hand, never committed).
botocore loads it instead of the full model (405 operations, ~2,450 shapes): the data path
is searched first. Kept free of aws_cdk (bench/ builds the asset too)."""

import json
from pathlib import Path
from typing import Any

from botocore.loaders import Loader

SERVICE = "connect"
OPERATIONS = ("StartChatContact",)
MODEL_DIR = "botocore_data"  # inside the function's code; AWS_DATA_PATH points here


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
    """Writes <code_dir>/botocore_data/connect/<api version>/ and returns the data path."""
    loader = Loader()
    api_version = loader.determine_latest_version(SERVICE, "service-2")
    full = loader.load_service_model(SERVICE, "service-2", api_version)
    rules = loader.load_service_model(SERVICE, "endpoint-rule-set-1", api_version)
    target = code_dir / MODEL_DIR / SERVICE / api_version
    target.mkdir(parents=True, exist_ok=True)
    (target / "service-2.json").write_text(json.dumps(trimmed_model(full), separators=(",", ":")))
    (target / "endpoint-rule-set-1.json").write_text(json.dumps(rules, separators=(",", ":")))
    return code_dir / MODEL_DIR
