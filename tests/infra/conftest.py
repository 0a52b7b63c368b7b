"""Synthesizes every shipped environment once per session with the real CDK CLI."""

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from infra.config import EnvironmentConfig, load
from tests.conftest import REPO_ROOT

SHIPPED_ENVIRONMENTS = ("dev", "prod", "staging", "limited", "botcheck")


@dataclass(frozen=True)
class Synthesized:
    config: EnvironmentConfig
    outdir: Path

    @property
    def template_path(self) -> Path:
        return self.outdir / f"ChatStarter-{self.config.name}.template.json"

    @property
    def template(self) -> dict:
        return json.loads(self.template_path.read_text())


def cdk(*args: str, outdir: Path) -> subprocess.Popen[str]:
    """`npx cdk ARGS` from the repo root, as a user runs it."""
    return subprocess.Popen(
        ["npx", "--no-install", "cdk", *args, "--output", str(outdir)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CDK_DISABLE_CLI_TELEMETRY": "true"},
    )


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory, shipped_environments) -> dict[str, Synthesized]:
    runs = {}
    for name in SHIPPED_ENVIRONMENTS:  # both at once: the machines have two cores
        outdir = tmp_path_factory.mktemp(f"cdk.out-{name}")
        runs[name] = (outdir, cdk("synth", "--quiet", "-c", f"env={name}", outdir=outdir))
    result = {}
    for name, (outdir, process) in runs.items():
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, f"cdk synth -c env={name} failed:\n{stderr}"
        result[name] = Synthesized(load(shipped_environments, name), outdir)
    return result


@pytest.fixture(scope="session", params=SHIPPED_ENVIRONMENTS)
def synth(request, synthesized) -> Synthesized:
    return synthesized[request.param]
