"""Connect's ClientToken, scoped to its caller: a keyed hash (the deployment's hashing key)
of who is asking, their Idempotency-Key and the request they made. Sent as it came, a key
would let anyone who guessed or replayed it (`order-42`) receive the first caller's
ContactId and ParticipantToken, and with them read and write that customer's chat.

- The same caller retrying the same request gets its chat back (Connect's idempotency).
- Another caller with the same key gets a chat of their own.
- The same caller reusing a key for a different request gets a new chat: the key names
  one request, not a slot (no state is kept to tell the two apart, so no 422)."""

import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

CLIENT_TOKEN = "ClientToken"  # noqa: S105 - a parameter name


def without_client_token(params: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in params.items() if name != CLIENT_TOKEN}


def client_token(key: bytes, *, caller: str, idempotency_key: str, params: dict[str, Any]) -> str:
    canonical = json.dumps(
        without_client_token(params), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    request_hash = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    material = json.dumps([caller, idempotency_key, request_hash], separators=(",", ":"))
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()


def scoped(
    params: dict[str, Any], *, caller: str, key: Callable[[], bytes] | None
) -> dict[str, Any]:
    """`params` with ClientToken scoped to `caller`. Raises stored_value.StoreUnavailable when
    the key cannot be read; with no key configured, the token is dropped: never sent raw."""
    if CLIENT_TOKEN not in params:
        return params
    unscoped = without_client_token(params)
    if key is None:
        return unscoped
    token = client_token(
        key(),
        caller=caller,
        idempotency_key=params[CLIENT_TOKEN],
        params=unscoped,
    )
    return {**unscoped, CLIENT_TOKEN: token}
