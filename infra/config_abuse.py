"""The optional abuse layers of an environment: a per-client limit on chat starts and a bot
check (docs/abuse-protection.md)."""

from dataclasses import dataclass

from infra import config_keys as keys
from infra.config_reader import EnvironmentReader


@dataclass(frozen=True, kw_only=True)
class ClientLimit:
    starts: int
    window_seconds: int


@dataclass(frozen=True, kw_only=True)
class BotCheck:
    provider: str
    site_key: str
    secret_parameter: str


def read_client_limit(env: EnvironmentReader) -> ClientLimit | None:
    section = env.optional_section("perClientLimit")
    if section is None:
        return None
    limit = ClientLimit(
        starts=section.read(keys.LIMIT_STARTS), window_seconds=section.read(keys.LIMIT_WINDOW)
    )
    section.refuse_unknown_keys()
    return limit


def read_bot_check(env: EnvironmentReader) -> BotCheck | None:
    section = env.optional_section("botCheck")
    if section is None:
        return None
    check = BotCheck(
        provider=section.read(keys.BOT_PROVIDER),
        site_key=section.read(keys.BOT_SITE_KEY),
        secret_parameter=section.read(keys.BOT_SECRET),
    )
    section.refuse_unknown_keys()
    return check
