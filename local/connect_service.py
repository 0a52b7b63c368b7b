"""Local stand-in for Amazon Connect's StartChatContact (restJson1 PUT /contact/chat)."""

from typing import Any

from aiohttp import web

from local.aws_protocol import AwsError, operation, read_params
from local.chat_store import ChatStore


class ConnectService:
    def __init__(self, store: ChatStore, *, instance_id: str, contact_flow_id: str) -> None:
        self.store = store
        self.instance_id, self.contact_flow_id = instance_id, contact_flow_id
        self._by_client_token: dict[str, dict[str, Any]] = {}

    def routes(self) -> list[web.RouteDef]:
        return [web.put("/contact/chat", self.start_chat_contact)]

    async def start_chat_contact(self, request: web.Request) -> web.Response:
        # SigV4 is not checked: the stand-in has no secrets to check it against.
        params = await read_params(request, operation("connect", "StartChatContact"))
        if params["InstanceId"] != self.instance_id:
            raise AwsError("ResourceNotFoundException", 404, "Instance not found")
        if params["ContactFlowId"] != self.contact_flow_id:
            raise AwsError("ResourceNotFoundException", 404, "Contact flow not found")
        token = params.get("ClientToken")
        if token and token in self._by_client_token:  # a retry: the same chat, not a new one
            return web.json_response(self._by_client_token[token])
        persistent = params.get("PersistentChat", {})
        source = persistent.get("SourceContactId")
        history = None
        if source:  # checked before any chat is made
            past = self.store.contacts.get(source)
            if past is None:
                raise AwsError("InvalidRequestException", 400, "Source contact not found")
            history = self.store.past_items(past, persistent["RehydrationType"])
        customer = self.store.start_chat(
            params["ParticipantDetails"]["DisplayName"],
            params.get("Attributes", {}),
            history=history,
        )
        message = params.get("InitialMessage")
        if message:
            self.store.post(customer, "MESSAGE", message["ContentType"], message["Content"])
        result = {
            "ContactId": customer.contact.contact_id,
            "ParticipantId": customer.participant_id,
            "ParticipantToken": customer.participant_token,
        }
        if source:
            result["ContinuedFromContactId"] = source
        if token:
            self._by_client_token[token] = result
        return web.json_response(result)
