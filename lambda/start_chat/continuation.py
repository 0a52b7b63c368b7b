"""Who may continue a past chat. A contact ID is an identifier, not a secret: it shows up in
screenshots, tickets, logs and analytics. With only the ID, a stranger could start a chat
that continues someone else's, and Connect would rehydrate that whole past transcript into
the stranger's chat. So the start answer carries a continuation token, a keyed hash (the
deployment's hashing key) of the new contact ID and, where the caller signed in, their JWT
subject; a request with PersistentChat must bring the token of the chat it continues."""

import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

TOKEN_FIELD = "ContinuationToken"  # noqa: S105 - a field name
# Apart from ClientToken's material (idempotency.py), so one hash can never stand for the other.
PURPOSE = "continuation/v1"


class Refused(Exception):
    """PersistentChat without the token of the chat it names (or no key to check it)."""


def continuation_token(key: bytes, *, contact_id: str, subject: str | None) -> str:
    material = json.dumps([PURPOSE, contact_id.lower(), subject or ""], separators=(",", ":"))
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()


def checked(
    params: dict[str, Any], *, subject: str | None, key: Callable[[], bytes] | None
) -> dict[str, Any]:
    """`params` as Connect takes them (the token removed from PersistentChat), or raise
    Refused. Raises stored_value.StoreUnavailable when the key cannot be read."""
    persistent = params.get("PersistentChat")
    if persistent is None:
        return params
    sent = persistent.get(TOKEN_FIELD)
    if key is None or not isinstance(sent, str):
        raise Refused
    expected = continuation_token(key(), contact_id=persistent["SourceContactId"], subject=subject)
    if not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Refused
    source = {name: value for name, value in persistent.items() if name != TOKEN_FIELD}
    return {**params, "PersistentChat": source}
