"""`python -m local` as a child process on free ports: for tests, benchmarks and scripts."""

import json
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path
from typing import IO

REPO_ROOT = Path(__file__).resolve().parent.parent


def _drain(stream: IO[str], keep: deque[str] | None) -> None:
    for line in stream:  # the handler logs a line per request; a full pipe would stall the stack
        if keep is not None:
            keep.append(line)


def start_stack_process(
    *args: str, keep_output: deque[str] | None = None
) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """Starts the stack with `args` and returns it with its URLs (StartChatUrl, AwsEndpoint,
    Region, ApiUrl) once it is listening; its later output lines go to `keep_output`."""
    process = subprocess.Popen(  # noqa: S603 - our own module, our own arguments
        [
            sys.executable,
            "-m",
            "local",
            "--api-port",
            "0",
            "--aws-port",
            "0",
            "--cdn-port",
            "0",
            "--json",
            *args,
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    line = process.stdout.readline()
    if not line:
        process.kill()
        raise RuntimeError(f"the local stack did not start:\n{process.stderr.read()}")
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=_drain, args=(stream, keep_output), daemon=True).start()
    return process, json.loads(line)
