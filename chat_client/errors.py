"""What stops a chat from starting, as one line a person can read."""

import json
import urllib.error
from dataclasses import dataclass

SIGN_IN_NEEDED = "this environment needs a valid sign-in token (chat-client: --token or CHAT_TOKEN)"


class ChatClientError(Exception):
    """Anything that stops a chat; str() is one line meant for a person."""


@dataclass(frozen=True)
class StartChatError(ChatClientError):
    """Our API answered with an RFC 9457 problem (or something else that is not a chat)."""

    status: int
    title: str
    detail: str
    retry_after: str | None = None
    type: str = ""

    def __str__(self) -> str:
        wait = f" (retry after {self.retry_after} s)" if self.retry_after else ""
        return f"start chat failed: {self.status} {self.title}: {self.detail}{wait}"

    @property
    def not_resumable(self) -> bool:
        """Connect would not continue the earlier chat: start a fresh one instead."""
        return self.status == 409 and self.type.endswith(":chat-not-resumable")


def problem_from(error: urllib.error.HTTPError) -> StartChatError:
    retry_after = error.headers.get("Retry-After")
    if error.code == 401:  # API Gateway's JWT authorizer: no token, or not a valid one
        return StartChatError(401, "Unauthorized", SIGN_IN_NEEDED)
    try:
        problem = json.loads(error.read())
        return StartChatError(
            error.code,
            str(problem["title"]),
            str(problem["detail"]),
            retry_after,
            str(problem.get("type", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return StartChatError(
            error.code, error.reason or "HTTP error", "not a problem+json answer", retry_after
        )
