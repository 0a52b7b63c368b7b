"""The Participant Service websocket: aws/subscribe, heartbeats and pings, aws/chat items."""

import asyncio
import contextlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from local.chat_store import Contact, Participant


@dataclass
class _Socket:
    participant: Participant
    expires: float


class SocketRegistry:
    """Hands out ws://127.0.0.1 URLs (chatjs refuses ws://localhost) and serves them."""

    def __init__(
        self,
        *,
        websocket_ttl: float = 3600.0,
        on_subscribed: Callable[[Participant], None] = lambda _: None,
    ) -> None:
        self.websocket_ttl = websocket_ttl
        self.on_subscribed = on_subscribed
        self._sockets: dict[str, _Socket] = {}
        self._open: dict[str, set[asyncio.Transport]] = {}

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/websocket/{socket_id}", self.serve)]

    def open_for(self, participant: Participant, request: web.Request) -> tuple[str, float]:
        socket_id = secrets.token_urlsafe(24)
        expires = time.time() + self.websocket_ttl
        self._sockets[socket_id] = _Socket(participant, expires)
        port = request.url.port
        return f"ws://127.0.0.1:{port}/websocket/{socket_id}", expires

    async def serve(self, request: web.Request) -> web.StreamResponse:
        entry = self._sockets.pop(request.match_info["socket_id"], None)  # one use per URL
        if entry is None or entry.expires < time.time():
            raise web.HTTPForbidden(text="websocket URL is not valid or has expired")
        if entry.participant.contact.refuse_sockets:
            raise web.HTTPServiceUnavailable(text="websockets refused (local control)")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        subscribed = asyncio.Event()

        def deliver(contact: Contact, item: dict[str, Any]) -> None:
            frame = {
                "topic": "aws/chat",
                "contentType": "application/json",
                "content": json.dumps({**item, "InitialContactId": contact.contact_id}),
            }
            outbox.put_nowait(frame)

        contact = entry.participant.contact
        contact.listeners.append(deliver)
        transport = request.transport
        if isinstance(transport, asyncio.Transport):
            self._open.setdefault(contact.contact_id, set()).add(transport)
        sender = asyncio.create_task(_send_when_subscribed(ws, outbox, subscribed))
        expiry = asyncio.get_running_loop().call_at(
            asyncio.get_running_loop().time() + max(0.0, entry.expires - time.time()),
            lambda: asyncio.ensure_future(ws.close(code=1000, message=b"connection expired")),
        )
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    await _answer(ws, message.data, subscribed)
                    if subscribed.is_set():
                        self.on_subscribed(entry.participant)
        finally:
            expiry.cancel()
            sender.cancel()
            with contextlib.suppress(ValueError):
                contact.listeners.remove(deliver)
            if isinstance(transport, asyncio.Transport):
                self._open.get(contact.contact_id, set()).discard(transport)
        return ws

    async def drop(self, contact_id: str) -> int:
        """Cut a chat's sockets without a close frame, as a network failure would."""
        transports = self._open.pop(contact_id, set())
        for transport in transports:
            transport.abort()
        return len(transports)


async def _answer(ws: web.WebSocketResponse, data: str, subscribed: asyncio.Event) -> None:
    try:
        topic = json.loads(data).get("topic")
    except (ValueError, AttributeError):
        return
    if topic == "aws/subscribe":
        await ws.send_json(
            {"topic": "aws/subscribe", "content": {"status": "success", "topics": ["aws/chat"]}}
        )
        subscribed.set()
    elif topic == "aws/heartbeat":
        await ws.send_json({"topic": "aws/heartbeat"})
    elif topic == "aws/ping":
        await ws.send_json({"topic": "aws/ping", "statusCode": 200})


async def _send_when_subscribed(
    ws: web.WebSocketResponse, outbox: asyncio.Queue[dict[str, Any]], subscribed: asyncio.Event
) -> None:
    await subscribed.wait()
    while not ws.closed:
        frame = await outbox.get()
        await ws.send_json(frame)
        if json.loads(frame["content"])["ContentType"].endswith("chat.ended"):
            await ws.close(code=1000, message=b"chat ended")
