"""Continuing a past chat takes that chat's ContinuationToken: kept with its details (masked),
sent inside PersistentChat, never PersistentChat without it; a refused token or a chat
Connect will not continue starts afresh. Request bodies seen by a tiny test server."""

import contextlib
import json
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from chat_client import ChatDetails, StartChatError, start_chat
from tests.http_server import serving

PAST = "0f9c4d2a-7e1b-4c3d-9a8b-1e2f3a4b5c6d"
PAST_TOKEN, NEW_TOKEN = "a" * 64, "0123456789abcdef" * 4
PROBLEM = "urn:connect-chat-starter:problem:"
STARTED = {"ContactId": "c-2", "ParticipantId": "p-2", "ParticipantToken": "ptok-2"}


def api(*answers: tuple[int, dict[str, Any]]) -> tuple[type[BaseHTTPRequestHandler], list[Any]]:
    """A start-chat API that gives `answers` in turn; returns it and the bodies it received."""
    bodies: list[Any] = []
    queue = list(answers)

    class Api(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            status, answer = queue.pop(0)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(answer).encode())

        def log_message(self, *_: Any) -> None:
            pass

    return Api, bodies


def refusal(status: int, reason: str) -> tuple[int, dict[str, Any]]:
    return status, {"type": PROBLEM + reason, "title": "No", "detail": "no", "status": status}


def test_resume_sends_the_continuation_token_inside_persistent_chat():
    continued = {**STARTED, "ContinuedFromContactId": PAST, "ContinuationToken": NEW_TOKEN}
    handler, bodies = api((200, continued))
    with serving(handler) as origin:
        details = start_chat(origin, "Ada", resume_from=PAST, continuation_token=PAST_TOKEN)
    assert [body.get("PersistentChat") for body in bodies] == [
        {
            "SourceContactId": PAST,
            "RehydrationType": "ENTIRE_PAST_SESSION",
            "ContinuationToken": PAST_TOKEN,
        }
    ]
    assert (details.continued_from_contact_id, details.continuation_token) == (PAST, NEW_TOKEN)


def test_resume_without_a_continuation_token_never_sends_persistent_chat():
    handler, bodies = api((200, STARTED), (200, STARTED))
    with serving(handler) as origin:
        start_chat(origin, "Ada", resume_from=PAST)
        start_chat(origin, "Ada", resume_from=PAST, continuation_token="")
    assert [body.get("PersistentChat") for body in bodies] == [None, None]


@pytest.mark.parametrize(
    "refused", [refusal(403, "continuation-refused"), refusal(409, "chat-not-resumable")]
)
def test_a_refused_token_or_a_chat_connect_will_not_continue_starts_afresh(refused):
    handler, bodies = api(refused, (200, {**STARTED, "ContinuationToken": NEW_TOKEN}))
    with serving(handler) as origin:
        details = start_chat(origin, "Ada", resume_from=PAST, continuation_token=PAST_TOKEN)
    assert ["PersistentChat" in body for body in bodies] == [True, False]
    assert (details.continued_from_contact_id, details.continuation_token) == (None, NEW_TOKEN)


def test_other_refusals_of_a_resume_are_the_callers_to_see():
    handler, bodies = api(refusal(403, "origin-not-allowed"))
    with serving(handler) as origin, pytest.raises(StartChatError) as error:
        start_chat(origin, "Ada", resume_from=PAST, continuation_token=PAST_TOKEN)
    assert (error.value.status, len(bodies)) == (403, 1)


def test_a_start_chat_error_passes_through_a_with_block():
    @contextlib.contextmanager
    def block():
        yield

    with pytest.raises(StartChatError), block():
        raise StartChatError(403, "No", "no")


def test_an_answered_token_not_in_the_tokens_form_is_not_kept():
    handler, _ = api(*[(200, {**STARTED, "ContinuationToken": bad}) for bad in ("A" * 64, 7)])
    with serving(handler) as origin:
        kept = [start_chat(origin, "Ada").continuation_token for _ in range(2)]
    assert kept == [None, None]


def test_the_continuation_token_is_masked_unless_tokens_are_shown():
    details = ChatDetails(
        contact_id="c", participant_id="p", participant_token="ptok", continuation_token=NEW_TOKEN
    )
    assert NEW_TOKEN not in repr(details)
    assert details.as_json()["continuation_token"] == "***masked***"
    assert details.as_json(show_tokens=True)["continuation_token"] == NEW_TOKEN
    assert "continuation_token" not in ChatDetails(
        contact_id="c", participant_id="p", participant_token="ptok"
    ).as_json(show_tokens=True)
