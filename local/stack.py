"""Starts the whole local stack: AWS stand-in (Connect + Participant Service + agent) and the
HTTP API stand-in running the real handler, each on its own localhost port."""

from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from infra.config import EnvironmentConfig
from infra.handler_environment import HANDLER, LAMBDA_SOURCE, handler_environment
from local.agent import SimulatedAgent
from local.aws_stand_in import STORE, StandInOptions, aws_stand_in
from local.faults import Faults
from local.gateway import Gateway
from local.lambda_runtime import LambdaFunction
from local.web_page import page_routes


@dataclass(frozen=True, kw_only=True)
class LocalOptions:
    api_port: int = 8080
    aws_port: int = 4566
    connection_ttl: float = 86_400.0
    websocket_ttl: float = 3_600.0
    faults: Faults = field(default_factory=Faults)
    agent: bool = True
    agent_script: Path | None = None
    agent_delay_seconds: float = 0.3


@dataclass(frozen=True, kw_only=True)
class LocalStack:
    start_chat_url: str
    api_url: str
    aws_endpoint: str
    region: str
    runners: tuple[web.AppRunner, ...]
    function: LambdaFunction

    def client_environment(self) -> dict[str, str]:
        """What a boto3 client (or our chat_client) needs to use this stack."""
        return {"AWS_REGION": self.region, "AWS_ENDPOINT_URL_CONNECTPARTICIPANT": self.aws_endpoint}

    async def stop(self) -> None:
        for runner in self.runners:
            await runner.cleanup()
        self.function.shutdown()


async def _serve(app: web.Application, port: int) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    host, bound_port = runner.addresses[0][:2]
    return runner, f"http://{host}:{bound_port}"


async def start_local_stack(config: EnvironmentConfig, options: LocalOptions) -> LocalStack:
    aws_app = aws_stand_in(
        StandInOptions(
            instance_id=config.instance_id,
            contact_flow_id=config.contact_flow_id,
            connection_ttl=options.connection_ttl,
            websocket_ttl=options.websocket_ttl,
            faults=options.faults,
        )
    )
    if options.agent:
        SimulatedAgent(
            aws_app[STORE], script=options.agent_script, delay_seconds=options.agent_delay_seconds
        )
    aws_runner, aws_url = await _serve(aws_app, options.aws_port)
    function = LambdaFunction(
        LAMBDA_SOURCE,
        HANDLER,
        {
            **handler_environment(config),
            "AWS_ENDPOINT_URL_CONNECT": aws_url,
            "AWS_REGION": config.region,
            "AWS_DEFAULT_REGION": config.region,
            # botocore signs every Connect call; the stand-in accepts any signature.
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_EC2_METADATA_DISABLED": "true",
        },
        concurrency=config.reserved_concurrency,
    )
    api_app = web.Application()
    api_app.add_routes(page_routes(region=config.region, participant_endpoint=aws_url))
    api_app.add_routes(Gateway(config, function).routes())
    api_runner, api_url = await _serve(api_app, options.api_port)
    return LocalStack(
        start_chat_url=f"{api_url}/chat",
        api_url=f"{api_url}/",
        aws_endpoint=aws_url,
        region=config.region,
        runners=(api_runner, aws_runner),
        function=function,
    )
