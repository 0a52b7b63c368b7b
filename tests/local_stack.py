"""A running local stack for client and end-to-end tests (a real process on free ports)."""

import json
import subprocess
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from local.subprocess_stack import start_stack_process


@dataclass
class RunningStack:
    process: subprocess.Popen[str]
    start_chat_url: str
    aws_endpoint: str
    region: str
    widget_url: str
    output: deque[str] = field(default_factory=lambda: deque(maxlen=10_000))

    @property
    def client_env(self) -> dict[str, str]:
        return {"AWS_REGION": self.region, "AWS_ENDPOINT_URL_CONNECTPARTICIPANT": self.aws_endpoint}

    def control(self, path: str, method: str = "POST", body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.aws_endpoint}/_local/{path}", data=data, method=method
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def calls_made(self, method: str, path: str) -> int:
        """How many calls the AWS stand-ins have recorded, e.g. ("PUT", "/contact/chat")."""
        recorded = self.control("requests", method="GET")
        return sum(1 for c in recorded if c["method"] == method and c["path"] == path)

    def contacts_started(self) -> int:
        return self.calls_made("PUT", "/contact/chat")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_stack(*args: str) -> RunningStack:
    output: deque[str] = deque(maxlen=10_000)  # stdout and stderr lines, as they come
    process, urls = start_stack_process(*args, keep_output=output)
    return RunningStack(
        process,
        urls["StartChatUrl"],
        urls["AwsEndpoint"],
        urls["Region"],
        urls["WidgetScriptUrl"],
        output,
    )
