"""What stops a chat from starting, as one line a person can read."""

import json
import urllib.error
from dataclasses import dataclass

from chat_client.safe_text import safe_text

# (status, problem type's last part) that say: start a new chat without PersistentChat.
RESTART_AFRESH = {(409, "chat-not-resumable"), (403, "continuation-refused")}
SIGN_IN_NEEDED = "this environment needs a valid sign-in token (chat-client: --token or CHAT_TOKEN)"


class ChatClientError(Exception):
    """Anything that stops a chat; str() is one line meant for a person."""


# Not frozen: raising it through a `with` block sets __traceback__, which frozen refuses.
@dataclass(eq=False)
class StartChatError(ChatClientError):
    """Our API answered with an RFC 9457 problem (or something else that is not a chat)."""

    status: int
    title: str
    detail: str
    retry_after: str | None = None
    type: str = ""
    errors: tuple[tuple[str, str], ...] = ()  # (field, what is wrong), as the API names them

    def __str__(self) -> str:
        wait = f" (retry after {self.retry_after} s)" if self.retry_after else ""
        fields = "".join(f"; {field}: {message}" for field, message in self.errors)
        line = f"start chat failed: {self.status} {self.title}: {self.detail}{fields}{wait}"
        return safe_text(line, one_line=True)

    @property
    def not_resumable(self) -> bool:
        """Connect would not continue the earlier chat, or the API refused its continuation
        token: start a fresh one instead."""
        return (self.status, self.type.rpartition(":")[2]) in RESTART_AFRESH


def problem_from(error: urllib.error.HTTPError) -> StartChatError:
    retry_after = error.headers.get("Retry-After")
    if error.code == 401:  # API Gateway's JWT authorizer: no token, or not a valid one
        return StartChatError(401, "Unauthorized", SIGN_IN_NEEDED)
    try:
        problem = json.loads(error.read())
        listed = problem.get("errors")
        return StartChatError(
            error.code,
            str(problem["title"]),
            str(problem["detail"]),
            retry_after,
            str(problem.get("type", "")),
            tuple(
                (str(e.get("field", "")), str(e.get("message", "")))
                for e in (listed if isinstance(listed, list) else [])
                if isinstance(e, dict)
            ),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return StartChatError(
            error.code, error.reason or "HTTP error", "not a problem+json answer", retry_after
        )
