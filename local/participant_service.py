"""Local stand-in for the Amazon Connect Participant Service (restJson1, X-Amz-Bearer auth)."""

import json
import secrets
from typing import Any

from aiohttp import web

from local.attachment_service import AttachmentService
from local.aws_protocol import AwsError, operation, read_params
from local.chat_store import EVENT, ChatStore, iso_time
from local.participant_socket import SocketRegistry
from local.receipts import RECEIPTS, receipt

SERVICE = "connectparticipant"
EVENT_TYPES = {
    EVENT + name
    for name in (
        "typing",
        "connection.acknowledged",
        "message.delivered",
        "message.read",
        "participant.idle",
        "participant.returned",
    )
}
INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive"
MESSAGE_TYPES = {
    "text/plain",
    "text/markdown",
    "application/json",
    INTERACTIVE,
    INTERACTIVE + ".response",
}


class ParticipantService:
    def __init__(
        self, store: ChatStore, sockets: SocketRegistry, attachments: AttachmentService
    ) -> None:
        self.store, self.sockets, self.attachments = store, sockets, attachments

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/participant/connection", self.create_connection),
            web.post("/participant/message", self.send_message),
            web.post("/participant/event", self.send_event),
            web.post("/participant/transcript", self.get_transcript),
            web.post("/participant/disconnect", self.disconnect),
            *self.attachments.routes(),
        ]

    async def create_connection(self, request: web.Request) -> web.Response:
        params = await read_params(request, operation(SERVICE, "CreateParticipantConnection"))
        participant = self.store.connect(params["ParticipantToken"])
        body: dict[str, Any] = {}
        if "WEBSOCKET" in params.get("Type", []):
            url, expires = self.sockets.open_for(participant, request)
            body["Websocket"] = {"Url": url, "ConnectionExpiry": iso_time(expires)}
        if "CONNECTION_CREDENTIALS" in params.get("Type", []):
            body["ConnectionCredentials"] = {
                "ConnectionToken": participant.connection_token,
                "Expiry": iso_time(participant.connection_expires),
            }
        if params.get("ConnectParticipant"):
            self.store.post(participant, "EVENT", EVENT + "connection.acknowledged")
        return web.json_response(body)

    async def send_message(self, request: web.Request) -> web.Response:
        params = await read_params(request, operation(SERVICE, "SendMessage"))
        sender = self.store.by_connection_token(params["ConnectionToken"])
        if params["ContentType"] not in MESSAGE_TYPES:
            raise AwsError("ValidationException", 400, "Unsupported ContentType")
        if sender.contact.refuse_messages:
            raise AwsError("InternalServerException", 500, "Refused (local control)")
        # As Connect: a ClientToken seen before answers with its message, not a second one.
        token = params.get("ClientToken")
        item = sender.sent.get(token) if token else None
        if item is None:
            item = self.store.post(sender, "MESSAGE", params["ContentType"], params["Content"])
            if token:
                sender.sent[token] = item
        return web.json_response({"Id": item["Id"], "AbsoluteTime": item["AbsoluteTime"]})

    async def send_event(self, request: web.Request) -> web.Response:
        params = await read_params(request, operation(SERVICE, "SendEvent"))
        sender = self.store.by_connection_token(params["ConnectionToken"])
        if params["ContentType"] not in EVENT_TYPES:
            raise AwsError("ValidationException", 400, "Unsupported ContentType")
        if params["ContentType"] in RECEIPTS:
            item = receipt(self.store, sender, params["ContentType"], params.get("Content"))
        else:
            item = self.store.post(sender, "EVENT", params["ContentType"], params.get("Content"))
        return web.json_response({"Id": item["Id"], "AbsoluteTime": item["AbsoluteTime"]})

    async def get_transcript(self, request: web.Request) -> web.Response:
        params = await read_params(request, operation(SERVICE, "GetTranscript"))
        contact = self.store.by_connection_token(params["ConnectionToken"]).contact
        return web.json_response(transcript_page(contact.transcript, params, contact.contact_id))

    async def disconnect(self, request: web.Request) -> web.Response:
        params = await read_params(request, operation(SERVICE, "DisconnectParticipant"))
        self.store.leave(self.store.by_connection_token(params["ConnectionToken"]))
        return web.json_response({})


def transcript_page(
    items: list[dict[str, Any]], params: dict[str, Any], contact_id: str
) -> dict[str, Any]:
    """As the service pages: BACKWARD (the default) starts at the newest item; NextToken goes
    further in the scan direction; SortOrder orders the items within a page."""
    limit = params.get("MaxResults", 15)
    forward = params.get("ScanDirection", "BACKWARD") == "FORWARD"
    scanned = list(items) if forward else list(reversed(items))
    offset = _offset(params.get("NextToken"))
    page = scanned[offset : offset + limit]
    position = {item["Id"]: index for index, item in enumerate(items)}
    page.sort(
        key=lambda item: position[item["Id"]], reverse=params.get("SortOrder") == "DESCENDING"
    )
    body: dict[str, Any] = {"InitialContactId": contact_id, "Transcript": page}
    if offset + limit < len(scanned):
        body["NextToken"] = json.dumps({"o": offset + limit, "n": secrets.token_hex(4)})
    return body


def _offset(token: str | None) -> int:
    if token is None:
        return 0
    try:
        return int(json.loads(token)["o"])
    except (ValueError, KeyError, TypeError):
        raise AwsError("ValidationException", 400, "NextToken is not valid") from None
