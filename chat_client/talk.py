"""Interactive chat in a terminal: typed lines are sent, incoming items print as they come."""

import asyncio
import sys

from chat_client.api import start_chat
from chat_client.participant_api import settle
from chat_client.session import ChatSession

QUIT = "/quit"


async def talk(
    url: str,
    name: str,
    *,
    region: str | None,
    attributes: dict[str, str],
    resume_from: str | None = None,
    token: str | None = None,
) -> None:
    region = await asyncio.to_thread(settle, region, url)  # before a chat exists
    details = await asyncio.to_thread(
        start_chat, url, name, attributes=attributes, resume_from=resume_from, token=token
    )
    if resume_from and details.continued_from_contact_id is None:
        print(f"chat {resume_from} cannot be continued; this is a new chat")
    print(f"chat started (contact {details.contact_id}); type a message, {QUIT} or Ctrl-D to leave")
    async with ChatSession(details, region=region) as chat:
        printer = asyncio.create_task(_print_items(chat))
        loop = asyncio.get_running_loop()
        while not printer.done():
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line or line.strip() == QUIT:
                break
            if line.strip():
                await chat.send_message(line.rstrip("\n"))
        printer.cancel()
    print("disconnected")


async def _print_items(chat: ChatSession) -> None:
    async for item in chat.items():
        if item.kind == "message" and item.participant_role == "CUSTOMER":
            continue  # the line the user typed is already on the screen
        if item.kind in ("message", "joined", "left", "typing", "ended"):
            print(item.describe(), flush=True)
        if item.kind == "ended":
            print("(the chat has ended; press Enter to exit)", flush=True)
            return
