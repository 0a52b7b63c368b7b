"""Calling our POST /chat (the stack's StartChatUrl): the first half of every chat."""

import json
import re
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any

from chat_client.errors import ChatClientError, StartChatError, problem_from
from chat_client.masking import mask

__all__ = ["ChatClientError", "ChatDetails", "StartChatError", "start_chat"]

TIMEOUT_SECONDS = 15
CONTINUATION_TOKEN = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, kw_only=True)
class ChatDetails:
    contact_id: str
    participant_id: str
    participant_token: str
    continued_from_contact_id: str | None = None
    # What a later chat must bring to continue this one (start_chat's resume_from).
    continuation_token: str | None = None

    def __repr__(self) -> str:
        return (
            f"ChatDetails(contact_id={self.contact_id!r}, participant_id={self.participant_id!r}, "
            f"participant_token={mask(self.participant_token)}, "
            f"continuation_token={mask(self.continuation_token)})"
        )

    def as_json(self, *, show_tokens: bool = False) -> dict[str, Any]:
        details = {k: v for k, v in asdict(self).items() if v is not None}
        if not show_tokens:
            details["participant_token"] = mask(self.participant_token)
            if self.continuation_token is not None:
                details["continuation_token"] = mask(self.continuation_token)
        return details


def start_chat(
    url: str,
    display_name: str,
    *,
    attributes: dict[str, str] | None = None,
    initial_message: str | None = None,
    idempotency_key: str | None = None,
    resume_from: str | None = None,
    continuation_token: str | None = None,
    token: str | None = None,
) -> ChatDetails:
    """POST the chat request; returns the details chatjs (or ChatSession) needs to join.
    `token`: the sign-in JWT that `jwt` environments ask for. With `resume_from` (an ended
    chat's contact ID) and `continuation_token` (that chat's ChatDetails.continuation_token)
    the new chat continues that one. Without the token, or if the API or Connect will not
    continue it, a fresh chat is started (continued_from_contact_id None)."""
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
    if resume_from and continuation_token:
        resume = {
            "SourceContactId": resume_from,
            "RehydrationType": "ENTIRE_PAST_SESSION",
            "ContinuationToken": continuation_token,
        }
        try:
            return _post(url, {**body, "PersistentChat": resume}, headers)
        except StartChatError as error:
            if not error.not_resumable:
                raise
    return _post(url, body, headers)


def _post(url: str, body: dict[str, Any], headers: dict[str, str]) -> ChatDetails:
    data = json.dumps(body).encode()
    # S310 (a URL's scheme): start_chat has checked it.
    request = urllib.request.Request(url, data, headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
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
        continuation_token=_continuation_token(result.get("ContinuationToken")),
    )


def _continuation_token(answered: object) -> str | None:
    """Only the token's own form is kept: anything else could never continue a chat."""
    if isinstance(answered, str) and CONTINUATION_TOKEN.fullmatch(answered):
        return answered
    return None


def not_continued_note(
    *, resume_from: str | None, continuation_token: str | None, details: ChatDetails
) -> str | None:
    """Why a chat asked to continue another is a new one, for a person; None if it is not."""
    if not resume_from or details.continued_from_contact_id is not None:
        return None
    if not continuation_token:
        return (
            f"chat {resume_from} cannot be continued without its continuation token "
            "(--continuation-token or CHAT_CONTINUATION_TOKEN); started a new one"
        )
    return f"chat {resume_from} cannot be continued; started a new one"
