"""The GitHub Actions workflows: valid for actionlint, nothing for zizmor (both in make lint),
and doing what the README says."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "ci.yml"
ACTIONLINT = str(Path(sys.executable).with_name("actionlint"))
ZIZMOR = str(Path(sys.executable).with_name("zizmor"))


def test_actionlint_accepts_every_workflow():
    workflows = sorted(str(path) for path in WORKFLOW.parent.glob("*.yml"))
    result = subprocess.run([ACTIONLINT, *workflows], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows_and_dependabot_offline():
    command = [ZIZMOR, "--offline", "--no-progress", "--format", "json", ".github"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    findings = [
        (f["ident"], f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"])
        for f in json.loads(result.stdout)
    ]
    assert findings == []
    assert result.returncode == 0, result.stderr


def test_make_lint_runs_actionlint_and_zizmor_offline():
    recipe = (REPO_ROOT / "Makefile").read_text().split("\nlint:\n", 1)[1].split("\n\n", 1)[0]
    commands = [line.strip() for line in recipe.splitlines()]
    assert "actionlint" in commands
    assert any(c.startswith("zizmor --offline") for c in commands), commands
    make_test = re.search(r"^test: (.*)$", (REPO_ROOT / "Makefile").read_text(), re.MULTILINE)
    assert make_test is not None
    assert "lint" in make_test.group(1).split()


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows"
    broken.mkdir(parents=True)
    shutil.copy(WORKFLOW, broken / "ci.yml")
    text = (
        (broken / "ci.yml")
        .read_text()
        .replace("runs-on: ubuntu-24.04", "runs-on: [ubuntu-24.04", 1)
    )
    (broken / "ci.yml").write_text(text)
    result = subprocess.run(
        [ACTIONLINT, str(broken / "ci.yml")], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0


def test_pull_requests_run_make_test_and_synth_every_environment_and_upload_cdk_out():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    test_steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    # the README's first command runs before the dev set-up, so a dev pin cannot hide a gap
    assert test_steps.index("make synth") < test_steps.index("make test")
    assert any("playwright install --with-deps chromium" in run for run in test_steps)
    # python3.14 (the runtime's) for the asset's bytecode and the 3.14 tests; 3.11 the default
    for job in ("test", "synth"):
        setup = next(
            s
            for s in workflow["jobs"][job]["steps"]
            if s.get("uses", "").startswith("actions/setup-python")
        )
        assert setup["with"]["python-version"].split() == ["3.14", "3.11"], job
    synth = workflow["jobs"]["synth"]["steps"]
    script = next(step["run"] for step in synth if "make synth" in step.get("run", ""))
    assert '["environments"]' in script, "environments are read from cdk.json, not listed by hand"
    upload = next(
        step for step in synth if step.get("uses", "").startswith("actions/upload-artifact")
    )
    assert upload["with"]["path"] == "cdk.out/"


def test_ci_runs_the_readmes_two_commands_in_order():
    """The README's first command is what a fresh clone runs first: CI runs it first too."""
    readme = (REPO_ROOT / "README.md").read_text()
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    readme_commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    ci_commands = [
        line.strip()
        for line in (REPO_ROOT / ".ci" / "run").read_text().splitlines()
        if line.startswith("make ")
    ]
    assert readme_commands[:2] == ci_commands == ["make synth", "make test"]
