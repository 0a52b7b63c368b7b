"""The HTTP API in front of the start-chat function: route, CORS, throttling, access logs."""

from typing import cast

from aws_cdk import Acknowledgment, Duration, Validations
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk.aws_apigatewayv2_authorizers import HttpJwtAuthorizer
from aws_cdk.aws_apigatewayv2_integrations import HttpLambdaIntegration
from constructs import Construct

from infra.api_shape import (
    CHAT_PATH,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE_SECONDS,
    CORS_METHODS,
    WIDGET_PATH,
    cors_allowed_headers,
)
from infra.cdk.api_access_logs import JsonAccessLogs
from infra.config import JwtAuth, Throttle


class ChatApi(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        environment: str,
        start_chat: lambda_.IFunction,
        allowed_origins: tuple[str, ...],
        throttle: Throttle,
        log_retention_days: int,
        auth: JwtAuth | None,
        bot_check: bool,
    ) -> None:
        super().__init__(scope, construct_id)
        self.access_log_group = logs.LogGroup(self, "AccessLogs")
        cast(
            logs.CfnLogGroup, self.access_log_group.node.default_child
        ).retention_in_days = log_retention_days
        self.http_api = apigwv2.HttpApi(
            self,
            "HttpApi",
            description=f"connect-chat-starter ({environment}): start Amazon Connect chats",
            create_default_stage=False,
            cors_preflight=apigwv2.CorsPreflightOptions(
                allow_origins=list(allowed_origins),
                allow_methods=[apigwv2.CorsHttpMethod(method) for method in CORS_METHODS],
                allow_headers=list(
                    cors_allowed_headers(authenticated=auth is not None, bot_check=bot_check)
                ),
                expose_headers=list(CORS_EXPOSED_HEADERS),
                max_age=Duration.seconds(CORS_MAX_AGE_SECONDS),
            ),
        )
        self.stage = apigwv2.HttpStage(
            self,
            "DefaultStage",
            http_api=self.http_api,
            stage_name="$default",
            auto_deploy=True,
            throttle=apigwv2.ThrottleSettings(
                rate_limit=throttle.rate_limit, burst_limit=throttle.burst_limit
            ),
            access_log_settings=JsonAccessLogs(self.access_log_group),
        )
        integration = HttpLambdaIntegration(
            "StartChat",
            start_chat,
            payload_format_version=apigwv2.PayloadFormatVersion.VERSION_2_0,
        )
        authorizer = jwt_authorizer(auth)
        for path in (CHAT_PATH, WIDGET_PATH):
            for route in self.http_api.add_routes(
                path=path,
                methods=[apigwv2.HttpMethod.POST],
                integration=integration,
                authorizer=authorizer,
            ):
                if authorizer is None:
                    acknowledge_public_route(route)

    @property
    def url(self) -> str:
        """Base URL of the default stage, ending in '/'."""
        return self.stage.url


def jwt_authorizer(auth: JwtAuth | None) -> HttpJwtAuthorizer | None:
    """API Gateway's native JWT authorizer: refuses unauthenticated calls before the Lambda."""
    if auth is None:
        return None
    return HttpJwtAuthorizer(
        "JwtAuthorizer",
        auth.issuer,
        jwt_audience=list(auth.audience),
        identity_source=["$request.header.Authorization"],
    )


def acknowledge_public_route(route: apigwv2.HttpRoute) -> None:
    Validations.of(cast(apigwv2.CfnRoute, route.node.default_child)).acknowledge(
        Acknowledgment(
            id="AwsSolutions-APIG4",
            reason="auth type 'none': anonymous website visitors start chats by design; CORS "
            "stops no script, so abuse is bounded by stage throttling and reserved concurrency, "
            "and by perClientLimit and botCheck where switched on (docs/abuse-protection.md)",
        )
    )
