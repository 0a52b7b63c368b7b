"""The handler's settings, read once at import from the environment the stack sets."""

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Settings:
    instance_id: str
    contact_flow_id: str
    allowed_attributes: frozenset[str]
    max_chat_duration_minutes: int
    # JWT claim name -> contact attribute it sets (authenticated environments only).
    claim_attributes: Mapping[str, str] = field(default_factory=dict)
    # What /widget tells AWS's chat widget it may do.
    feature_permissions: Mapping[str, bool] = field(default_factory=dict)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        return cls(
            instance_id=environ["INSTANCE_ID"],
            contact_flow_id=environ["CONTACT_FLOW_ID"],
            allowed_attributes=frozenset(filter(None, environ["ALLOWED_ATTRIBUTES"].split(","))),
            max_chat_duration_minutes=int(environ["MAX_CHAT_DURATION_MINUTES"]),
            claim_attributes=json.loads(environ.get("CLAIM_ATTRIBUTES") or "{}"),
            feature_permissions=json.loads(environ.get("FEATURE_PERMISSIONS") or "{}"),
        )
