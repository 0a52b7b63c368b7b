"""The post-deploy check: start → connect → send → transcript has it → disconnect."""

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from chat_client.api import ChatClientError, ChatDetails, start_chat
from chat_client.participant_api import settle
from chat_client.session import ChatSession

STEPS = ("endpoint", "start", "connect", "send", "transcript", "disconnect")


@dataclass
class Step:
    name: str
    ok: bool
    ms: float
    error: str | None = None


@dataclass
class SmokeResult:
    steps: list[Step] = field(default_factory=list)
    contact_id: str | None = None

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps) and len(self.steps) == len(STEPS)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "contactId": self.contact_id,
            "steps": [{k: v for k, v in vars(s).items() if v is not None} for s in self.steps],
        }


async def _timed(result: SmokeResult, name: str, action: Callable[[], Awaitable[Any]]) -> Any:
    started = time.perf_counter()
    try:
        value = await action()
    except ChatClientError as error:
        result.steps.append(Step(name, False, _ms(started), str(error)))
        raise
    result.steps.append(Step(name, True, _ms(started)))
    return value


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


async def run_smoke(
    url: str, *, name: str = "smoke-test", region: str | None = None, token: str | None = None
) -> SmokeResult:
    result = SmokeResult()
    text = f"smoke test {uuid.uuid4()}"
    session: ChatSession | None = None
    try:  # the endpoint first: a chat nobody can join would wait in an agent's queue
        settled = await _timed(result, "endpoint", lambda: asyncio.to_thread(settle, region, url))
        details: ChatDetails = await _timed(
            result,
            "start",
            lambda: asyncio.to_thread(
                start_chat, url, name, idempotency_key=str(uuid.uuid4()), token=token
            ),
        )
        result.contact_id = details.contact_id
        session = ChatSession(details, region=settled)
        await _timed(result, "connect", session.connect)
        message_id = await _timed(result, "send", lambda: session.send_message(text))

        async def transcript_has_message() -> None:
            items = await session.get_transcript()
            if not any(item.id == message_id and item.content == text for item in items):
                raise ChatClientError("the transcript does not contain the message just sent")

        await _timed(result, "transcript", transcript_has_message)
        await _timed(result, "disconnect", session.disconnect)
    except ChatClientError:
        if session:
            await session.close()
    return result
