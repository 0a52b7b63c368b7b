"""infra/ has two rooms, told apart by a folder: everything that imports aws_cdk lives in
infra/cdk/, and every module outside it loads where aws_cdk cannot (local/, ops/ and bench/
import those without starting jsii, seconds per process), as do local/, ops/ and bench/."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

CDK = ("aws_cdk", "constructs", "jsii", "cdk_nag")
BLOCK_CDK = f"import sys; sys.modules.update(dict.fromkeys({CDK!r}))"
INFRA = REPO_ROOT / "infra"
# What the jsii-free rooms start from: the local stack, the deploy, the benchmarks.
ENTRY_POINTS = ("local.stack", "local.gateway", "ops.deploy", "bench.local_load", "bench.handler")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts).removesuffix(".__init__")


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def load_without_cdk(modules: list[str]) -> subprocess.CompletedProcess[str]:
    code = f"{BLOCK_CDK}; " + "; ".join(f"import {module}" for module in modules)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )


def plain_modules() -> list[str]:
    return sorted(module_name(p) for p in INFRA.glob("*.py"))


def test_every_module_outside_infra_cdk_loads_without_aws_cdk():
    assert {"infra.config", "infra.names", "infra.asset_build"} <= set(plain_modules())
    loaded = load_without_cdk([*plain_modules(), *ENTRY_POINTS])
    assert loaded.returncode == 0, loaded.stderr


def test_every_module_in_infra_cdk_imports_the_cdk():
    plain = [
        module_name(path)
        for path in (INFRA / "cdk").rglob("*.py")
        if path.name != "__init__.py"
        and not any(name.split(".")[0] in CDK for name in imports(path))
    ]
    assert plain == [], "plain Python belongs in infra/, where local/ and ops/ may import it"


def test_nothing_outside_infra_and_app_py_imports_infra_cdk():
    rooms = ("local", "ops", "bench", "tools", "chat_client", "lambda")
    found = [
        str(path.relative_to(REPO_ROOT))
        for room in rooms
        for path in (REPO_ROOT / room).rglob("*.py")
        if any(name.startswith("infra.cdk") for name in imports(path))
    ]
    assert found == []


def test_the_block_works():
    loaded = load_without_cdk(["infra.cdk.chat_stack"])
    assert loaded.returncode != 0
    assert "aws_cdk" in loaded.stderr
