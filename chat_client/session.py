"""A participant's side of a chat: connection, websocket, messages, transcript, reconnects."""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

from chat_client import attachments, participant_api
from chat_client.api import ChatClientError, ChatDetails
from chat_client.items import AttachmentRef, ChatItem
from chat_client.masking import mask
from chat_client.participant_connection import ParticipantConnection
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
        self._http: aiohttp.ClientSession | None = None
        self._loop: SocketLoop | None = None
        self._connection: ParticipantConnection | None = None
        self._closed = False

    def __repr__(self) -> str:
        token = self._connection.token if self._connection else None
        return (
            f"ChatSession(contact_id={self.details.contact_id!r}, "
            f"connected={self.connected}, connection_token={mask(token)})"
        )

    @property
    def connected(self) -> bool:
        return self._loop is not None and not self._closed

    @property
    def reconnects(self) -> int:
        return self._loop.reconnects if self._loop else 0

    async def connect(self) -> None:
        client = await asyncio.to_thread(participant_api.participant_client, self._region)
        connection = ParticipantConnection(
            client, self.details.participant_token, renew_margin_seconds=self._margin
        )
        self._http = aiohttp.ClientSession()
        loop = SocketLoop(
            self._http, connection.open, self._recent_items, heartbeat_seconds=self._heartbeat
        )
        connection.renew, connection.ended = loop.renew_now, lambda: loop.ended
        self._connection, self._loop = connection, loop
        try:
            await loop.start()
        except BaseException:  # leave nothing open behind a failed connect
            await self.close()
            raise

    async def _call(self, operation: str, **params: Any) -> dict[str, Any]:
        if self._connection is None:
            raise ChatClientError("not connected: call connect() first")
        return await self._connection.call(operation, **params)

    async def send_message(self, text: str, content_type: str = "text/plain") -> str:
        response = await self._call("send_message", ContentType=content_type, Content=text)
        return str(response["Id"])

    async def send_attachment(self, path: Path) -> str:
        """Uploads a file (its scan verdict arrives as the attachment item, sent again)."""
        return await attachments.upload(self._call, self._client_http(), path)

    async def download_attachment(self, ref: AttachmentRef, folder: Path) -> Path:
        return await attachments.download(self._call, self._client_http(), ref, folder)

    async def send_receipt(self, item: ChatItem, kind: str) -> None:
        """Tells the sender their message was delivered to, or read by, this participant."""
        await self._call(
            "send_event",
            ContentType=f"application/vnd.amazonaws.connect.event.message.{kind}",
            Content=json.dumps({"messageId": item.id}),
        )

    async def mark_read(self, item: ChatItem) -> None:
        """On screen means read: both receipts, as AWS's chat widget sends them. A receipt is
        a courtesy, so a refused one does not stop the chat."""
        with contextlib.suppress(ChatClientError):
            for kind in ("delivered", "read"):
                await self.send_receipt(item, kind)

    def _client_http(self) -> aiohttp.ClientSession:
        if self._http is None:
            raise ChatClientError("not connected: call connect() first")
        return self._http

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
            "MaxResults": max_results,
            "SortOrder": "ASCENDING",
            "ScanDirection": "BACKWARD",
        }
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
        async for item in self._loop.stream.items():
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
