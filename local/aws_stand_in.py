"""One aiohttp app that answers as Connect and as the Participant Service (one port serves
both AWS_ENDPOINT_URL_CONNECT and AWS_ENDPOINT_URL_CONNECTPARTICIPANT)."""

from dataclasses import dataclass, field

from aiohttp import web

from local.attachment_service import AttachmentService
from local.aws_protocol import aws_errors, browser_cors
from local.chat_store import ChatStore
from local.connect_service import ConnectService
from local.control import Control
from local.faults import Faults
from local.participant_service import ParticipantService
from local.participant_socket import SocketRegistry
from local.siteverify import siteverify_routes

STORE = web.AppKey("store", ChatStore)
ATTACHMENTS = web.AppKey("attachments", AttachmentService)


@dataclass(frozen=True, kw_only=True)
class StandInOptions:
    instance_id: str
    contact_flow_id: str
    connection_ttl: float = 86_400.0
    websocket_ttl: float = 3_600.0
    faults: Faults = field(default_factory=Faults)
    attachments: bool = False


def aws_stand_in(options: StandInOptions) -> web.Application:
    store = ChatStore(connection_ttl=options.connection_ttl)
    sockets = SocketRegistry(
        websocket_ttl=options.websocket_ttl, on_subscribed=store.customer_subscribed
    )
    control = Control(store, sockets)
    # Outermost first: record what arrived and how it was answered, errors included.
    app = web.Application(
        middlewares=[browser_cors, control.record, aws_errors, options.faults.middleware()]
    )
    app[STORE] = store
    connect = ConnectService(
        store, instance_id=options.instance_id, contact_flow_id=options.contact_flow_id
    )
    attachments = AttachmentService(store, enabled=options.attachments)
    app[ATTACHMENTS] = attachments
    participant = ParticipantService(store, sockets, attachments)
    app.add_routes(connect.routes() + participant.routes() + sockets.routes() + control.routes())
    app.add_routes(siteverify_routes())  # the bot check's provider, offline
    return app
