"""The handler's settings, read once at import from the environment the stack sets."""

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ARN_PREFIX = re.compile(r"^arn:[a-z-]+:connect:[a-z0-9-]+:[0-9]{12}:")


@dataclass(frozen=True, kw_only=True)
class Settings:
    instance_id: str  # an ID or an instance ARN, as configured
    contact_flow_id: str
    allowed_attributes: frozenset[str]
    max_chat_duration_minutes: int
    # Browser origins that may start chats; a request from any other is refused.
    allowed_origins: frozenset[str] = frozenset()
    # JWT claim name -> contact attribute it sets (authenticated environments only).
    claim_attributes: Mapping[str, str] = field(default_factory=dict)
    # What /widget may tell AWS's chat widget it can do (narrowed by what it asks for).
    feature_permissions: Mapping[str, bool] = field(default_factory=dict)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        return cls(
            instance_id=environ["INSTANCE_ID"],
            contact_flow_id=environ["CONTACT_FLOW_ID"],
            allowed_attributes=frozenset(filter(None, environ["ALLOWED_ATTRIBUTES"].split(","))),
            max_chat_duration_minutes=int(environ["MAX_CHAT_DURATION_MINUTES"]),
            allowed_origins=frozenset(filter(None, environ.get("ALLOWED_ORIGINS", "").split(","))),
            claim_attributes=json.loads(environ.get("CLAIM_ATTRIBUTES") or "{}"),
            feature_permissions=json.loads(environ.get("FEATURE_PERMISSIONS") or "{}"),
        )

    @property
    def _instance_resource(self) -> str:
        return "instance/" + self.instance_id.rsplit("/", 1)[-1]

    def is_configured_instance(self, value: Any) -> bool:
        return _names(value, self._instance_resource)

    def is_configured_contact_flow(self, value: Any) -> bool:
        return _names(value, f"{self._instance_resource}/contact-flow/{self.contact_flow_id}")


def _names(value: Any, resource: str) -> bool:
    """True for "" (what AWS's widgets send for "the configured one"), the resource's ID, or
    its ARN in any partition; UUIDs compare case-insensitively."""
    if not isinstance(value, str):
        return False
    value, resource = value.lower(), resource.lower()
    if value in ("", resource.rsplit("/", 1)[-1]):
        return True
    arn = ARN_PREFIX.match(value)
    return arn is not None and value[arn.end() :] == resource
