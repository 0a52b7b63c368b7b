"""The websocket side of a session: subscribe, heartbeat, renew before expiry, reconnect after
a drop, then fill the gap from the transcript. What arrives goes to an ItemStream."""

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable

import aiohttp

from chat_client.errors import ChatClientError
from chat_client.item_stream import ItemStream, RecentItems

OpenConnection = Callable[[], Awaitable[tuple[str, float]]]
SUBSCRIBE = {"topic": "aws/subscribe", "content": {"topics": ["aws/chat"]}}
SUBSCRIBE_TIMEOUT_SECONDS = 10.0


class SocketLoop:
    def __init__(
        self,
        http: aiohttp.ClientSession,
        open_connection: OpenConnection,
        recent_items: RecentItems,
        *,
        heartbeat_seconds: float,
    ) -> None:
        self._http = http
        self._open_connection = open_connection
        self._recent_items = recent_items
        self._heartbeat = heartbeat_seconds
        self.stream = ItemStream()
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._renew_at = 0.0
        self._renew_requested = asyncio.Event()
        self._renewed = asyncio.Event()
        self._supervisor: asyncio.Task[None] | None = None
        self._closing = False
        self.reconnects = 0

    @property
    def ended(self) -> bool:
        return self.stream.ended

    async def start(self) -> None:
        await self._open()
        self._supervisor = asyncio.create_task(self._supervise())

    async def _open(self) -> None:
        url, self._renew_at = await self._open_connection()
        try:
            self._ws = await self._http.ws_connect(url)
            await self._ws.send_json(SUBSCRIBE)
            async with asyncio.timeout(SUBSCRIBE_TIMEOUT_SECONDS):
                while True:
                    frame = await self._ws.receive_json()
                    if frame.get("topic") == "aws/subscribe":
                        break
                    self.stream.accept_frame(frame)
        except (aiohttp.ClientError, TimeoutError, TypeError, ValueError) as error:
            raise ChatClientError(
                f"websocket failed: {type(error).__name__} {error}".strip()
            ) from None
        if frame.get("content", {}).get("status") != "success":
            raise ChatClientError("websocket subscription to aws/chat was refused")

    async def _supervise(self) -> None:
        while not self._closing and not self.ended:
            reason = await self._run_socket()
            if reason != "reconnect" or self._closing or self.ended:
                break
            with contextlib.suppress(Exception):
                await self._ws.close() if self._ws else None
            try:
                await self._open()
            except ChatClientError as error:
                self.stream.close(error)
                return
            self.reconnects += 1
            self._renewed.set()
            await self.stream.catch_up(self._recent_items)
        self.stream.close()

    async def _run_socket(self) -> str:
        """Reads frames until the socket must be replaced ('reconnect') or the chat is over."""
        assert self._ws is not None
        loop = asyncio.get_running_loop()
        next_beat, awaiting_beat = loop.time() + self._heartbeat, False
        while True:
            if self._renew_requested.is_set() or loop.time() >= self._renew_at:
                self._renew_requested.clear()
                return "reconnect"
            if loop.time() >= next_beat:
                if awaiting_beat:  # the last heartbeat went unanswered: a silent drop
                    return "reconnect"
                with contextlib.suppress(ConnectionError):
                    await self._ws.send_json({"topic": "aws/heartbeat"})
                next_beat, awaiting_beat = loop.time() + self._heartbeat, True
            wait = max(0.0, min(next_beat, self._renew_at) - loop.time())
            try:
                message = await asyncio.wait_for(self._ws.receive(), timeout=min(wait, 0.5))
            except TimeoutError:
                continue
            if message.type != aiohttp.WSMsgType.TEXT:  # closed, closing or an error
                return "done" if self._closing or self.ended else "reconnect"
            frame = json.loads(message.data)
            if frame.get("topic") == "aws/heartbeat":
                awaiting_beat = False
            self.stream.accept_frame(frame)

    async def renew_now(self) -> None:
        """Replace the connection (new tokens, new socket) and wait until that is done."""
        if self._supervisor is None or self._supervisor.done():
            raise self.stream.failure or ChatClientError("the chat connection is closed")
        self._renewed.clear()
        self._renew_requested.set()
        async with asyncio.timeout(SUBSCRIBE_TIMEOUT_SECONDS * 2):
            await self._renewed.wait()

    async def stop(self) -> None:
        self._closing = True
        if self._ws:
            await self._ws.close()
        if self._supervisor:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        self.stream.close()
