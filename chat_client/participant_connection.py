"""The Participant Service calls of one participant: CreateParticipantConnection (and when to
renew it), then calls authorized by its connection token, renewed once when refused."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from chat_client import participant_api
from chat_client.errors import ChatClientError

Renew = Callable[[], Awaitable[None]]


class ParticipantConnection:
    def __init__(self, client: Any, participant_token: str, *, renew_margin_seconds: float):
        self._client, self._participant_token = client, participant_token
        self._margin = renew_margin_seconds
        self.token: str | None = None  # the connection token; never printed
        self.renew: Renew | None = None  # set by the socket loop that owns the connection
        self.ended: Callable[[], bool] = lambda: False

    async def open(self) -> tuple[str, float]:
        """CreateParticipantConnection; returns the websocket URL and when to renew (loop time)."""
        response = await self.call_unauthenticated(
            "create_participant_connection",
            ParticipantToken=self._participant_token,
            Type=["WEBSOCKET", "CONNECTION_CREDENTIALS"],
            ConnectParticipant=True,
        )
        credentials, websocket = response["ConnectionCredentials"], response["Websocket"]
        self.token = credentials["ConnectionToken"]
        now, loop_now = datetime.now().astimezone().timestamp(), asyncio.get_running_loop().time()
        expiry = min(_epoch(credentials["Expiry"]), _epoch(websocket["ConnectionExpiry"])) - now
        return websocket["Url"], loop_now + expiry - min(self._margin, expiry / 5)

    async def call_unauthenticated(self, operation: str, **params: Any) -> dict[str, Any]:
        try:
            return dict(await asyncio.to_thread(getattr(self._client, operation), **params))
        except Exception as error:  # botocore's errors, one line each
            raise participant_api.as_chat_error(operation, error) from None

    async def call(self, operation: str, **params: Any) -> dict[str, Any]:
        """A call authorized by the connection token; renews the connection once if the token
        was refused (expired or replaced) and the chat is still on."""
        if self.renew is None:
            raise ChatClientError("not connected: call connect() first")
        try:
            return await self.call_unauthenticated(operation, ConnectionToken=self.token, **params)
        except participant_api.AccessDenied:
            if self.ended():
                raise
            await self.renew()
            return await self.call_unauthenticated(operation, ConnectionToken=self.token, **params)


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
