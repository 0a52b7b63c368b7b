"""web/ as npm packs it (its prepack builds dist/), for the tests that install it as an app
would. npm is the one beside the venv's Node.js (make setup); under CI a missing npm fails,
never skips."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from infra.widget_bundle import node
from tests.conftest import REPO_ROOT


def find_npm() -> str | None:
    try:
        beside_node = str(Path(node()).parent)
    except RuntimeError:
        return None
    return shutil.which("npm", path=beside_node) or shutil.which("npm")


NPM = find_npm()
MISSING = "needs npm (Node.js): run make setup"
if NPM is None and os.environ.get("CI"):
    raise RuntimeError(f"CI runs every package test: {MISSING}")
needs_npm = pytest.mark.skipif(NPM is None, reason=MISSING)


def pack_widget(*, into: Path) -> Path:
    """The package's tarball, as `npm pack` writes it into `into`."""
    assert NPM is not None, MISSING
    packed = subprocess.run(
        [NPM, "pack", "--json", "--pack-destination", into],
        cwd=REPO_ROOT / "web",
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    [report] = json.loads(packed.stdout)
    return into / report["filename"]
