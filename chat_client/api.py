"""Calling our POST /chat (the stack's StartChatUrl): the first half of every chat."""

import json
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any

from chat_client.errors import ChatClientError, StartChatError, problem_from
from chat_client.masking import mask

__all__ = ["ChatClientError", "ChatDetails", "StartChatError", "start_chat"]

TIMEOUT_SECONDS = 15


@dataclass(frozen=True, kw_only=True)
class ChatDetails:
    contact_id: str
    participant_id: str
    participant_token: str
    continued_from_contact_id: str | None = None

    def __repr__(self) -> str:
        return (
            f"ChatDetails(contact_id={self.contact_id!r}, participant_id={self.participant_id!r}, "
            f"participant_token={mask(self.participant_token)})"
        )

    def as_json(self, *, show_tokens: bool = False) -> dict[str, Any]:
        details = {k: v for k, v in asdict(self).items() if v is not None}
        if not show_tokens:
            details["participant_token"] = mask(self.participant_token)
        return details


def start_chat(
    url: str,
    display_name: str,
    *,
    attributes: dict[str, str] | None = None,
    initial_message: str | None = None,
    idempotency_key: str | None = None,
    resume_from: str | None = None,
    token: str | None = None,
) -> ChatDetails:
    """POST the chat request; returns the details chatjs (or ChatSession) needs to join.
    `token`: the sign-in JWT that `jwt` environments ask for. With `resume_from` (an ended
    chat's contact ID) the new chat continues that one; if Connect will not continue it, a
    fresh chat is started (continued_from_contact_id None)."""
    if not url.startswith(("https://", "http://")):
        raise ChatClientError(f"not an http(s) URL: {url!r}")
    body: dict[str, Any] = {"ParticipantDetails": {"DisplayName": display_name}}
    if attributes:
        body["Attributes"] = attributes
    if initial_message:
        body["InitialMessage"] = {"ContentType": "text/plain", "Content": initial_message}
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    if token:  # environments with auth.type jwt: API Gateway checks it
        headers["Authorization"] = f"Bearer {token}"
    if resume_from:
        resume = {"SourceContactId": resume_from, "RehydrationType": "ENTIRE_PAST_SESSION"}
        try:
            return _post(url, {**body, "PersistentChat": resume}, headers)
        except StartChatError as error:
            if not error.not_resumable:
                raise
    return _post(url, body, headers)


def _post(url: str, body: dict[str, Any], headers: dict[str, str]) -> ChatDetails:
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")  # noqa: S310 - scheme checked by start_chat
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - idem
            result = json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise problem_from(error) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ChatClientError(f"cannot reach {url}: {reason}") from None
    return ChatDetails(
        contact_id=result["ContactId"],
        participant_id=result["ParticipantId"],
        participant_token=result["ParticipantToken"],
        continued_from_contact_id=result.get("ContinuedFromContactId"),
    )
