"""Controls of the local stack (not AWS APIs): drop a chat's websockets, end a chat, post
any item into a chat, refuse (or again accept) its customer's messages or websockets, see a
chat (its transcript with receipts), and see which AWS calls arrived (operation, status,
header names; never token values)."""

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from local.aws_protocol import CONTROL_PREFIX
from local.chat_store import ChatStore
from local.participant_socket import SocketRegistry


class Control:
    def __init__(self, store: ChatStore, sockets: SocketRegistry) -> None:
        self.store, self.sockets = store, sockets
        self.requests: deque[dict[str, Any]] = deque(maxlen=500)

    @web.middleware
    async def record(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        response = await handler(request)
        if not request.path.startswith((CONTROL_PREFIX, "/websocket/")):
            self.requests.append(
                {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status,
                    "headers": sorted({h.lower() for h in request.headers}),
                }
            )
        return response

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/_local/contacts/{contact_id}/drop-sockets", self.drop_sockets),
            web.post("/_local/contacts/{contact_id}/end", self.end_chat),
            web.post("/_local/contacts/{contact_id}/items", self.post_item),
            web.post("/_local/contacts/{contact_id}/refuse-messages", self.refuse_messages),
            web.post("/_local/contacts/{contact_id}/refuse-sockets", self.refuse_sockets),
            web.get("/_local/requests", self.recorded_requests),
            web.get("/_local/contacts/{contact_id}", self.contact),
        ]

    async def contact(self, request: web.Request) -> web.Response:
        contact = self.store.contacts.get(request.match_info["contact_id"])
        if contact is None:
            raise web.HTTPNotFound()
        return web.json_response(
            {
                "contactId": contact.contact_id,
                "attributes": contact.attributes,
                "ended": contact.ended,
                "transcript": contact.transcript,
            }
        )

    async def recorded_requests(self, _: web.Request) -> web.Response:
        return web.json_response(list(self.requests))

    async def drop_sockets(self, request: web.Request) -> web.Response:
        dropped = await self.sockets.drop(request.match_info["contact_id"])
        return web.json_response({"dropped": dropped})

    async def post_item(self, request: web.Request) -> web.Response:
        """Any item, as the agent (or the chat's first participant) sent it: its members as
        given, malformed ones included, so tests can show what a view does with them."""
        contact = self.store.contacts.get(request.match_info["contact_id"])
        if contact is None:
            raise web.HTTPNotFound()
        members = await request.json()
        if not isinstance(members, dict):
            raise web.HTTPBadRequest(text="an item is a JSON object\n")
        agents = [p for p in contact.participants if p.role == "AGENT"] or contact.participants
        kind, content_type = (
            members.pop("Type", "MESSAGE"),
            members.pop("ContentType", "text/plain"),
        )
        item = self.store.post(agents[0], str(kind), str(content_type), fields=members)
        return web.json_response(item)

    async def refuse_messages(self, request: web.Request) -> web.Response:
        """{"refuse": true}: every SendMessage of the chat fails (500) until {"refuse": false}."""
        contact = self.store.contacts.get(request.match_info["contact_id"])
        if contact is None:
            raise web.HTTPNotFound()
        contact.refuse_messages = (await request.json()).get("refuse") is True
        return web.json_response({"refuse": contact.refuse_messages})

    async def refuse_sockets(self, request: web.Request) -> web.Response:
        """{"refuse": true}: the chat's websockets are cut and new ones refused (503) until
        {"refuse": false}, as when the service is out of reach but the network is not; with
        "connections": true CreateParticipantConnection fails (500) too, which chatjs does not
        retry (its websocket is then broken for good)."""
        contact = self.store.contacts.get(request.match_info["contact_id"])
        if contact is None:
            raise web.HTTPNotFound()
        given = await request.json()
        contact.refuse_sockets = given.get("refuse") is True
        contact.refuse_connections = contact.refuse_sockets and given.get("connections") is True
        if contact.refuse_sockets:
            await self.sockets.drop(contact.contact_id)
        return web.json_response({"refuse": contact.refuse_sockets})

    async def end_chat(self, request: web.Request) -> web.Response:
        contact = self.store.contacts.get(request.match_info["contact_id"])
        if contact is None:
            raise web.HTTPNotFound()
        agents = [p for p in contact.participants if p.role == "AGENT"] or contact.participants
        self.store.end(contact, agents[0])
        return web.json_response({"ended": contact.contact_id})
