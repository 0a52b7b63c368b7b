"""What `make synth`, `make diff` and `make deploy-access` import is pinned in requirements.txt,
the only file those targets install: a dev-only pin (requirements-dev.txt) would pass every
test and still fail a fresh clone's first command."""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

# The entry points of the targets that install requirements.txt alone (Makefile `.app`).
APP_ENTRY_POINTS = ("app.py", "ops/diff.py")
FIRST_PARTY = ("infra", "ops")
PIN = re.compile(r"^([A-Za-z0-9_.\[\]-]+)==\S+")


def imported_top_level_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def third_party_imports(entry_points: tuple[str, ...]) -> set[str]:
    """Top-level third-party modules reachable from the entry points through first-party code."""
    todo = [REPO_ROOT / path for path in entry_points]
    seen: set[Path] = set()
    found: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in imported_top_level_modules(path):
            top = module.split(".")[0]
            if top in FIRST_PARTY:
                file = REPO_ROOT / (module.replace(".", "/") + ".py")
                package = REPO_ROOT / module.replace(".", "/") / "__init__.py"
                todo += [p for p in (file, package) if p.exists()]
            elif top not in sys.stdlib_module_names:
                found.add(top)
    return found


def pinned_distributions(requirements: Path) -> set[str]:
    pins = set()
    for line in requirements.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            pins.add(re.sub(r"[-_.]+", "-", match.group(1).split("[")[0]).lower())
    return pins


def distribution_of(module: str) -> str:
    names = importlib.metadata.packages_distributions()[module]
    return re.sub(r"[-_.]+", "-", names[0]).lower()


def test_every_module_the_app_imports_is_pinned_in_requirements_txt():
    pinned = pinned_distributions(REPO_ROOT / "requirements.txt")
    modules = third_party_imports(APP_ENTRY_POINTS)
    assert {"aws_cdk", "botocore"} <= modules, modules  # the walk reaches infra/
    missing = {module: distribution_of(module) for module in modules}
    missing = {m: d for m, d in missing.items() if d not in pinned}
    assert not missing, f"imported by the app but not pinned in requirements.txt: {missing}"


def test_the_check_sees_a_dev_only_pin(tmp_path):
    app_only = tmp_path / "requirements.txt"
    app_only.write_text("aws-cdk-lib==2.275.0\nconstructs==10.8.1\n")
    assert distribution_of("botocore") not in pinned_distributions(app_only)
    assert distribution_of("aws_cdk") in pinned_distributions(app_only)
