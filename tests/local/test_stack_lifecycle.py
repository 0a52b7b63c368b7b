"""The local stack leaves nothing running behind it, however it is stopped."""

import json
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from tests.local_stack import start_stack

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_lambda_environments_end_with_the_stack(signum):
    stack = start_stack("--no-agent")
    body = json.dumps({"ParticipantDetails": {"DisplayName": "Ada"}}).encode()
    request = urllib.request.Request(
        stack.start_chat_url, body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # starts an environment
        assert response.status == 200
    environments = children(stack.process.pid)
    assert environments, "the stack runs the handler in child processes"
    stack.process.send_signal(signum)
    stack.process.wait(timeout=15)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in environments) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in environments if alive(pid)]
