"""What the local HTTP API refuses before the handler, it answers as API Gateway does (JSON
`{"message"}`, nothing quoted); past reserved concurrency it refuses instead of queueing; the
stack's log holds one record per line."""

import json
import socket
import threading
import time
import urllib.parse

import pytest

from tests.local.test_gateway import call
from tests.local_stack import start_stack

NAME = json.dumps({"ParticipantDetails": {"DisplayName": "Ada"}}).encode()
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def slow_stack():
    """Every Connect call takes 1.5 s, so concurrent requests overlap for sure."""
    running = start_stack("--no-agent", "--latency-ms", "1500")
    yield running
    running.stop()


def raw_request(url: str, head: bytes, body: bytes = b"") -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head + b"\r\n\r\n" + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status_line, _, rest = data.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


@pytest.mark.parametrize(
    "bad_header",
    [b"Idempotency-Key: SECRET\x01", b"Content-Type: application/json\r\nContent-Type: text/plain"],
)
def test_malformed_headers_get_api_gateways_400_and_are_never_quoted(slow_stack, bad_header):
    head = b"POST /chat HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n" + bad_header
    status, body = raw_request(slow_stack.start_chat_url, head, b"{}")
    assert (status, json.loads(body)) == (400, {"message": "Bad Request"})
    time.sleep(0.2)  # let the stack's log lines arrive
    assert not any("SECRET" in line or "text/plain" in line for line in slow_stack.output)


def test_a_body_under_api_gateways_limit_reaches_the_handler(slow_stack):
    status, headers, body = call(slow_stack.start_chat_url, "POST", JSON, b"x" * 2_000_000)
    assert (status, headers["Content-Type"]) == (413, "application/problem+json")
    assert json.loads(body)["type"].endswith(":body-too-large")


def test_a_body_over_api_gateways_limit_is_its_413(slow_stack):
    status, _, body = call(slow_stack.start_chat_url, "POST", JSON, b"x" * 11_000_000)
    assert status == 413
    assert json.loads(body) == {"message": "Request Entity Too Large"}


def test_past_reserved_concurrency_requests_are_refused_not_queued(slow_stack):
    """dev reserves 5 environments: of 8 simultaneous starts, 3 are refused at once."""
    answers: list[tuple[float, int, bytes]] = []

    def start() -> None:
        status, _, body = call(slow_stack.start_chat_url, "POST", JSON, NAME)
        answers.append((time.monotonic(), status, body))

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers.sort()
    statuses = [status for _, status, _ in answers]
    assert sorted(statuses) == [200] * 5 + [500] * 3
    assert statuses[:3] == [500] * 3, "the refusals come back before any chat is started"
    assert json.loads(answers[0][2]) == {"message": "Internal Server Error"}


def test_origin_reaches_the_handler(slow_stack):
    status, _, body = call(
        slow_stack.start_chat_url, "POST", {**JSON, "Origin": "https://evil.example"}, NAME
    )
    assert (status, json.loads(body)["type"]) == (
        403,
        "urn:connect-chat-starter:problem:origin-not-allowed",
    )


def test_every_log_line_is_one_record(slow_stack):
    threads = [
        threading.Thread(target=call, args=(slow_stack.start_chat_url, "POST", JSON, NAME))
        for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(0.2)
    records = [line for line in slow_stack.output if line.startswith("{")]
    assert len(records) >= 10  # a log line and an EMF line per request
    for line in records:
        json.loads(line)  # two records on one line would not parse
