"""Every route this function serves, in one place: what each accepts (fields, types, limits,
media types, headers) and how its answer is shaped. contract.py runs from these
descriptions; docs/openapi.yaml documents them and tests/lambda/test_openapi.py proves that
the two agree. Field names are Connect's StartChatContact names."""

import re
from typing import Literal, NamedTuple

from rules import (
    Attributes,
    ChatMinutes,
    Configured,
    ContentTypes,
    Ignored,
    Matches,
    Obj,
    OneOf,
    Rule,
    Text,
)
from text_rules import MESSAGE_WHITESPACE

CHAT_ROUTE, WIDGET_ROUTE = "POST /chat", "POST /widget"
MAX_BODY_BYTES = 16 * 1024
JSON_MEDIA_TYPE = "application/json"
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
# Connect's contact IDs are UUIDs; anything else cannot name a chat to resume.
CONTACT_ID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
CONTINUATION_TOKEN = re.compile(r"^[0-9a-f]{64}$")
IDEMPOTENCY_KEY = re.compile(r"^[\x20-\x7e]{1,500}$")

DISPLAY_NAME = Text(256, trim=True, invisible="must contain a visible character")
ATTRIBUTE_VALUE = Text(1024, min_length=0)
MESSAGE = Text(1024, keep=MESSAGE_WHITESPACE, invisible="must not be blank")

CHAT_FIELDS: dict[str, Rule] = {
    "ParticipantDetails": Obj({"DisplayName": DISPLAY_NAME}, required=("DisplayName",)),
    "Attributes": Attributes(ATTRIBUTE_VALUE),
    "InitialMessage": Obj(
        {"ContentType": OneOf(INITIAL_MESSAGE_TYPES), "Content": MESSAGE},
        required=("ContentType", "Content"),
    ),
    "SupportedMessagingContentTypes": ContentTypes(MESSAGING_CONTENT_TYPES, "text/plain"),
    "PersistentChat": Obj(
        {
            "SourceContactId": Matches(CONTACT_ID, "must be a contact ID (a UUID)"),
            "RehydrationType": OneOf(REHYDRATION_TYPES),
            # Checked by continuation.py, then removed: Connect never sees it.
            "ContinuationToken": Matches(
                CONTINUATION_TOKEN, "must be the ContinuationToken of the chat it continues"
            ),
        },
        required=("SourceContactId", "RehydrationType", "ContinuationToken"),
    ),
    "ChatDurationInMinutes": ChatMinutes(60),
    "InstanceId": Configured("instance"),
    "ContactFlowId": Configured("contact flow"),
}
# What AWS's widgets send besides: ChatInterface.initiateChat's Username (Connect has no use
# for it) and the hosted widget's name for the instance.
WIDGET_FIELDS: dict[str, Rule] = {
    **CHAT_FIELDS,
    "Username": Ignored(str),
    "ConnectInstanceId": Configured("instance"),
}


class Route(NamedTuple):
    key: str
    name: str  # in logs
    body: Obj
    media_types: tuple[str, ...]
    # request header -> (the StartChatContact parameter it becomes, its rule)
    headers: dict[str, tuple[str, Matches]]
    answer: Literal["flat", "widget"]


# The page's bot-check token (the bot check reads it; infra/api_shape.py: BOT_TOKEN_HEADER).
BOT_TOKEN_HEADER = "X-Bot-Token"  # noqa: S105 - a header name
IDEMPOTENCY_HEADER = {
    "Idempotency-Key": (
        "ClientToken",
        Matches(IDEMPOTENCY_KEY, "must be 1-500 printable ASCII characters"),
    )
}
ROUTES = {
    CHAT_ROUTE: Route(
        key=CHAT_ROUTE,
        name="chat",
        body=Obj(CHAT_FIELDS, required=("ParticipantDetails",)),
        media_types=(JSON_MEDIA_TYPE,),
        headers=IDEMPOTENCY_HEADER,
        answer="flat",
    ),
    WIDGET_ROUTE: Route(
        key=WIDGET_ROUTE,
        name="widget",
        body=Obj(WIDGET_FIELDS, required=("ParticipantDetails",)),
        # ChatInterface sends a string body without headers: text/plain;charset=UTF-8.
        media_types=(JSON_MEDIA_TYPE, "text/plain", ""),
        headers=IDEMPOTENCY_HEADER,
        answer="widget",
    ),
}
