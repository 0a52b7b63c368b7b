"""Interactive chat in a terminal: typed lines are sent, incoming items print as they come.
`/attach PATH` sends a file, `/save N [FOLDER]` downloads the agent's attachment number N,
and a number answers the newest interactive message with that choice."""

import asyncio
import sys
import threading
from pathlib import Path

from chat_client.api import not_continued_note, start_chat
from chat_client.errors import ChatClientError
from chat_client.items import ChatItem
from chat_client.participant_api import settle
from chat_client.safe_text import safe_text
from chat_client.session import ChatSession

QUIT = "/quit"
HELP = (
    "type a message; /attach PATH sends a file, /save N [FOLDER] downloads one, "
    f"{QUIT} or Ctrl-D leaves"
)


class Conversation:
    """What the terminal needs to remember: the agent's attachments (by number) and the
    choices of the newest interactive message."""

    def __init__(self, chat: ChatSession) -> None:
        self.chat = chat
        self.attachments: list[ChatItem] = []
        self.choices: list[str] = []

    async def show(self, item: ChatItem) -> None:
        if item.participant_role == "CUSTOMER" and item.kind in (
            "message",
            "attachment",
            "receipt",
        ):
            if item.kind == "attachment" and _status(item) not in ("", "IN_PROGRESS"):
                print(item.describe(), flush=True)  # the scan's verdict on what the user sent
            return
        if item.kind == "receipt":
            if item.receipt == "read":
                print(item.describe(), flush=True)
            return
        if item.kind in ("message", "attachment"):
            await self.chat.mark_read(item)
        if item.kind == "attachment" and _status(item) == "APPROVED":
            self.attachments.append(item)
            print(f"{item.describe()} — /save {len(self.attachments)}", flush=True)
        elif item.kind in ("message", "attachment", "joined", "left", "typing", "ended"):
            print(item.describe(), flush=True)
        if item.kind == "message":
            self.choices = item.choices()

    async def handle(self, line: str) -> None:
        command, _, rest = line.partition(" ")
        if command == "/attach":
            await self.chat.send_attachment(Path(rest.strip()).expanduser())
            print(f"sent {Path(rest.strip()).name}; waiting for the scan", flush=True)
        elif command == "/save":
            number, _, folder = rest.strip().partition(" ")
            if not number.isdigit() or not 1 <= int(number) <= len(self.attachments):
                raise ChatClientError(
                    f"no attachment {number or '?'}; /save takes a number shown above"
                )
            ref = self.attachments[int(number) - 1].attachments[0]
            saved = await self.chat.download_attachment(ref, Path(folder.strip() or "."))
            print(f"saved {saved}", flush=True)
        elif line.isdigit() and 1 <= int(line) <= len(self.choices):
            choice, self.choices = self.choices[int(line) - 1], []
            await self.chat.send_message(choice)
            print(f"you chose: {safe_text(choice, one_line=True)}", flush=True)
        else:
            await self.chat.send_message(line)


async def talk(
    url: str,
    name: str,
    *,
    region: str | None,
    attributes: dict[str, str],
    resume_from: str | None = None,
    continuation_token: str | None = None,
    token: str | None = None,
) -> None:
    region = await asyncio.to_thread(settle, region, url)  # before a chat exists
    details = await asyncio.to_thread(
        start_chat,
        url,
        name,
        attributes=attributes,
        resume_from=resume_from,
        continuation_token=continuation_token,
        token=token,
    )
    note = not_continued_note(
        resume_from=resume_from, continuation_token=continuation_token, details=details
    )
    if note:
        print(note)
    print(f"chat started (contact {safe_text(details.contact_id, one_line=True)}); {HELP}")
    async with ChatSession(details, region=region) as chat:
        conversation = Conversation(chat)
        printer = asyncio.create_task(_print_items(chat, conversation))
        lines = _typed_lines(asyncio.get_running_loop())
        while True:
            typed = asyncio.ensure_future(lines.get())
            await asyncio.wait({typed, printer}, return_when=asyncio.FIRST_COMPLETED)
            if not typed.done():  # the chat ended: nothing more to type into
                typed.cancel()
                break
            line = typed.result()
            if not line or line.strip() == QUIT:
                break
            if line.strip():
                try:
                    await conversation.handle(line.strip())
                except ChatClientError as error:  # a refused file is not the end of the chat
                    print(
                        f"chat-client: {safe_text(str(error), one_line=True)}",
                        file=sys.stderr,
                        flush=True,
                    )
        printer.cancel()
    print("disconnected")


async def _print_items(chat: ChatSession, conversation: Conversation) -> None:
    async for item in chat.items():
        await conversation.show(item)
        if item.kind == "ended":
            return


def _typed_lines(loop: asyncio.AbstractEventLoop) -> "asyncio.Queue[str]":
    """Lines typed at the terminal ("" at the end of input), read by a daemon thread, so
    talk leaves as soon as the chat ends instead of waiting for one more Enter."""
    lines: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        try:
            for line in iter(sys.stdin.readline, ""):
                loop.call_soon_threadsafe(lines.put_nowait, line)
            loop.call_soon_threadsafe(lines.put_nowait, "")
        except RuntimeError:  # the loop closed first: talk has already left
            return

    threading.Thread(target=read, name="chat-client stdin", daemon=True).start()
    return lines


def _status(item: ChatItem) -> str:
    """The scan's verdict on an item's file ("" for an item that lists none)."""
    return item.attachments[0].status if item.attachments else ""
