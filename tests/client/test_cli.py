"""The CLI as a user runs it: a subprocess, its exit code and its output."""

import json
import os
import re
import subprocess
import sys
import time

from tests.conftest import REPO_ROOT


def cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chat_client", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_start_prints_details_with_the_token_masked(stack):
    result = cli("start", "--url", stack.start_chat_url, "--name", "Ada", "--attr", "topic=billing")
    assert result.returncode == 0, result.stderr
    details = json.loads(result.stdout)
    assert details["participant_token"] == details["continuation_token"] == "***masked***"
    assert set(details) == {
        "contact_id",
        "participant_id",
        "participant_token",
        "continuation_token",
    }
    shown = json.loads(
        cli("start", "--url", stack.start_chat_url, "--name", "Ada", "--show-tokens").stdout
    )
    assert shown["participant_token"].startswith("ptok-")
    assert re.fullmatch("[0-9a-f]{64}", shown["continuation_token"])


def test_start_resume_continues_with_the_token_and_notes_a_fresh_chat_without(stack):
    start = ("start", "--url", stack.start_chat_url, "--name", "Ada")
    first = json.loads(cli(*start, "--show-tokens").stdout)
    past, token = first["contact_id"], first["continuation_token"]
    resumed = cli(*start, "--resume", past, "--continuation-token", token)
    assert json.loads(resumed.stdout)["continued_from_contact_id"] == past
    assert resumed.stderr == ""
    from_env = cli(*start, "--resume", past, env={"CHAT_CONTINUATION_TOKEN": token})
    assert json.loads(from_env.stdout)["continued_from_contact_id"] == past
    refused = cli(*start, "--resume", past, "--continuation-token", "0" * 64)
    assert "continued_from_contact_id" not in json.loads(refused.stdout)
    assert (
        refused.stderr == f"chat-client: note: chat {past} cannot be continued; started a new one\n"
    )
    tokenless = cli(*start, "--resume", past, env={"CHAT_CONTINUATION_TOKEN": ""})
    assert tokenless.returncode == 0, tokenless.stderr
    assert "continued_from_contact_id" not in json.loads(tokenless.stdout)
    assert tokenless.stderr == (
        f"chat-client: note: chat {past} cannot be continued without its continuation token "
        "(--continuation-token or CHAT_CONTINUATION_TOKEN); started a new one\n"
    )


def test_smoke_passes_every_step_and_prints_latencies(stack):
    result = cli("smoke", "--url", stack.start_chat_url, env=stack.client_env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[:6]] == [
        "endpoint",
        "start",
        "connect",
        "send",
        "transcript",
        "disconnect",
    ]
    assert all(line.startswith("ok ") and line.endswith(" ms") for line in lines[:6])
    assert lines[6] == "smoke: passed"
    assert "ptok-" not in result.stdout + result.stderr


def test_smoke_json_for_ci(stack):
    result = cli("smoke", "--url", stack.start_chat_url, "--json", env=stack.client_env)
    report = json.loads(result.stdout)
    assert (result.returncode, report["ok"]) == (0, True)
    assert [s["name"] for s in report["steps"]] == [
        "endpoint",
        "start",
        "connect",
        "send",
        "transcript",
        "disconnect",
    ]
    assert all(isinstance(s["ms"], float) for s in report["steps"])


def test_smoke_names_the_failing_step_and_starts_no_chat_it_cannot_join(stack):
    env = {**stack.client_env, "AWS_ENDPOINT_URL_CONNECTPARTICIPANT": "http://127.0.0.1:9"}
    before = len(stack.control("requests", "GET"))
    result = cli("smoke", "--url", stack.start_chat_url, env=env)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("FAIL endpoint")
    assert "cannot reach the Participant Service at http://127.0.0.1:9" in result.stdout
    assert result.stdout.splitlines()[-1] == "smoke: failed at endpoint"
    assert "Traceback" not in result.stdout + result.stderr
    assert_no_chat_started(stack, before)


