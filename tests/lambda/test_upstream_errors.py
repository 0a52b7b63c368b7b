"""Connect failures map to honest statuses; AWS messages and ARNs never reach the browser."""

import http.server
import json
import socket
import threading

import pytest

from aws_clients import WORST_CASE_SECONDS, create_connect_client
from infra.cdk.start_chat_function import FUNCTION_TIMEOUT
from tests.http_server import serving
from tests.lambda_helpers import handler, invoke, load_event, metric_names

ARN = "arn:aws:connect:us-east-1:111111111111:instance/11111111-1111-4111-8111-111111111111"
AWS_MESSAGE = f"User is not authorized on resource {ARN} sntnl"

CASES = [
    ("ThrottlingException", 429, 429, "throttled", "2"),
    ("TooManyRequestsException", 429, 429, "throttled", "2"),
    ("LimitExceededException", 429, 429, "throttled", "30"),
    ("InternalServiceException", 500, 503, "upstream-unavailable", "5"),
    ("ServiceUnavailableException", 503, 503, "upstream-unavailable", "5"),
    ("AccessDeniedException", 403, 502, "upstream-rejected", None),
    ("ResourceNotFoundException", 404, 502, "upstream-rejected", None),
    ("InvalidRequestException", 400, 502, "upstream-rejected", None),
    ("SomethingNewException", 400, 502, "upstream-rejected", None),
]


@pytest.mark.parametrize(("code", "aws_status", "status", "reason", "retry_after"), CASES)
def test_connect_error_maps_to_status_and_logs_only_the_code(
    connect_stub, handler_logs, code, aws_status, status, reason, retry_after
):
    connect_stub.add_client_error("start_chat_contact", code, AWS_MESSAGE, aws_status)
    got, headers, problem = invoke(load_event("start_chat"))
    assert (got, problem["status"]) == (status, status)
    assert problem["type"] == f"urn:connect-chat-starter:problem:{reason}"
    assert headers.get("Retry-After") == retry_after
    assert "arn:" not in json.dumps(problem)
    assert code not in json.dumps(problem)
    log = json.loads(handler_logs.getvalue().splitlines()[-1])
    assert (log["outcome"], log["aws_error_code"], log["status"]) == (
        "upstream-failed",
        code,
        status,
    )
    assert "arn:" not in handler_logs.getvalue(), "the AWS message (with ARNs) is not logged"


def test_connect_refusing_a_value_is_the_callers_422_and_pages_no_one(
    connect_stub, handler_logs, capfd
):
    """A value past a limit Connect did not document is refused with InvalidParameterException:
    before, that was a 502 and UpstreamFailed, an anonymous route to the 5xx alarms."""
    connect_stub.add_client_error(
        "start_chat_contact", "InvalidParameterException", AWS_MESSAGE, 400
    )
    got, _, problem = invoke(load_event("start_chat"))
    assert (got, problem["type"]) == (422, "urn:connect-chat-starter:problem:value-refused")
    names = metric_names(capfd.readouterr().out)
    assert {"ChatRejected", "ChatRejected.value-refused"} <= names
    assert not any(name.startswith("UpstreamFailed") for name in names)
    log = json.loads(handler_logs.getvalue().splitlines()[-1])
    assert (log["outcome"], log["aws_error_code"]) == (
        "rejected:value-refused",
        "InvalidParameterException",
    )


def test_unexpected_exception_is_a_500_without_internals(monkeypatch, handler_logs):
    class Broken:
        def start_chat_contact(self, **_):
            raise RuntimeError("database password sntnl-hunter2")

    monkeypatch.setattr(handler, "connect", Broken())
    got, _, problem = invoke(load_event("start_chat"))
    assert got == 500
    assert problem["type"] == "urn:connect-chat-starter:problem:internal-error"
    log = json.loads(handler_logs.getvalue().splitlines()[-1])
    assert (log["outcome"], log["error_type"]) == ("internal-error", "RuntimeError")
    assert any(frame.endswith(" start_chat_contact") for frame in log["traceback"])


@pytest.fixture
def silent_server():
    """A real TCP server that accepts requests and never answers."""

    class Hang(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):  # StartChatContact is PUT /contact/chat
            self.rfile.read(int(self.headers["Content-Length"]))
            threading.Event().wait(3)

    with serving(Hang) as origin:
        yield origin


def test_read_timeout_from_a_real_socket_is_a_504(monkeypatch, silent_server):
    client = create_connect_client(
        endpoint_url=silent_server, read_timeout=0.2, retries={"total_max_attempts": 1}
    )
    monkeypatch.setattr(handler, "connect", client)
    got, _, problem = invoke(load_event("start_chat"))
    assert got == 504
    assert problem["type"].endswith(":upstream-timeout")


def test_unreachable_endpoint_is_a_502(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    client = create_connect_client(
        endpoint_url=f"http://127.0.0.1:{port}", retries={"total_max_attempts": 1}
    )
    monkeypatch.setattr(handler, "connect", client)
    got, _, problem = invoke(load_event("start_chat"))
    assert got == 502
    assert problem["type"].endswith(":upstream-rejected")


def test_worst_case_of_timeouts_and_retries_fits_the_function_timeout():
    assert WORST_CASE_SECONDS == 2 * (1 + 4) + 1
    assert WORST_CASE_SECONDS < FUNCTION_TIMEOUT.to_seconds() < 30
