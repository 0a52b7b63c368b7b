"""The handler's settings, read once at import from the environment the stack sets."""

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Settings:
    instance_id: str
    contact_flow_id: str
    allowed_attributes: frozenset[str]
    max_chat_duration_minutes: int

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        return cls(
            instance_id=environ["INSTANCE_ID"],
            contact_flow_id=environ["CONTACT_FLOW_ID"],
            allowed_attributes=frozenset(filter(None, environ["ALLOWED_ATTRIBUTES"].split(","))),
            max_chat_duration_minutes=int(environ["MAX_CHAT_DURATION_MINUTES"]),
        )
