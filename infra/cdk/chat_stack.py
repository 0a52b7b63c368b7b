"""ChatStarterStack: wires the function and the API together and publishes the URLs."""

from aws_cdk import CfnOutput, Environment, Stack, Tags
from constructs import Construct

from infra.api_shape import CHAT_PATH, WIDGET_PATH
from infra.cdk.bot_check import grant_bot_check_secret
from infra.cdk.chat_api import ChatApi
from infra.cdk.client_limit import ClientLimitStore
from infra.cdk.hash_key import HashKey
from infra.cdk.monitoring.alarms import ChatAlarms
from infra.cdk.monitoring.dashboard import ChatDashboard
from infra.cdk.start_chat_function import StartChatFunction
from infra.cdk.widget_hosting import WidgetHosting
from infra.cdk.widget_outputs import WidgetOutputs
from infra.config import EnvironmentConfig
from infra.handler_environment import handler_environment
from infra.names import (
    API_URL_OUTPUT,
    START_CHAT_URL_OUTPUT,
    WIDGET_START_CHAT_URL_OUTPUT,
    stack_name,
)
from infra.widget_hosting_headers import aws_origins, page_csp


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
        start_chat = StartChatFunction(
            self, "StartChat", environment=handler_environment(config),
            instance_id=config.instance_id, contact_flow_id=config.contact_flow_id,
            memory_mib=config.memory_mib, reserved_concurrency=config.reserved_concurrency,
            log_retention_days=config.log_retention_days, tracing=config.tracing,
            snap_start=config.snap_start,
        )  # fmt: skip
        function = start_chat.function
        HashKey(self, "HashKey", function=function)
        if config.client_limit:
            ClientLimitStore(self, "ClientLimit", function=function)
        if config.bot_check:
            grant_bot_check_secret(function, config.bot_check.secret_parameter)
        allowed_origins = config.allowed_origins
        hosting = (
            WidgetHosting(
                self,
                "Widget",
                environment=config.name,
                price_class=config.widget.price_class,
                content_security_policy=page_csp(
                    aws_origins(
                        region=config.region,
                        attachments=config.widget.attachments,
                        bot_check=config.bot_check.provider if config.bot_check else None,
                    )
                ),
            )
            if config.widget.hosting
            else None
        )
        if hosting:  # the page at the distribution's `/` starts chats from its own origin
            allowed_origins = (*allowed_origins, hosting.origin)
            function.add_environment("ALLOWED_ORIGINS", ",".join(allowed_origins))
        api = ChatApi(
            self, "Api", environment=config.name, start_chat=start_chat.invocable,
            allowed_origins=allowed_origins, throttle=config.throttle,
            log_retention_days=config.log_retention_days, auth=config.auth,
            bot_check=config.bot_check is not None,
        )  # fmt: skip
        alarms = ChatAlarms(
            self, "Alarms", environment=config.name, function=function, http_api=api.http_api,
            p99_latency_alarm_ms=config.p99_latency_alarm_ms,
            reserved_concurrency=config.reserved_concurrency, alarm_emails=config.alarm_emails,
            client_limit=config.client_limit is not None, bot_check=config.bot_check is not None,
        )  # fmt: skip
        ChatDashboard(
            self, "Dashboard", environment=config.name, function=function,
            http_api=api.http_api, alarms=alarms.alarms,
            reserved_concurrency=config.reserved_concurrency,
        )  # fmt: skip
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
        if hosting:
            hosting.publish(config=config, start_chat_url=f"{api.url}{CHAT_PATH.lstrip('/')}")
            WidgetOutputs(self, "WidgetOutputs", hosting=hosting)
