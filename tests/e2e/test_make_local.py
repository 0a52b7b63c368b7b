"""`make local` as a newcomer meets it: ports chosen through make, a busy port explained in
one line, and a Try-it line that works as printed, sign-in token included."""

import os
import signal
import socket
import subprocess
import sys
import urllib.request

from tests.conftest import REPO_ROOT

VENV_PATH = f"{REPO_ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"


def test_a_busy_port_is_one_line_naming_the_make_variable():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        direct = subprocess.run(
            [sys.executable, "-m", "local", "--api-port", "0", "--aws-port", str(port)],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        via_make = subprocess.run(
            ["make", "-s", "local", "API_PORT=0", f"AWS_PORT={port}"],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert direct.returncode != 0
    assert direct.stderr == (
        f"local: cannot start: port {port} is in use by another program; choose another with "
        f"make local AWS_PORT=<port> (python -m local --aws-port <port>)\n"
    )
    assert via_make.returncode != 0
    assert via_make.stderr.splitlines()[0] == direct.stderr.strip()


def test_the_try_it_line_of_a_jwt_environment_works_as_printed():
    stack = subprocess.Popen(
        [sys.executable, "-m", "local", "--env", "staging", "--api-port", "0", "--aws-port", "0",
         "--cdn-port", "0", "--agent-delay", "0.05"],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert stack.stdout is not None
        lines = [stack.stdout.readline() for _ in range(7)]
        assert lines[5] == "Try it:\n", lines
        widget = lines[4].split('src="', 1)[1].split('"', 1)[0]  # the CDN stand-in's tag
        with urllib.request.urlopen(widget, timeout=10) as served:
            assert served.headers["Cache-Control"] == "public, max-age=300"
            assert served.read(64)
        try_it = lines[6].strip()
        assert '--token "$(make -s local-token ENV=staging)"' in try_it
        talk = subprocess.run(
            ["bash", "-c", try_it], cwd=REPO_ROOT, input="/quit\n", capture_output=True,
            text=True, timeout=120, check=False, env={**os.environ, "PATH": VENV_PATH},
        )  # fmt: skip
        assert talk.returncode == 0, talk.stderr
        assert talk.stdout.startswith("chat started (contact ")
        assert talk.stdout.rstrip().endswith("disconnected")
    finally:
        stack.send_signal(signal.SIGTERM)
        stack.wait(timeout=10)
