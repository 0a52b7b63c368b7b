"""A participant's side of a chat: connection, websocket, messages, transcript, reconnects."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import datetime
from types import TracebackType
from typing import Any

import aiohttp

from chat_client import participant_api
from chat_client.api import ChatClientError, ChatDetails
from chat_client.items import ChatItem
from chat_client.masking import mask
from chat_client.socket_loop import SocketLoop


class ChatSession:
    """`async with ChatSession(details) as chat:` connects; leaving the block disconnects."""

    def __init__(
        self,
        details: ChatDetails,
        *,
        region: str | None = None,
        heartbeat_seconds: float = 10.0,
        renew_margin_seconds: float = 60.0,
    ) -> None:
        self.details = details
        self._region = participant_api.resolve_region(region)
        self._heartbeat, self._margin = heartbeat_seconds, renew_margin_seconds
        self._client: Any = None
        self._http: aiohttp.ClientSession | None = None
        self._loop: SocketLoop | None = None
        self._connection_token: str | None = None
        self._closed = False

    def __repr__(self) -> str:
        return (
            f"ChatSession(contact_id={self.details.contact_id!r}, "
            f"connected={self.connected}, connection_token={mask(self._connection_token)})"
        )

    @property
    def connected(self) -> bool:
        return self._loop is not None and not self._closed

    @property
    def reconnects(self) -> int:
        return self._loop.reconnects if self._loop else 0

    async def connect(self) -> None:
        self._client = await asyncio.to_thread(participant_api.participant_client, self._region)
        self._http = aiohttp.ClientSession()
        self._loop = SocketLoop(
            self._http, self._open_connection, self._recent_items, heartbeat_seconds=self._heartbeat
        )
        await self._loop.start()

    async def _open_connection(self) -> tuple[str, float]:
        """CreateParticipantConnection; returns the websocket URL and when to renew (loop time)."""
        response = await self._call_unauthenticated(
            "create_participant_connection",
            ParticipantToken=self.details.participant_token,
            Type=["WEBSOCKET", "CONNECTION_CREDENTIALS"],
            ConnectParticipant=True,
        )
        self._connection_token = response["ConnectionCredentials"]["ConnectionToken"]
        now, loop_now = datetime.now().astimezone().timestamp(), asyncio.get_running_loop().time()
        expiry = (
            min(
                _epoch(response["ConnectionCredentials"]["Expiry"]),
                _epoch(response["Websocket"]["ConnectionExpiry"]),
            )
            - now
        )
        return response["Websocket"]["Url"], loop_now + expiry - min(self._margin, expiry / 5)

    async def send_message(self, text: str, content_type: str = "text/plain") -> str:
        response = await self._call("send_message", ContentType=content_type, Content=text)
        return str(response["Id"])

    async def send_typing(self) -> None:
        await self._call("send_event", ContentType="application/vnd.amazonaws.connect.event.typing")

    async def get_transcript(
        self, max_results: int = 100, sort_order: str = "ASCENDING"
    ) -> list[ChatItem]:
        """The whole transcript in `sort_order`, following NextToken. Pages come newest first
        (ScanDirection BACKWARD), each in ascending order; timestamps may tie, so the order
        is the service's, not a sort by time."""
        pages: list[list[dict[str, Any]]] = []
        params: dict[str, Any] = {
            "MaxResults": max_results, "SortOrder": "ASCENDING", "ScanDirection": "BACKWARD"
        }  # fmt: skip
        while True:
            page = await self._call("get_transcript", **params)
            pages.append(page.get("Transcript", []))
            if not page.get("NextToken"):
                break
            params["NextToken"] = page["NextToken"]
        items = [ChatItem.from_service(item) for page in reversed(pages) for item in page]
        return items[::-1] if sort_order == "DESCENDING" else items

    async def _recent_items(self) -> list[ChatItem]:
        page = await self._call("get_transcript", MaxResults=100, ScanDirection="BACKWARD")
        return [ChatItem.from_service(item) for item in page.get("Transcript", [])]

    async def items(self) -> AsyncIterator[ChatItem]:
        """Incoming messages and events, until the chat ends or the session closes."""
        if self._loop is None:
            raise ChatClientError("not connected: call connect() first")
        async for item in self._loop.items():
            yield item

    async def disconnect(self) -> None:
        if self._loop and not self._loop.ended:
            with contextlib.suppress(ChatClientError):
                await self._call("disconnect_participant")
        await self.close()

    async def close(self) -> None:
        self._closed = True
        if self._loop:
            await self._loop.stop()
        if self._http:
            await self._http.close()

    async def __aenter__(self) -> "ChatSession":
        await self.connect()
        return self

    async def __aexit__(
        self, *_: type[BaseException] | BaseException | TracebackType | None
    ) -> None:
        await self.disconnect()

    async def _call_unauthenticated(self, operation: str, **params: Any) -> dict[str, Any]:
        try:
            return dict(await asyncio.to_thread(getattr(self._client, operation), **params))
        except Exception as error:  # botocore's errors, one line each
            raise participant_api.as_chat_error(operation, error) from None

    async def _call(self, operation: str, **params: Any) -> dict[str, Any]:
        """A call authorized by the connection token; renews the connection once if the token
        was refused (expired or replaced) and the chat is still on."""
        if self._loop is None:
            raise ChatClientError("not connected: call connect() first")
        try:
            return await self._call_unauthenticated(
                operation, ConnectionToken=self._connection_token, **params
            )
        except participant_api.AccessDenied:
            if self._loop.ended:
                raise
            await self._loop.renew_now()
            return await self._call_unauthenticated(
                operation, ConnectionToken=self._connection_token, **params
            )


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
