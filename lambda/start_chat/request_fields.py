"""The body of POST /chat: fields named as in Connect's StartChatContact, checked one by one."""

import re
from collections.abc import Callable
from typing import Any

from field_reader import FieldReader
from settings import Settings
from text_rules import MESSAGE_WHITESPACE, has_visible_character

DISPLAY_NAME_MAX = 256
ATTRIBUTE_VALUE_MAX = 1024
MESSAGE_MAX = 1024
# Connect's contact IDs are UUIDs; anything else cannot name a chat to resume.
CONTACT_ID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
MIN_CHAT_DURATION_MINUTES = 60
INITIAL_MESSAGE_TYPES = ("text/plain", "text/markdown")
# The types Connect documents for SupportedMessagingContentTypes; text/plain is mandatory.
MESSAGING_CONTENT_TYPES = (
    "text/plain",
    "text/markdown",
    "application/json",
    "application/vnd.amazonaws.connect.message.interactive",
    "application/vnd.amazonaws.connect.message.interactive.response",
)
REHYDRATION_TYPES = ("ENTIRE_PAST_SESSION", "FROM_SEGMENT")


class StartChatFields(FieldReader):
    """Reads a body into StartChatContact parameters; instance and flow come from Settings."""

    def __init__(self, settings: Settings, *, widget: bool = False) -> None:
        super().__init__()
        self._settings = settings
        self._fields: dict[str, Callable[[Any], Any]] = {
            "ParticipantDetails": self.participant_details,
            "Attributes": self.attributes,
            "InitialMessage": self.initial_message,
            "SupportedMessagingContentTypes": self.messaging_content_types,
            "PersistentChat": self.persistent_chat,
            "ChatDurationInMinutes": self.chat_duration,
            "InstanceId": self.instance_id,
            "ContactFlowId": self.contact_flow_id,
        }
        if widget:  # ChatInterface.initiateChat sends Username; Connect has no use for it.
            self._fields["Username"] = self.ignored
            # The hosted widget's customStartChat example names the instance so.
            self._fields["ConnectInstanceId"] = self.connect_instance_id

    def read(self, body: dict[str, Any]) -> dict[str, Any]:
        self.object("", body, tuple(self._fields))
        if "ParticipantDetails" not in body:
            self.fail("ParticipantDetails.DisplayName", "is required")
        params = {name: read(body[name]) for name, read in self._fields.items() if name in body}
        return {name: value for name, value in params.items() if value is not None}

    def participant_details(self, value: Any) -> dict[str, str] | None:
        details = self.object("ParticipantDetails", value, ("DisplayName",))
        if details is None:
            return None
        name = details.get("DisplayName")
        field = "ParticipantDetails.DisplayName"
        name = self.text(field, name.strip() if isinstance(name, str) else name, DISPLAY_NAME_MAX)
        if name is not None and not has_visible_character(name):
            self.fail(field, "must contain a visible character")
            return None
        return {"DisplayName": name} if name is not None else None

    def attributes(self, value: Any) -> dict[str, str] | None:
        allowed = self._settings.allowed_attributes
        unknown = f"is not an allowed attribute (allowed: {', '.join(sorted(allowed)) or 'none'})"
        attributes = self.object("Attributes", value, allowed, unknown=unknown) or {}
        for key in allowed & attributes.keys():
            self.text(f"Attributes.{key}", attributes[key], ATTRIBUTE_VALUE_MAX, min_length=0)
        return attributes or None

    def initial_message(self, value: Any) -> dict[str, str] | None:
        message = self.object("InitialMessage", value, ("ContentType", "Content"))
        if message is not None:
            self.one_of(
                "InitialMessage.ContentType", message.get("ContentType"), INITIAL_MESSAGE_TYPES
            )
            content = self.text(
                "InitialMessage.Content",
                message.get("Content"),
                MESSAGE_MAX,
                keep=MESSAGE_WHITESPACE,
            )
            if content is not None and not has_visible_character(content):
                self.fail("InitialMessage.Content", "must not be blank")
        return message

    def messaging_content_types(self, value: Any) -> list[str] | None:
        field = "SupportedMessagingContentTypes"
        if not isinstance(value, list) or any(v not in MESSAGING_CONTENT_TYPES for v in value):
            self.fail(field, f"must be a list of: {', '.join(MESSAGING_CONTENT_TYPES)}")
            return None
        if "text/plain" not in value or len(set(value)) != len(value):
            self.fail(field, "must include text/plain and list each type once")
        return value

    def persistent_chat(self, value: Any) -> dict[str, str] | None:
        chat = self.object("PersistentChat", value, ("SourceContactId", "RehydrationType"))
        if chat is not None:
            source = chat.get("SourceContactId")
            if not isinstance(source, str) or not CONTACT_ID.match(source):
                self.fail("PersistentChat.SourceContactId", "must be a contact ID (a UUID)")
            self.one_of(
                "PersistentChat.RehydrationType", chat.get("RehydrationType"), REHYDRATION_TYPES
            )
        return chat

    def chat_duration(self, value: Any) -> int | None:
        low, high = MIN_CHAT_DURATION_MINUTES, self._settings.max_chat_duration_minutes
        if isinstance(value, float) and value.is_integer():  # JSON Schema: 60.0 is an integer
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail("ChatDurationInMinutes", f"must be a whole number from {low} to {high}")
            return None
        return value

    def ignored(self, value: Any) -> None:
        if not isinstance(value, str | type(None)):
            self.fail("Username", "must be a string")

    def instance_id(self, value: Any, field: str = "InstanceId") -> None:
        if not self._settings.is_configured_instance(value):
            self.fail(field, "must be omitted, empty, or this deployment's instance (ID or ARN)")

    def connect_instance_id(self, value: Any) -> None:
        self.instance_id(value, "ConnectInstanceId")

    def contact_flow_id(self, value: Any) -> None:
        if not self._settings.is_configured_contact_flow(value):
            self.fail(
                "ContactFlowId",
                "must be omitted, empty, or this deployment's contact flow (ID or ARN)",
            )
