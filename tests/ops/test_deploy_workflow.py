"""The deploy workflow: environments in order, each in its GitHub environment with OIDC only,
diffs on pull requests with the diff role; no AWS key anywhere in the repository."""

import re
import subprocess

import yaml

from infra.config import load, read_environments
from tests.conftest import REPO_ROOT
from tests.ops.test_workflow import ACTIONLINT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "deploy.yml"
JOBS = yaml.safe_load(WORKFLOW.read_text())["jobs"]
ORDER = ["dev", "staging", "prod"]
PINNED = re.compile(r"^[\w-]+/[\w-]+@v\d+(\.\d+)*$")


def test_actionlint_accepts_it():
    result = subprocess.run([ACTIONLINT, str(WORKFLOW)], capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_environment_with_github_access_is_deployed_in_order():
    environments = read_environments()
    with_github = [name for name in environments if load(environments, name).github]
    assert sorted(with_github) == sorted(ORDER)
    for index, env in enumerate(ORDER):
        job = JOBS[f"deploy-{env}"]
        assert job["environment"] == load(environments, env).github.environment
        assert job.get("needs") == (f"deploy-{ORDER[index - 1]}" if index else None)
        assert job["concurrency"] == {"group": f"deploy-{env}", "cancel-in-progress": False}
        assert job["permissions"] == {"id-token": "write", "contents": "read"}
        runs = [step.get("run", "") for step in job["steps"]]
        assert f"make deploy ENV={env}" in runs
    assert JOBS["deploy-dev"]["if"] == "github.event_name == 'push'"


def test_credentials_come_only_from_oidc_roles():
    for name, job in JOBS.items():
        logins = [s for s in job["steps"] if s.get("uses", "").startswith("aws-actions/configure-aws-credentials")]  # fmt: skip
        assert len(logins) == 1, name
        settings = logins[0]["with"]
        assert set(settings) == {"role-to-assume", "aws-region"}, name
        assert settings["role-to-assume"].startswith("${{ vars"), name


def test_pull_requests_diff_every_environment_into_the_summary():
    diff = JOBS["diff"]
    assert diff["if"] == "github.event_name == 'pull_request'"
    assert "environment" not in diff, "the diff role trusts pull_request subjects, not environments"
    assert [entry["env"] for entry in diff["strategy"]["matrix"]["include"]] == ORDER
    script = next(s["run"] for s in diff["steps"] if "make diff" in s.get("run", ""))
    assert "GITHUB_STEP_SUMMARY" in script


def test_actions_are_pinned_by_version():
    for name, job in JOBS.items():
        for step in job["steps"]:
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{name}: {step['uses']}"


def test_no_aws_access_key_anywhere_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    key = re.compile(r"AKIA[0-9A-Z]{16}|aws-access-key-id|aws-secret-access-key")
    for path in tracked:
        file = REPO_ROOT / path
        if file.suffix in (".png", ".gz") or not file.is_file() or path == "tests/ops/test_deploy_workflow.py":  # fmt: skip
            continue
        assert not key.search(file.read_text(errors="ignore")), path
