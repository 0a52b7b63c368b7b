"""make deploy without AWS: the dry run's commands, and the real script driving a stand-in
`npx` (PATH-injected), so success and both failure paths are exercised for real."""

import json
import os
import pty
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.local_stack import start_stack

OUTPUTS = REPO_ROOT / "cdk.out" / "outputs-prod.json"


def deploy(
    *args: str,
    path_prefix: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
):
    """ops.deploy as CI runs it: no terminal on stdin unless the test gives one."""
    environment = {**os.environ, **(env or {})}
    if path_prefix:
        environment["PATH"] = f"{path_prefix}{os.pathsep}{environment['PATH']}"
    return subprocess.run(
        [sys.executable, "-m", "ops.deploy", *args],
        cwd=REPO_ROOT,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def dry_run_deploy_command(**kwargs) -> list[str]:
    result = deploy("--env", "prod", "--dry-run", **kwargs)
    assert result.returncode == 0
    return shlex.split(result.stdout.splitlines()[1])


def fake_npx(tmp_path: Path, script: str) -> Path:
    npx = tmp_path / "npx"
    npx.write_text(f'#!/bin/sh\necho "npx $*" >> {tmp_path}/calls\n{script}\n')
    npx.chmod(npx.stat().st_mode | stat.S_IEXEC)
    return tmp_path


def test_dry_run_prints_the_deploy_and_smoke_commands_and_deploys_nothing():
    result = deploy("--env", "prod", "--dry-run")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "dry run: would run"
    assert shlex.split(lines[1]) == [
        "npx",
        "cdk",
        "deploy",
        "ChatStarter-prod",
        "-c",
        "env=prod",
        "--require-approval",
        "never",
        "--outputs-file",
        str(OUTPUTS),
    ]
    smoke = shlex.split(lines[2])
    assert smoke[:5] == [sys.executable, "-m", "chat_client", "smoke", "--url"]
    assert lines[3] == "dry run: nothing was deployed"


def test_with_no_terminal_the_cli_is_never_asked_to_prompt():
    """The pinned CLI throws TtyNotAttached when it must ask and stdin is no TTY (a GitHub job)."""
    for stdin in (subprocess.DEVNULL, subprocess.PIPE):
        command = dry_run_deploy_command(stdin=stdin)
        assert command[command.index("--require-approval") + 1] == "never"


def test_at_a_terminal_broadening_changes_still_ask():
    primary, secondary = pty.openpty()
    try:
        command = dry_run_deploy_command(stdin=secondary)
    finally:
        os.close(primary)
        os.close(secondary)
    assert command[command.index("--require-approval") + 1] == "broadening"


def test_a_failing_cdk_deploy_fails_loudly_and_skips_the_smoke(tmp_path):
    result = deploy(
        "--env", "prod", "--skip-concurrency-check", path_prefix=fake_npx(tmp_path, "exit 1")
    )
    assert result.returncode == 1
    assert "deploy: FAILED: cdk deploy of ChatStarter-prod" in result.stderr
    assert "smoke" not in result.stdout


@pytest.fixture
def outputs_backup():
    saved = OUTPUTS.read_bytes() if OUTPUTS.exists() else None
    yield
    if saved is None:
        OUTPUTS.unlink(missing_ok=True)
    else:
        OUTPUTS.write_bytes(saved)


def test_a_deploy_then_runs_the_real_smoke_against_the_output_url(tmp_path, outputs_backup):
    stack = start_stack()
    try:
        snippet = f'<script src="{stack.widget_url}" async></script>'
        outputs = json.dumps(
            {"ChatStarter-prod": {"StartChatUrl": stack.start_chat_url, "WidgetSnippet": snippet}}
        )
        npx = fake_npx(
            tmp_path, f"mkdir -p {OUTPUTS.parent} && printf '%s' '{outputs}' > {OUTPUTS}"
        )
        passed = deploy(
            "--env", "prod", "--skip-concurrency-check", path_prefix=npx, env=stack.client_env
        )
        broken = deploy(
            "--env",
            "prod",
            "--skip-concurrency-check",
            path_prefix=npx,
            env={**stack.client_env, "AWS_ENDPOINT_URL_CONNECTPARTICIPANT": "http://127.0.0.1:9"},
        )
    finally:
        stack.stop()
    assert (
        (tmp_path / "calls").read_text().startswith("npx cdk deploy ChatStarter-prod -c env=prod")
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "smoke: passed" in passed.stdout
    assert f"deploy: the widget, for every page: {snippet}" in passed.stdout
    assert passed.stdout.rstrip().endswith("deploy: ChatStarter-prod deployed and smoke-tested")
    assert broken.returncode == 1
    assert "deploy: FAILED: the smoke test" in broken.stderr


def test_diff_says_a_repeated_cdk_error_once(tmp_path):
    """The CDK CLI prints "no credentials" twice in a row; make diff passes it on once."""
    message = "Need to perform AWS calls for account 111111111111, but no credentials"
    fake = fake_npx(
        tmp_path, f'echo "diff output"\necho "{message}" >&2\necho "{message}" >&2\nexit 1'
    )
    environment = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [sys.executable, "-m", "ops.diff", "--env", "prod"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == "diff output\n"
    assert result.stderr == f"{message}\n"
    assert (
        tmp_path / "calls"
    ).read_text() == "npx cdk diff ChatStarter-prod -c env=prod --method auto\n"
