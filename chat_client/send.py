"""`chat-client send`: a chat for scripts. Starts it, sends each --message and --attach in
order, prints what comes back until nothing has arrived for --wait seconds (or the chat
ends), saves the agent's attachments into --save-to, then leaves. Fails (exit 1) when one of
its files is refused or rejected by the scan."""

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from chat_client.api import start_chat
from chat_client.items import ChatItem
from chat_client.participant_api import settle
from chat_client.safe_text import safe_text
from chat_client.session import ChatSession


@dataclass(frozen=True, kw_only=True)
class Outgoing:
    messages: tuple[str, ...] = ()
    files: tuple[Path, ...] = ()


@dataclass
class Outcome:
    sent_files: dict[str, str] = field(default_factory=dict)  # AttachmentId → scan verdict
    saved: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(status == "APPROVED" for status in self.sent_files.values())


async def send(
    url: str,
    name: str,
    outgoing: Outgoing,
    *,
    region: str | None,
    token: str | None,
    wait_seconds: float,
    save_to: Path | None,
) -> Outcome:
    region = await asyncio.to_thread(settle, region, url)
    details = await asyncio.to_thread(start_chat, url, name, token=token)
    outcome = Outcome()
    async with ChatSession(details, region=region) as chat:
        for text in outgoing.messages:
            await chat.send_message(text)
        for path in outgoing.files:
            outcome.sent_files[await chat.send_attachment(path)] = "IN_PROGRESS"
        await _follow(chat, outcome, wait_seconds, save_to)
    for attachment_id, status in outcome.sent_files.items():
        if status != "APPROVED":
            verdict = f"{attachment_id}: {status.lower().replace('_', ' ')}"
            print(f"chat-client: attachment {safe_text(verdict, one_line=True)}")
    return outcome


async def _follow(
    chat: ChatSession, outcome: Outcome, wait_seconds: float, save_to: Path | None
) -> None:
    items = chat.items().__aiter__()
    while True:
        try:
            item = await asyncio.wait_for(items.__anext__(), wait_seconds)
        except (TimeoutError, StopAsyncIteration):
            return
        await _take(chat, item, outcome, save_to)
        if item.kind == "ended":
            return


async def _take(chat: ChatSession, item: ChatItem, outcome: Outcome, save_to: Path | None) -> None:
    mine = item.participant_role == "CUSTOMER"
    if item.kind == "attachment" and mine:
        ref = item.attachments[0]
        if ref.attachment_id in outcome.sent_files:
            outcome.sent_files[ref.attachment_id] = ref.status
    if mine or item.kind in ("receipt", "typing"):
        return
    print(item.describe(), flush=True)
    if item.kind in ("message", "attachment"):
        await chat.mark_read(item)
    if item.kind == "attachment" and item.attachments[0].status == "APPROVED" and save_to:
        outcome.saved.append(await chat.download_attachment(item.attachments[0], save_to))
        print(f"saved {outcome.saved[-1]}", flush=True)
