"""The items of one chat as the websocket (and, after a gap, the transcript) deliver them:
de-duplicated by id, in arrival order, ending with the chat or the session."""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from chat_client.errors import ChatClientError
from chat_client.items import ChatItem

RecentItems = Callable[[], Awaitable[list[ChatItem]]]


class ItemStream:
    def __init__(self) -> None:
        self._queue: asyncio.Queue[ChatItem | None] = asyncio.Queue()
        self._seen: set[str] = set()
        self._last_time = ""
        self.ended = False
        self.failure: ChatClientError | None = None

    def accept_frame(self, frame: dict[str, Any]) -> None:
        if frame.get("topic") != "aws/chat":
            return
        try:
            item = json.loads(frame.get("content") or "")
        except (TypeError, ValueError):
            return  # not an item at all: nothing to show, and the chat goes on
        if isinstance(item, dict):
            self.accept(ChatItem.from_service(item))

    def accept(self, item: ChatItem) -> None:
        if item.version in self._seen:
            return
        self._seen.add(item.version)
        self._last_time = max(self._last_time, item.absolute_time)
        self._queue.put_nowait(item)
        if item.kind == "ended":
            self.ended = True

    async def catch_up(self, recent_items: RecentItems) -> None:
        """Items sent while no socket was open reach us through the transcript."""
        with contextlib.suppress(ChatClientError):
            for item in await recent_items():
                if item.absolute_time >= self._last_time:
                    self.accept(item)

    def close(self, failure: ChatClientError | None = None) -> None:
        self.failure = self.failure or failure
        self._queue.put_nowait(None)

    async def items(self) -> AsyncIterator[ChatItem]:
        while (item := await self._queue.get()) is not None:
            yield item
        self._queue.put_nowait(None)  # later iterators end at once too
        if self.failure:
            raise self.failure
