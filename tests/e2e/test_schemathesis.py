"""Schemathesis, driven by docs/openapi.yaml (narrowed to dev's config), runs all its checks
against the local stack on free ports: a bounded run, and it must find nothing."""

import os
import subprocess
import sys

import pytest
import yaml

from infra.config import load, read_environments
from tests.conftest import REPO_ROOT
from tests.e2e.openapi_for_environment import openapi_for
from tests.local_stack import start_stack

RUN_SECONDS = 45  # schemathesis' own budget; the whole step must stay under 90 s
SCHEMATHESIS = os.path.join(os.path.dirname(sys.executable), "schemathesis")


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--no-agent")
    yield running
    running.stop()


def test_schemathesis_finds_nothing(stack, tmp_path):
    api_url = stack.start_chat_url.removesuffix("/chat")
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(openapi_for(load(read_environments(), "dev"), api_url)))
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "SCHEMATHESIS_HOOKS": "tests.e2e.schemathesis_hooks",
    }
    run = subprocess.run(
        [
            SCHEMATHESIS,
            "run",
            str(spec),
            "--url",
            api_url,
            "--checks",
            "all",
            "--max-time",
            str(RUN_SECONDS),
            "--workers",
            "1",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    summary = run.stdout[-6000:]
    assert run.returncode == 0, summary
    assert "No issues found" in summary, summary
    generated = [line for line in summary.splitlines() if "generated" in line]
    assert generated, summary
    assert int(generated[-1].split()[0]) >= 200, summary
