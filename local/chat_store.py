"""In-memory chats: contacts, participants, their tokens and transcripts, and who listens."""

import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from local.aws_protocol import AwsError, access_denied

EVENT = "application/vnd.amazonaws.connect.event."
Listener = Callable[["Contact", dict[str, Any]], None]
# What a continued chat brings back of the past (receipts and events stay behind).
REHYDRATED_TYPES = ("MESSAGE", "ATTACHMENT")


def iso_time(epoch: float | None = None) -> str:
    moment = datetime.fromtimestamp(time.time() if epoch is None else epoch, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(eq=False)
class Participant:
    contact: "Contact"
    display_name: str
    role: str
    participant_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    participant_token: str = field(default_factory=lambda: "ptok-" + secrets.token_urlsafe(48))
    connection_token: str | None = None
    connection_expires: float = 0.0
    left: bool = False
    sent: dict[str, dict[str, Any]] = field(default_factory=dict)  # ClientToken → its message


@dataclass(eq=False)
class Contact:
    attributes: dict[str, str]
    contact_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    transcript: list[dict[str, Any]] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    listeners: list[Listener] = field(default_factory=list)
    ended: bool = False
    customer_seen: bool = False
    refuse_messages: bool = False  # a test's forced failure of SendMessage (control.py)
    refuse_sockets: bool = False  # and of its websockets
    refuse_connections: bool = False  # and of CreateParticipantConnection


class ChatStore:
    def __init__(self, *, connection_ttl: float = 86_400.0) -> None:
        self.connection_ttl = connection_ttl
        self.contacts: dict[str, Contact] = {}
        self._by_participant_token: dict[str, Participant] = {}
        self._by_connection_token: dict[str, Participant] = {}
        # Fired once per contact, when its customer first subscribes to the websocket: the
        # moment a person is there to see the agent arrive.
        self.on_customer_connected: list[Callable[[Contact], None]] = []

    def start_chat(
        self,
        display_name: str,
        attributes: dict[str, str],
        *,
        history: list[dict[str, Any]] | None = None,
    ) -> Participant:
        """A new contact; `history` (rehydrated items of a past chat) opens its transcript."""
        contact = Contact(attributes=attributes, transcript=list(history or []))
        self.contacts[contact.contact_id] = contact
        return self.join(contact, display_name, "CUSTOMER")

    def past_items(self, source: Contact, rehydration: str) -> list[dict[str, Any]]:
        """What Connect rehydrates into a chat that continues `source`: its messages and
        files, each marked with the contact it was sent on (RelatedContactId, no ContactId).
        ENTIRE_PAST_SESSION brings the whole chain before it too; FROM_SEGMENT only the
        source contact's own items."""
        kept = [item for item in source.transcript if item["Type"] in REHYDRATED_TYPES]
        if rehydration == "FROM_SEGMENT":
            kept = [item for item in kept if item.get("ContactId") == source.contact_id]
        past = []
        for item in kept:
            copy = {key: value for key, value in item.items() if key != "ContactId"}
            copy.setdefault("RelatedContactId", item.get("ContactId"))
            past.append(copy)
        return past

    def customer_subscribed(self, participant: Participant) -> None:
        contact = participant.contact
        if participant.role == "CUSTOMER" and not contact.customer_seen:
            contact.customer_seen = True
            for hook in self.on_customer_connected:
                hook(contact)

    def join(self, contact: Contact, display_name: str, role: str) -> Participant:
        participant = Participant(contact=contact, display_name=display_name, role=role)
        contact.participants.append(participant)
        self._by_participant_token[participant.participant_token] = participant
        self.post(participant, "EVENT", EVENT + "participant.joined")
        return participant

    def connect(self, participant_token: str) -> Participant:
        participant = self._by_participant_token.get(participant_token)
        if participant is None or participant.left or participant.contact.ended:
            raise access_denied("Participant token is not valid")
        if participant.contact.refuse_connections:  # before the connection token changes
            raise AwsError("InternalServerException", 500, "Refused (local control)")
        if participant.connection_token:
            self._by_connection_token.pop(participant.connection_token, None)
        participant.connection_token = "ctok-" + secrets.token_urlsafe(48)
        participant.connection_expires = time.time() + self.connection_ttl
        self._by_connection_token[participant.connection_token] = participant
        return participant

    def by_connection_token(self, token: str | None) -> Participant:
        participant = self._by_connection_token.get(token or "")
        if participant is None or participant.connection_expires < time.time():
            raise access_denied("Connection token is not valid or has expired")
        if participant.left:
            raise access_denied("Participant has left the chat")
        return participant

    def post(
        self,
        sender: Participant,
        kind: str,
        content_type: str,
        content: str | None = None,
        role: str | None = None,
        fields: dict[str, Any] | None = None,
        keep: bool = True,
    ) -> dict[str, Any]:
        """A new item from `sender`, to every listener and (if `keep`) into the transcript;
        `fields` adds members such as Attachments or MessageMetadata."""
        contact = sender.contact
        item: dict[str, Any] = {
            "Id": str(uuid.uuid4()),
            "Type": kind,
            "ContentType": content_type,
            "AbsoluteTime": iso_time(),
            "ParticipantId": sender.participant_id,
            "DisplayName": sender.display_name,
            "ParticipantRole": role or sender.role,
            "ContactId": contact.contact_id,
        }
        if content is not None:
            item["Content"] = content
        item.update(fields or {})
        if keep and not content_type.endswith(".typing"):  # typing is delivered, never kept
            contact.transcript.append(item)
        self._deliver(contact, item)
        return item

    def replace(self, contact: Contact, item: dict[str, Any]) -> None:
        """The item of the same Id, changed (an attachment's scan verdict), sent again."""
        contact.transcript[:] = [
            item if kept["Id"] == item["Id"] else kept for kept in contact.transcript
        ]
        self._deliver(contact, item)

    def find(self, contact: Contact, item_id: str) -> dict[str, Any] | None:
        return next((item for item in contact.transcript if item["Id"] == item_id), None)

    def _deliver(self, contact: Contact, item: dict[str, Any]) -> None:
        for listener in list(contact.listeners):
            listener(contact, item)

    def leave(self, participant: Participant) -> None:
        if participant.left:
            return
        self.post(participant, "EVENT", EVENT + "participant.left")
        participant.left = True
        if participant.role == "CUSTOMER" and not participant.contact.ended:
            self.end(participant.contact, participant)

    def end(self, contact: Contact, by: Participant) -> None:
        contact.ended = True
        self.post(by, "EVENT", EVENT + "chat.ended", role="SYSTEM")
