"""`make local` as a newcomer meets it: ports chosen through make, a busy port explained in
one line, the origins it accepts listed and added to with ALLOW_ORIGINS, and a Try-it line
that works as printed, sign-in token included."""

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from typing import IO

import pytest

from local.__main__ import parse_args
from tests.conftest import REPO_ROOT

VENV_PATH = f"{REPO_ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"


def startup_lines(stdout: IO[str] | None) -> list[str]:
    """What the stack prints on starting, up to and including its Try-it command."""
    assert stdout is not None
    lines = [stdout.readline()]
    while lines[-1] not in ("Try it:\n", ""):
        lines.append(stdout.readline())
    return [*lines, stdout.readline()]


def test_a_busy_port_is_one_line_naming_the_make_variable():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        direct = subprocess.run(
            [sys.executable, "-m", "local", "--api-port", "0", "--aws-port", str(port)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        via_make = subprocess.run(
            ["make", "-s", "local", "API_PORT=0", f"AWS_PORT={port}"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert direct.returncode != 0
    assert direct.stderr == (
        f"local: cannot start: port {port} is in use by another program; choose another with "
        f"make local AWS_PORT=<port> (python -m local --aws-port <port>)\n"
    )
    assert via_make.returncode != 0
    assert via_make.stderr.splitlines()[0] == direct.stderr.strip()


def test_the_try_it_line_of_a_jwt_environment_works_as_printed():
    stack = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "local",
            "--env",
            "staging",
            "--api-port",
            "0",
            "--aws-port",
            "0",
            "--cdn-port",
            "0",
            "--agent-delay",
            "0.05",
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = startup_lines(stack.stdout)
        assert lines[-2] == "Try it:\n", lines
        widget = lines[4].split('src="', 1)[1].split('"', 1)[0]  # the CDN stand-in's tag
        with urllib.request.urlopen(widget, timeout=10) as served:
            assert served.headers["Cache-Control"] == "public, max-age=300"
            assert served.read(64)
        try_it = lines[-1].strip()
        assert '--token "$(make -s local-token ENV=staging)"' in try_it
        talk = subprocess.run(
            ["bash", "-c", try_it],
            cwd=REPO_ROOT,
            input="/quit\n",
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "PATH": VENV_PATH},
        )
        assert talk.returncode == 0, talk.stderr
        assert talk.stdout.startswith("chat started (contact ")
        assert talk.stdout.rstrip().endswith("disconnected")
    finally:
        stack.send_signal(signal.SIGTERM)
        stack.wait(timeout=10)


def post_chat(url: str, origin: str) -> tuple[int, str | None, dict]:
    """POST /chat as a page on `origin`: status, Access-Control-Allow-Origin, body."""
    request = urllib.request.Request(
        url,
        method="POST",
        data=json.dumps({"ParticipantDetails": {"DisplayName": "Ada"}}).encode(),
        headers={"Content-Type": "application/json", "Origin": origin},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers["Access-Control-Allow-Origin"], json.load(answer)
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers["Access-Control-Allow-Origin"], json.load(refused)


def test_allow_origins_adds_origins_that_may_start_chats_and_the_startup_lists_them():
    # setup is make test's; only the local target's handling of ALLOW_ORIGINS is tested here
    stack = subprocess.Popen(
        [
            "make",
            "-s",
            "-o",
            "setup",
            "local",
            "ENV=dev",
            "API_PORT=0",
            "AWS_PORT=0",
            "CDN_PORT=0",
            "ALLOW_ORIGINS=https://a.example,http://localhost:3000",
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PATH": VENV_PATH},
        start_new_session=True,
    )
    try:
        lines = startup_lines(stack.stdout)
        start_chat_url = lines[1].split()[1]
        listed = dict(line.split(maxsplit=1) for line in lines if line.startswith("    "))
        assert listed["https://a.example"] == "ALLOW_ORIGINS\n"
        assert listed["http://localhost:3000"] == "ALLOW_ORIGINS\n"
        assert listed["https://dev.example.com"] == "allowedOrigins (dev, cdk.json)\n"
        assert "https://b.example" not in listed
        for origin in ("https://a.example", "http://localhost:3000"):
            status, allow_origin, body = post_chat(start_chat_url, origin)
            assert (status, allow_origin) == (200, origin), body
            assert body["ContactId"]
        status, allow_origin, body = post_chat(start_chat_url, "https://b.example")
        assert (status, allow_origin) == (403, None)
        assert body["type"].endswith(":origin-not-allowed")
    finally:
        os.killpg(stack.pid, signal.SIGTERM)  # make and the stack it started
        stack.wait(timeout=10)


@pytest.mark.parametrize("value", ["https://a.example/", "https://a.example/app", "A.example", "*"])
def test_allow_origin_refuses_what_no_browser_sends_as_an_origin(value, capsys):
    with pytest.raises(SystemExit):
        parse_args(["--allow-origin", f"https://ok.example,{value}"])
    assert f"{value!r} is not an origin" in capsys.readouterr().err
