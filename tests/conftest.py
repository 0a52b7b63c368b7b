from pathlib import Path

import pytest

from infra.config import read_environments

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shipped_environments() -> dict:
    """cdk.json's `environments`, read the one way the project reads it."""
    return read_environments()
