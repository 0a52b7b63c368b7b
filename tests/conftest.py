import json
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def cdk_context() -> dict:
    return json.loads((REPO_ROOT / "cdk.json").read_text())["context"]
