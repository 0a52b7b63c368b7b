"""A running local stack for client and end-to-end tests (a real process on free ports)."""

import json
import subprocess
import urllib.request
from dataclasses import dataclass
from typing import Any

from local.subprocess_stack import start_stack_process


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
    process, urls = start_stack_process(*args)
    return RunningStack(process, urls["StartChatUrl"], urls["AwsEndpoint"], urls["Region"])
