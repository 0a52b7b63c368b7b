"""ChatStarterStack: wires the function and the API together and publishes the URLs."""

from aws_cdk import CfnOutput, Environment, Stack, Tags
from constructs import Construct

from infra.alarms import ChatAlarms
from infra.api_shape import CHAT_PATH, WIDGET_PATH
from infra.chat_api import ChatApi
from infra.config import EnvironmentConfig
from infra.dashboard import ChatDashboard
from infra.names import (
    API_URL_OUTPUT,
    START_CHAT_URL_OUTPUT,
    WIDGET_START_CHAT_URL_OUTPUT,
    stack_name,
)
from infra.start_chat_function import StartChatFunction


class ChatStarterStack(Stack):
    def __init__(self, scope: Construct, *, config: EnvironmentConfig) -> None:
        super().__init__(
            scope,
            stack_name(config.name),
            env=Environment(account=config.account, region=config.region),
            description=f"connect-chat-starter ({config.name}): start Amazon Connect chats",
            termination_protection=config.termination_protection,
        )
        for key, value in config.tags.items():
            Tags.of(self).add(key, value)
        start_chat = StartChatFunction(self, "StartChat", config=config)
        api = ChatApi(self, "Api", config=config, start_chat=start_chat.function)
        alarms = ChatAlarms(
            self, "Alarms", config=config, function=start_chat.function, http_api=api.http_api
        )
        ChatDashboard(self, "Dashboard", config=config, function=start_chat.function,
                      http_api=api.http_api, alarms=alarms.alarms)  # fmt: skip
        CfnOutput(
            self,
            START_CHAT_URL_OUTPUT,
            value=f"{api.url}{CHAT_PATH.lstrip('/')}",
            description="POST here to start a chat (give this to the frontend team)",
        )
        CfnOutput(
            self,
            WIDGET_START_CHAT_URL_OUTPUT,
            value=f"{api.url}{WIDGET_PATH.lstrip('/')}",
            description="Drop-in startChatContactAPI for AWS's chat widgets (ChatInterface)",
        )
        CfnOutput(self, API_URL_OUTPUT, value=api.url, description="Base URL of the HTTP API")
