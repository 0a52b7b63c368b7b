"""Runs `python -m local` as a real process on free ports, for client and end-to-end tests."""

import json
import os
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from typing import Any

from tests.conftest import REPO_ROOT


@dataclass
class RunningStack:
    process: subprocess.Popen[str]
    start_chat_url: str
    aws_endpoint: str
    region: str

    @property
    def client_env(self) -> dict[str, str]:
        return {"AWS_REGION": self.region, "AWS_ENDPOINT_URL_CONNECTPARTICIPANT": self.aws_endpoint}

    def control(self, path: str, method: str = "POST") -> Any:
        request = urllib.request.Request(f"{self.aws_endpoint}/_local/{path}", method=method)
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_stack(*args: str) -> RunningStack:
    process = subprocess.Popen(
        [sys.executable, "-m", "local", "--api-port", "0", "--aws-port", "0", "--json", *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    line = process.stdout.readline() if process.stdout else ""
    if not line:
        process.kill()
        raise RuntimeError(
            f"local stack did not start: {process.stderr.read() if process.stderr else ''}"
        )
    urls = json.loads(line)
    return RunningStack(process, urls["StartChatUrl"], urls["AwsEndpoint"], urls["Region"])
