"""A Python participant client for chats started through connect-chat-starter."""

from chat_client.api import ChatClientError, ChatDetails, StartChatError, start_chat
from chat_client.items import ChatItem
from chat_client.session import ChatSession

__all__ = [
    "ChatClientError",
    "ChatDetails",
    "ChatItem",
    "ChatSession",
    "StartChatError",
    "start_chat",
]
