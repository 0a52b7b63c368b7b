"""Tokens are bearer credentials: nothing this package prints or logs shows one."""

MASK = "***masked***"


def mask(token: str | None) -> str:
    return "None" if token is None else MASK
