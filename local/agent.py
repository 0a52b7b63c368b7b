"""A simulated agent that joins each chat once its customer is connected, and answers, so a
person trying the widget sees a conversation: joined, greeting, typing, then an echo of each
message or the next line of a reply script. It reads what the customer sends (delivered and
read receipts), acknowledges attachments by name, and answers `demo …` with rich messages
(local/agent_demos.py)."""

import asyncio
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from local import agent_demos as demos
from local.attachment_service import AttachmentService
from local.chat_store import EVENT, ChatStore, Contact, Participant
from local.participant_service import INTERACTIVE
from local.receipts import DELIVERED, READ, receipt, receipt_content

GREETING = "Hi, I'm the local test agent. Anything you write, I answer."
SURVEY_NAME = "Survey"


class SimulatedAgent:
    def __init__(
        self,
        store: ChatStore,
        *,
        attachments: AttachmentService,
        name: str = "Local Agent",
        delay_seconds: float = 0.3,
        script: Path | None = None,
    ) -> None:
        self.store, self.attachments = store, attachments
        self.name, self.delay = name, delay_seconds
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
            self._later(self._answer(agent, item))

        def on_item(contact: Contact, item: dict[str, Any]) -> None:
            if _from_customer(item):
                self._later(self._answer(agent, item))

        contact.listeners.append(on_item)

    async def _answer(self, agent: Participant, item: dict[str, Any]) -> None:
        if agent.contact.ended or agent.left:
            return
        is_attachment = item["Type"] == "ATTACHMENT"
        if is_attachment and _status(item) == "IN_PROGRESS":
            self._read(agent, item, DELIVERED)
            return  # answered once the scan has a verdict: the same item again
        if not is_attachment:  # (a verdict's item was delivered while it was scanned)
            self._read(agent, item, DELIVERED)
        self.store.post(agent, "EVENT", EVENT + "typing")
        await asyncio.sleep(self.delay)
        if agent.contact.ended or agent.left:
            return
        self._read(agent, item, READ)
        if is_attachment:
            self._acknowledge(agent, item)
        else:
            await self._reply(agent, str(item.get("Content", "")))

    def _read(self, agent: Participant, item: dict[str, Any], kind: str) -> None:
        receipt(self.store, agent, kind, receipt_content(item["Id"]))

    def _acknowledge(self, agent: Participant, item: dict[str, Any]) -> None:
        listed = item["Attachments"][0]
        if listed["Status"] == "APPROVED":
            text = f"Thanks, I received {listed['AttachmentName']}."
        else:
            text = f"{listed['AttachmentName']} did not pass the virus scan, so I cannot open it."
        self.store.post(agent, "MESSAGE", "text/plain", text)

    async def _reply(self, agent: Participant, text: str) -> None:
        first, _, command = text.strip().lower().partition(" ")
        command = command.strip()
        if first != "demo":
            reply = next(self._replies) if self._replies else f"You said: {text}"
            self.store.post(agent, "MESSAGE", "text/plain", reply)
        elif command == "markdown":
            self.store.post(agent, "MESSAGE", "text/markdown", demos.MARKDOWN)
        elif command in ("list", "quick", "time"):
            content = {
                "list": demos.list_picker,
                "quick": demos.quick_reply,
                "time": demos.time_picker,
            }
            self.store.post(agent, "MESSAGE", INTERACTIVE, content[command]())
        elif command == "attachment":
            self.attachments.add(agent, demos.ATTACHMENT_NAME, "text/plain", demos.ATTACHMENT_TEXT)
        elif command == "survey":
            await self._hand_to_survey(agent)
        else:
            self.store.post(agent, "MESSAGE", "text/plain", demos.HELP)

    async def _hand_to_survey(self, agent: Participant) -> None:
        """The agent leaves; the contact flow asks for a rating and thanks for it, and the
        chat stays open until the customer ends it (as a post-chat survey does)."""
        self.store.post(agent, "MESSAGE", "text/plain", "Thanks for chatting. Goodbye!")
        self.store.leave(agent)
        await asyncio.sleep(self.delay)
        contact = agent.contact
        flow = self.store.join(contact, SURVEY_NAME, "SYSTEM")
        self.store.post(flow, "MESSAGE", INTERACTIVE, demos.survey())

        def on_rating(contact: Contact, item: dict[str, Any]) -> None:
            if _from_customer(item) and not flow.left:
                self.store.post(flow, "MESSAGE", "text/plain", "Thank you for your rating.")
                contact.listeners.remove(on_rating)

        contact.listeners.append(on_rating)


def _from_customer(item: dict[str, Any]) -> bool:
    return bool(item["Type"] in ("MESSAGE", "ATTACHMENT") and item["ParticipantRole"] == "CUSTOMER")


def _status(item: dict[str, Any]) -> str:
    return str(item["Attachments"][0]["Status"])
