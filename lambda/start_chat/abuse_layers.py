"""The two optional abuse layers, in the order a start meets them: the bot check (is a person
behind this browser?) and the per-client limit (how many starts has this client made?).
Both run after validation, so malformed requests spend nothing."""

import time
from typing import TYPE_CHECKING, NamedTuple

import problems
from contract import ChatRequest
from hash_key import HashKey
from settings import Settings

if TYPE_CHECKING:  # imported only where a layer is on: the rest skip their cold-start cost
    from bot_check import BotCheck
    from client_limit import ClientLimit


class Screening(NamedTuple):
    problem: problems.Problem | None = None  # the caller's: answer it instead of starting
    bot_check_unavailable: bool = False  # refused too (fail closed), but not the caller's fault
    limit_unavailable: bool = False


class AbuseLayers:
    def __init__(self, bot_check: "BotCheck | None", client_limit: "ClientLimit | None") -> None:
        self.bot_check, self.client_limit = bot_check, client_limit

    @classmethod
    def configured(cls, settings: Settings, hash_key: HashKey | None) -> "AbuseLayers":
        bot_check, client_limit = None, None
        if settings.bot_check:
            from bot_check import BotCheck

            bot_check = BotCheck.configured(settings.bot_check, settings.allowed_origins)
        if settings.client_limit:
            from client_limit import ClientLimit

            if hash_key is None:
                raise RuntimeError("the per-client limit needs HASH_KEY_SECRET")
            client_limit = ClientLimit.configured(settings.client_limit, hash_key)
        return cls(bot_check, client_limit)

    def screen(self, request: ChatRequest) -> Screening:
        if self.bot_check:
            from bot_check import Verdict

            verdict = self.bot_check.verify(request.bot_token, request.source_ip)
            if verdict is Verdict.REFUSED:
                return Screening(problems.bot_check_failed())
            if verdict is Verdict.UNAVAILABLE:  # fail closed: a bot must not slip through
                return Screening(bot_check_unavailable=True)
        if self.client_limit:
            from client_limit import LimitUnavailable

            try:
                wait = self.client_limit.retry_after(request.caller, time.time())
            except LimitUnavailable:  # availability first: let it through, and say so
                return Screening(limit_unavailable=True)
            if wait is not None:
                return Screening(problems.too_many_chats(wait))
        return Screening()
