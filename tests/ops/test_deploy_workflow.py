"""The deploy workflow: environments in order, each in its GitHub environment with OIDC only,
diffs on pull requests with the diff role (never Dependabot's); every action pinned to a
commit; no AWS key anywhere in the repository."""

import re
import subprocess

import yaml

from infra.config import load, read_environments
from tests.conftest import REPO_ROOT
from tests.ops.test_workflow import ACTIONLINT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "deploy.yml"
JOBS = yaml.safe_load(WORKFLOW.read_text())["jobs"]
ORDER = ["dev", "staging", "prod"]
WORKFLOWS = sorted(WORKFLOW.parent.glob("*.yml"))
# owner/name[/path]@<40 hex>  # vX.Y.Z: the commit a tag named when pinned; Dependabot moves both
PINNED = re.compile(r"^[\w-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}  # v\d+\.\d+\.\d+$")
USES = re.compile(r"^\s*(?:- )?uses: (.+)$", re.MULTILINE)


def test_actionlint_accepts_it():
    result = subprocess.run(
        [ACTIONLINT, str(WORKFLOW)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_environment_with_github_access_is_deployed_in_order():
    environments = read_environments()
    with_github = [name for name in environments if load(environments, name).github]
    assert sorted(with_github) == sorted(ORDER)
    for index, env in enumerate(ORDER):
        job = JOBS[f"deploy-{env}"]
        assert job["environment"] == load(environments, env).github.environment
        assert job.get("needs") == (f"deploy-{ORDER[index - 1]}" if index else "checks")
        assert job["concurrency"] == {"group": f"deploy-{env}", "cancel-in-progress": False}
        assert job["permissions"] == {"id-token": "write", "contents": "read"}
        runs = [step.get("run", "") for step in job["steps"]]
        assert f"make deploy ENV={env}" in runs


def test_nothing_deploys_unless_the_checks_passed_first():
    """deploy-dev waits for ci.yml's jobs (called, not copied); the rest wait for dev."""
    checks = JOBS["checks"]
    # $/: this commit's ci.yml, not whatever a step left in the workspace
    assert checks["uses"] == "$/.github/workflows/ci.yml"
    assert checks["if"] == "github.event_name == 'push'"
    assert JOBS["deploy-dev"]["needs"] == "checks"
    ci = yaml.safe_load((WORKFLOW.parent / "ci.yml").read_text())
    assert "workflow_call" in ci[True]  # YAML 1.1 reads the key `on` as True
    assert "push" not in ci[True], "pushes to main run the checks once, through deploy.yml"


def test_every_run_step_has_pipefail():
    """GitHub's default `bash -e {0}` has no pipefail: `make diff | tee` would show green."""
    for path in WORKFLOW.parent.glob("*.yml"):
        workflow = yaml.safe_load(path.read_text())
        default = workflow.get("defaults", {}).get("run", {}).get("shell")
        for name, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                if "run" in step:
                    shell = step.get(
                        "shell", job.get("defaults", {}).get("run", {}).get("shell", default)
                    )
                    assert shell == "bash" or "pipefail" in str(shell), f"{path.name}: {name}"


def test_staging_mints_its_smoke_token_and_stores_no_jwt():
    step = next(
        s for s in JOBS["deploy-staging"]["steps"] if s.get("run") == "make deploy ENV=staging"
    )
    assert set(step["env"]) == {
        "SMOKE_TOKEN_URL",
        "SMOKE_CLIENT_ID",
        "SMOKE_TOKEN_SCOPE",
        "SMOKE_CLIENT_SECRET",
    }
    assert step["env"]["SMOKE_CLIENT_SECRET"] == "${{ secrets.SMOKE_CLIENT_SECRET }}"
    assert "CHAT_TOKEN" not in WORKFLOW.read_text()


def test_credentials_come_only_from_oidc_roles():
    for name, job in JOBS.items():
        if "uses" in job:  # the called checks: no AWS at all
            assert "permissions" not in job, name
            assert "secrets" not in job, name
            continue
        logins = [
            s
            for s in job["steps"]
            if s.get("uses", "").startswith("aws-actions/configure-aws-credentials")
        ]
        assert len(logins) == 1, name
        settings = logins[0]["with"]
        assert set(settings) == {"role-to-assume", "aws-region"}, name
        role = settings["role-to-assume"]
        if role == "${{ matrix.role }}":
            roles = [entry["role"] for entry in job["strategy"]["matrix"]["include"]]
        else:
            roles = [role]
        assert all(r.startswith("${{ vars.") for r in roles), name


def test_pull_requests_diff_every_environment_into_the_summary():
    diff = JOBS["diff"]
    # forks get no OIDC token: only this repository's own branches are diffed
    assert diff["if"].startswith(
        "github.event_name == 'pull_request' && "
        "github.event.pull_request.head.repo.full_name == github.repository"
    )
    assert "environment" not in diff, "the diff role trusts pull_request subjects, not environments"
    assert [entry["env"] for entry in diff["strategy"]["matrix"]["include"]] == ORDER
    step = next(s for s in diff["steps"] if "make diff" in s.get("run", ""))
    assert "GITHUB_STEP_SUMMARY" in step["run"]
    # the diff role may read the stack's template, nothing more: a template diff
    assert "DIFF_METHOD=template" in step["run"]
    assert "${{" not in step["run"], "matrix values reach the script as variables, not code"


def test_dependabots_pull_requests_get_no_aws_credentials():
    """Its pull requests run packages published days ago with the diff role otherwise."""
    assert "github.event.pull_request.user.login != 'dependabot[bot]'" in JOBS["diff"]["if"]


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    versions: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for uses in USES.findall(path.read_text()):
            if uses.startswith("$/"):  # this repository at the running commit
                continue
            assert PINNED.match(uses), f"{path.name}: {uses}"
            versions.setdefault(uses.split("@")[0], set()).add(uses.split("@")[1])
    assert {"actions/checkout", "aws-actions/configure-aws-credentials"} <= set(versions)
    assert {action: len(pins) for action, pins in versions.items() if len(pins) > 1} == {}


def test_no_checkout_leaves_its_token_for_later_steps():
    for path in WORKFLOWS:
        for name, job in yaml.safe_load(path.read_text())["jobs"].items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: {name}"


def test_each_workflow_runs_one_at_a_time_per_ref_or_job():
    ci = yaml.safe_load((WORKFLOW.parent / "ci.yml").read_text())
    # a pull request's new push cancels its last run; main's commits each run to the end
    assert ci["concurrency"] == {
        "group": "ci-${{ github.event_name == 'pull_request' && github.ref || github.sha }}",
        "cancel-in-progress": True,
    }
    assert "matrix.env" in JOBS["diff"]["concurrency"]["group"]
    release = yaml.safe_load((WORKFLOW.parent / "release.yml").read_text())
    assert release["concurrency"] == {"group": "release", "cancel-in-progress": False}


def test_no_aws_access_key_anywhere_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    key = re.compile(r"AKIA[0-9A-Z]{16}|aws-access-key-id|aws-secret-access-key")
    for path in tracked:
        file = REPO_ROOT / path
        if (
            file.suffix in (".png", ".gz")
            or not file.is_file()
            or path == "tests/ops/test_deploy_workflow.py"
        ):
            continue
        assert not key.search(file.read_text(errors="ignore")), path
