"""The handler's telemetry (lambda/start_chat/telemetry.py) in the shape CloudWatch reads: one
JSON log line per request with the environment's `service`, EMF counts in the namespace and
with the `service` dimension the alarms read, and ColdStart once per execution environment."""

import json

import pytest

from telemetry import Metrics
from tests.lambda_helpers import DEV, emf_lines, invoke, load_event

CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "sntnl-token"}


def test_a_request_prints_its_counts_in_the_namespace_with_the_service_dimension(
    connect_stub, capfd
):
    connect_stub.add_response("start_chat_contact", CHAT)
    invoke(load_event("start_chat"))
    (line,) = [m for m in emf_lines(capfd.readouterr().out) if "ChatStarted" in m]
    (directive,) = line["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "ConnectChatStarter"
    assert directive["Dimensions"] == [["service"]]
    assert directive["Metrics"] == [{"Name": "ChatStarted", "Unit": "Count"}]
    assert line["service"] == f"connect-chat-starter-{DEV.name}"


def test_the_log_line_names_the_service(connect_stub, handler_logs):
    connect_stub.add_response("start_chat_contact", CHAT)
    invoke(load_event("start_chat"))
    (line,) = [json.loads(text) for text in handler_logs.getvalue().splitlines()]
    assert line["service"] == f"connect-chat-starter-{DEV.name}"
    assert line["logger"] == "start_chat"
    assert line["message"] == "start chat"


class Context:
    function_name = "ChatStarter-test"


def test_cold_start_is_counted_once_per_environment_by_function(capfd):
    metrics = Metrics(namespace="N", service="s")
    answer = {"statusCode": 200}
    flushing = metrics.flushed_after(lambda event, context: answer)
    assert flushing({}, Context()) is answer
    assert flushing({}, Context()) is answer
    (cold,) = emf_lines(capfd.readouterr().out)  # no counts: no line of their own
    assert cold["ColdStart"] == [1.0]
    assert cold["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [["function_name", "service"]]
    assert (cold["function_name"], cold["service"]) == ("ChatStarter-test", "s")


def test_counts_are_printed_even_when_the_handler_raises(capfd):
    metrics = Metrics(namespace="N", service="s")

    def failing(event, context):
        metrics.count("Counted")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        metrics.flushed_after(failing)({}, Context())
    lines = emf_lines(capfd.readouterr().out)
    assert [line.get("Counted") for line in lines] == [None, [1.0]]  # ColdStart, then ours
