"""ChatStarterStack: wires the function and the API together and publishes the URLs."""

from aws_cdk import CfnOutput, Environment, Stack, Tags
from constructs import Construct

from infra.api_shape import CHAT_PATH, WIDGET_PATH
from infra.cdk.abuse_resources import BotCheckSecret, ClientLimitStore, HashKey
from infra.cdk.chat_api import ChatApi
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
        # In dependency order: what the function's environment names, then the function.
        hash_key = HashKey(self, "HashKey")
        client_limit = ClientLimitStore(self, "ClientLimit") if config.client_limit else None
        bot_check = config.bot_check
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
                        bot_check=bot_check.provider if bot_check else None,
                    )
                ),
            )
            if config.widget.hosting
            else None
        )
        # The page at the distribution's `/` starts chats from its own origin.
        allowed_origins = (*config.allowed_origins, *((hosting.origin,) if hosting else ()))
        environment = handler_environment(
            config,
            hash_key_secret=hash_key.secret_arn,
            client_limit_table=client_limit.table_name if client_limit else None,
            allowed_origins=allowed_origins,
        )
        start_chat = StartChatFunction(
            self,
            "StartChat",
            environment=environment,
            instance_id=config.instance_id,
            contact_flow_id=config.contact_flow_id,
            memory_mib=config.memory_mib,
            reserved_concurrency=config.reserved_concurrency,
            log_retention_days=config.log_retention_days,
            tracing=config.tracing,
            snap_start=config.snap_start,
        )
        function = start_chat.function
        secret = BotCheckSecret(bot_check.secret_parameter) if bot_check else None
        for resource in (hash_key, client_limit, secret):
            if resource:
                resource.grant_to(function)
        api = ChatApi(
            self,
            "Api",
            environment=config.name,
            start_chat=start_chat.invocable,
            allowed_origins=allowed_origins,
            throttle=config.throttle,
            log_retention_days=config.log_retention_days,
            auth=config.auth,
            bot_check=config.bot_check is not None,
        )
        alarms = ChatAlarms(
            self,
            "Alarms",
            environment=config.name,
            function=function,
            http_api=api.http_api,
            p99_latency_alarm_ms=config.p99_latency_alarm_ms,
            reserved_concurrency=config.reserved_concurrency,
            alarm_emails=config.alarm_emails,
            client_limit=config.client_limit is not None,
            bot_check=config.bot_check is not None,
        )
        ChatDashboard(
            self,
            "Dashboard",
            environment=config.name,
            function=function,
            http_api=api.http_api,
            alarms=alarms.alarms,
            reserved_concurrency=config.reserved_concurrency,
        )
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
