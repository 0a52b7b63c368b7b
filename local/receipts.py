"""Delivered and read receipts, as the Participant Service relays them."""

import json
from typing import Any

from local.aws_protocol import AwsError
from local.chat_store import EVENT, ChatStore, Participant, iso_time

DELIVERED, READ = EVENT + "message.delivered", EVENT + "message.read"
RECEIPTS = {DELIVERED: "DeliveredTimestamp", READ: "ReadTimestamp"}
METADATA = EVENT + "message.metadata"  # (inferred) clients key on Type MESSAGEMETADATA


def receipt(
    store: ChatStore, reader: Participant, content_type: str, content: str | None
) -> dict[str, Any]:
    """A delivered or read receipt: the message's sender hears of it as a MESSAGEMETADATA
    item (RecipientParticipantId = the reader, whose own client drops it), and the message
    keeps it in the transcript. Read beats delivered."""
    try:
        message_id = json.loads(content or "")["messageId"]
    except (ValueError, KeyError, TypeError):
        raise AwsError("ValidationException", 400, "Content must name a messageId") from None
    message = store.find(reader.contact, str(message_id))
    if message is None:
        raise AwsError("ValidationException", 400, "The message is not in this chat")
    stamp = {RECEIPTS[content_type]: iso_time(), "RecipientParticipantId": reader.participant_id}
    kept = message.setdefault("MessageMetadata", {"MessageId": message["Id"], "Receipts": []})
    earlier = [r for r in kept["Receipts"] if r["RecipientParticipantId"] == reader.participant_id]
    if not (earlier and "ReadTimestamp" in earlier[0]):
        kept["Receipts"] = [
            *(r for r in kept["Receipts"] if r["RecipientParticipantId"] != reader.participant_id),
            stamp,
        ]
    metadata = {"MessageId": message["Id"], "Receipts": [stamp]}
    return store.post(
        reader, "MESSAGEMETADATA", METADATA, fields={"MessageMetadata": metadata}, keep=False
    )


def receipt_content(message_id: str) -> str:
    return json.dumps({"messageId": message_id})
