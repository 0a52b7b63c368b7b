"""The handler's init: the garbage collector paused while it runs, what it built frozen (never
traversed again), the collector on again for the requests."""

import ast
import json
import os
import subprocess
import sys

from tests.conftest import REPO_ROOT
from tests.lambda_helpers import MODEL_PATH

# A fresh interpreter: this one has imported the handler already.
# Collections are counted from botocore's import on: compiling handler.py, when it has no
# bytecode yet, may collect before its first line runs.
IMPORT_COUNTING_COLLECTIONS = """
import gc, json, sys
during_init = []
def count(phase, info):
    if phase == "start" and "botocore" in sys.modules:
        during_init.append(info["generation"])
gc.callbacks.append(count)
enabled_before = gc.isenabled()
sys.path.insert(0, "lambda/start_chat")
import handler
print(json.dumps({
    "before": enabled_before,
    "after": gc.isenabled(),
    "collections": len(during_init),
    "frozen": gc.get_freeze_count(),
}))
"""


def import_handler_in_a_fresh_interpreter() -> dict[str, object]:
    # tests.lambda_helpers has put the function's environment into os.environ.
    env = {**os.environ, "AWS_DATA_PATH": str(MODEL_PATH)}
    answer = subprocess.run(
        [sys.executable, "-c", IMPORT_COUNTING_COLLECTIONS],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def test_the_handler_import_runs_no_collection_and_leaves_the_collector_on():
    found = import_handler_in_a_fresh_interpreter()
    assert found["before"] is True, "the collector starts on, as in Lambda's runtime"
    assert found["collections"] == 0, "init allocates only what lives on: nothing to collect"
    assert found["after"] is True, "requests run with the collector on"


def test_what_init_built_is_frozen_so_no_collection_traverses_it_again():
    # Without it, the first allocation after gc.enable() runs a full collection over init.
    assert import_handler_in_a_fresh_interpreter()["frozen"] > 10_000


def test_the_function_defines_no_dataclass():
    """Each dataclass compiles its generated methods at every cold start (0.4-0.7 ms each on
    3.14; 19 of them were 7 ms of the function's own import): records are NamedTuples."""
    uses = [
        f"{module.name}:{node.lineno}"
        for module in sorted((REPO_ROOT / "lambda" / "start_chat").glob("*.py"))
        for node in ast.walk(ast.parse(module.read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        and "dataclasses" in {getattr(node, "module", None), *(a.name for a in node.names)}
    ]
    assert uses == []
