"""A simulated agent that joins each chat once its customer is connected, and answers, so a
person trying the widget sees a conversation: joined, greeting, typing, then an echo of each
message or the next line of a reply script."""

import asyncio
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from local.chat_store import EVENT, ChatStore, Contact, Participant

GREETING = "Hi, I'm the local test agent. Anything you write, I answer."


class SimulatedAgent:
    def __init__(
        self,
        store: ChatStore,
        *,
        name: str = "Local Agent",
        delay_seconds: float = 0.3,
        script: Path | None = None,
    ) -> None:
        self.store, self.name, self.delay = store, name, delay_seconds
        self._replies: Iterator[str] | None = None
        if script:
            lines = [line.strip() for line in script.read_text().splitlines() if line.strip()]
            self._replies = itertools.cycle(lines) if lines else None
        self._tasks: set[asyncio.Task[None]] = set()
        store.on_customer_connected.append(self._on_customer_connected)

    def _later(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _on_customer_connected(self, contact: Contact) -> None:
        self._later(self._join(contact))

    async def _join(self, contact: Contact) -> None:
        await asyncio.sleep(self.delay)
        if contact.ended:
            return
        earlier = [item for item in contact.transcript if _from_customer(item)]
        agent = self.store.join(contact, self.name, "AGENT")
        self.store.post(agent, "MESSAGE", "text/plain", GREETING)
        for item in earlier:  # what the customer wrote before anyone was there to read it
            self._later(self._answer(agent, str(item.get("Content", ""))))

        def on_item(contact: Contact, item: dict[str, Any]) -> None:
            if _from_customer(item):
                self._later(self._answer(agent, str(item.get("Content", ""))))

        contact.listeners.append(on_item)

    async def _answer(self, agent: Participant, text: str) -> None:
        if agent.contact.ended:
            return
        self.store.post(agent, "EVENT", EVENT + "typing")
        await asyncio.sleep(self.delay)
        if not agent.contact.ended:
            reply = next(self._replies) if self._replies else f"You said: {text}"
            self.store.post(agent, "MESSAGE", "text/plain", reply)


def _from_customer(item: dict[str, Any]) -> bool:
    return bool(item["Type"] == "MESSAGE" and item["ParticipantRole"] == "CUSTOMER")
