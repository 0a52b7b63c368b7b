"""The handler's data flows one way: contract.parse reads the event and returns all that
later steps need; nothing after it goes back to the event."""

from typing import Any

import contract
from tests.lambda_helpers import handler, invoke, load_event

STARTED = {"ContactId": "c", "ParticipantId": "p", "ParticipantToken": "t"}


class Watched(dict[str, Any]):
    """An event that notes every read of its top-level keys once `parsed` is set."""

    parsed = False

    def __init__(self, event: dict[str, Any]) -> None:
        super().__init__(event)
        self.late: list[str] = []

    def __getitem__(self, key: str) -> Any:
        if Watched.parsed:
            self.late.append(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if Watched.parsed:
            self.late.append(key)
        return super().get(key, default)


def test_nothing_after_the_contract_reads_the_event(connect_stub, monkeypatch):
    parse = contract.parse

    def parse_then_watch(*args: Any) -> contract.ChatRequest:
        request = parse(*args)
        Watched.parsed = True
        return request

    monkeypatch.setattr(handler.contract, "parse", parse_then_watch)
    monkeypatch.setattr(Watched, "parsed", False)
    event = Watched(load_event("start_chat_jwt"))
    connect_stub.add_response("start_chat_contact", STARTED)
    status, _, _ = invoke(event)
    assert status == 200
    assert Watched.parsed, "the request went through contract.parse"
    assert event.late == []


def test_the_parsed_request_names_its_caller_source_and_subject():
    event = load_event("start_chat_jwt")
    request = contract.parse(event, contract.route_of(event), handler.settings)
    assert request.subject
    assert request.caller == f"sub:{request.subject}"
    assert request.source_ip == event["requestContext"]["http"]["sourceIp"]