def assert_no_chat_started(stack, before: int) -> None:
    calls = stack.control("requests", "GET")[before:]
    assert [c for c in calls if c["path"] == "/contact/chat"] == []


def test_talk_settles_endpoint_and_region_before_starting_a_chat(stack):
    """Forgetting either is one line on stderr with a hint, and no orphan chat."""
    before = len(stack.control("requests", "GET"))
    no_endpoint = {**stack.client_env, "AWS_ENDPOINT_URL_CONNECTPARTICIPANT": "http://127.0.0.1:9"}
    no_region = {k: "" for k in ("AWS_REGION", "AWS_DEFAULT_REGION")}
    talk = ("talk", "--url", stack.start_chat_url, "--name", "Ada")
    for env, hint in (
        (no_endpoint, "set AWS_ENDPOINT_URL_CONNECTPARTICIPANT"),
        (no_region, "set AWS_REGION"),
    ):
        result = cli(*talk, env=env, stdin="")
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("chat-client: error: ")
        assert hint in result.stderr
        assert "Unclosed" not in result.stderr
    assert_no_chat_started(stack, before)


def test_bad_input_is_one_line_and_non_zero(stack):
    unreachable = cli("start", "--url", "http://127.0.0.1:9/chat", "--name", "Ada")
    refused = cli("start", "--url", stack.start_chat_url, "--name", "Ada", "--attr", "nope=1")
    missing = cli("start", "--name", "Ada")
    for result in (unreachable, refused):
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("chat-client: error: ")
    assert "400 Invalid request" in refused.stderr
    assert missing.returncode == 2
    assert "--url" in missing.stderr
    for result in (unreachable, refused, missing):
        assert "Traceback" not in result.stderr


def test_talk_sends_lines_prints_replies_and_quits_cleanly(stack):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "chat_client",
            "talk",
            "--url",
            stack.start_chat_url,
            "--name",
            "Ada",
        ],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **stack.client_env, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdin
    assert process.stdout
    seen: list[str] = []
    deadline = time.monotonic() + 30
    process.stdin.write("hello from the terminal\n")
    process.stdin.flush()
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen.append(line)
        if "You said: hello from the terminal" in line:
            break
    process.stdin.write("/quit\n")
    process.stdin.flush()
    out, err = process.communicate(timeout=30)
    transcript = "".join(seen) + out
    assert process.returncode == 0, err
    assert "Local Agent (agent) joined" in transcript
    assert "Local Agent (agent): You said: hello from the terminal" in transcript
    assert "(customer): hello from the terminal" not in transcript, "typed lines show once"
    assert transcript.rstrip().endswith("disconnected")


def test_talk_leaves_by_itself_when_the_chat_ends(stack):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "chat_client",
            "talk",
            "--url",
            stack.start_chat_url,
            "--name",
            "Ada",
        ],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,  # kept open: nobody presses Enter
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **stack.client_env, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout
    contact = None
    deadline = time.monotonic() + 30
    while contact is None and time.monotonic() < deadline:
        found = re.search(r"chat started \(contact ([0-9a-f-]{36})\)", process.stdout.readline())
        contact = found and found.group(1)
    assert contact, "talk started a chat"
    while "joined" not in process.stdout.readline() and time.monotonic() < deadline:
        pass  # connected: the agent's arrival is shown
    stack.control(f"contacts/{contact}/end")
    try:
        process.wait(timeout=20)  # stdin stays open: closing it would be a Ctrl-D
    finally:
        process.kill()
    out, err = process.stdout.read(), process.stderr.read()
    assert process.returncode == 0, err
    assert "The chat has ended." in out
    assert out.rstrip().endswith("disconnected")


def test_start_prints_the_fields_the_api_names(stack):
    result = cli("start", "--url", stack.start_chat_url, "--name", "Ada", "--attr", "secret=1")
    assert result.returncode == 1
    assert "Attributes.secret: is not an allowed attribute" in result.stderr
