"""Starts the whole local stack: AWS stand-in (Connect + Participant Service + agent), the
HTTP API stand-in running the real handler, and a CDN stand-in serving the widget bundle as
the stack publishes it, each on its own localhost port."""

import os
import shutil
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from infra.api_shape import CHAT_PATH
from infra.botocore_data import write_trimmed_model
from infra.config import EnvironmentConfig
from infra.handler_environment import HANDLER, LAMBDA_SOURCE, handler_environment
from infra.widget_bundle import build_widget, widget_config
from infra.widget_hosting_headers import BOT_CHECK_ORIGINS, PageOrigins, page_csp
from local.abuse_stand_ins import AbuseStandIns
from local.agent import SimulatedAgent
from local.aws_stand_in import ATTACHMENTS, STORE, StandInOptions, aws_stand_in
from local.cdn import cdn_app, widget_url
from local.faults import Faults
from local.gateway import MAX_REQUEST_BYTES, ApiGatewayRunner, Gateway
from local.lambda_runtime import LambdaFunction
from local.web_page import page_routes


@dataclass(frozen=True, kw_only=True)
class LocalOptions:
    api_port: int = 8080
    aws_port: int = 4566
    cdn_port: int = 8090
    connection_ttl: float = 86_400.0
    websocket_ttl: float = 3_600.0
    faults: Faults = field(default_factory=Faults)
    agent: bool = True
    agent_script: Path | None = None
    agent_delay_seconds: float = 0.3
    extra_origins: tuple[str, ...] = ()  # a developer's own app (make local ALLOW_ORIGINS=)


@dataclass(frozen=True, kw_only=True)
class LocalStack:
    start_chat_url: str
    api_url: str
    aws_endpoint: str
    region: str
    widget_url: str
    allowed_origins: tuple[str, ...]
    runners: tuple[web.AppRunner, ...]
    function: LambdaFunction
    scratch: Path
    abuse: AbuseStandIns

    def client_environment(self) -> dict[str, str]:
        """What a boto3 client (or our chat_client) needs to use this stack."""
        return {"AWS_REGION": self.region, "AWS_ENDPOINT_URL_CONNECTPARTICIPANT": self.aws_endpoint}

    async def stop(self) -> None:
        for runner in self.runners:
            await runner.cleanup()
        self.function.shutdown()
        shutil.rmtree(self.scratch, ignore_errors=True)
        self.abuse.stop()


class PortInUse(OSError):
    def __init__(self, port: int, setting: str) -> None:
        super().__init__(f"port {port} is in use")
        self.port, self.setting = port, setting


def _bind(port: int, setting: str) -> socket.socket:
    """Bound before anything starts, so the API's URL (and its page's origin) is known."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        sock.close()
        raise PortInUse(port, setting) from None
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"


async def _serve(runner: web.AppRunner, sock: socket.socket) -> web.AppRunner:
    await runner.setup()
    await web.SockSite(runner, sock).start()
    return runner


async def start_local_stack(config: EnvironmentConfig, options: LocalOptions) -> LocalStack:
    aws_app = aws_stand_in(
        StandInOptions(
            instance_id=config.instance_id,
            contact_flow_id=config.contact_flow_id,
            connection_ttl=options.connection_ttl,
            websocket_ttl=options.websocket_ttl,
            faults=options.faults,
            attachments=config.widget.attachments,
        )
    )
    if options.agent:
        SimulatedAgent(
            aws_app[STORE],
            attachments=aws_app[ATTACHMENTS],
            script=options.agent_script,
            delay_seconds=options.agent_delay_seconds,
        )
    api_socket = _bind(options.api_port, "API_PORT")
    aws_socket = _bind(options.aws_port, "AWS_PORT")
    cdn_socket = _bind(options.cdn_port, "CDN_PORT")
    api_url, aws_url, cdn_url = _url(api_socket), _url(aws_socket), _url(cdn_socket)
    aws_runner = await _serve(web.AppRunner(aws_app, access_log=None), aws_socket)
    # The chat page is served from the API's own origin and from the CDN stand-in's, as the
    # stack adds its distribution's; a browser sends that Origin.
    page_origins = tuple(
        url.replace("127.0.0.1", host)
        for url in (api_url, cdn_url)
        for host in ("127.0.0.1", "localhost")
    )
    allowed = tuple(dict.fromkeys((*config.allowed_origins, *page_origins, *options.extra_origins)))
    config = config.model_copy(update={"allowed_origins": allowed})
    scratch = Path(tempfile.mkdtemp(prefix="connect-chat-starter-local-"))
    # The stack's own AWS clients and moto need botocore's full models; AWS_DATA_PATH (if the
    # caller has one) may name trimmed ones. The function gets its own below.
    os.environ.pop("AWS_DATA_PATH", None)
    abuse = AbuseStandIns(config)
    stand_ins = abuse.start(aws_url)
    write_trimmed_model(scratch)  # the trimmed Connect model, as the deployed function has it
    function = LambdaFunction(
        LAMBDA_SOURCE,
        HANDLER,
        {
            **handler_environment(
                config,
                hash_key_secret=stand_ins.hash_key_secret,
                client_limit_table=stand_ins.client_limit_table,
                bot_check_verify_url=stand_ins.bot_check_verify_url,
                code_dir=str(scratch),
            ),
            "AWS_ENDPOINT_URL_CONNECT": aws_url,
            "AWS_REGION": config.region,
            "AWS_DEFAULT_REGION": config.region,
            # botocore signs every Connect call; the stand-in accepts any signature.
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_EC2_METADATA_DISABLED": "true",
            **stand_ins.endpoints,
        },
        concurrency=config.reserved_concurrency,
    )
    api_app = web.Application(client_max_size=MAX_REQUEST_BYTES)
    api_app.add_routes(page_routes(config, participant_endpoint=aws_url))
    api_app.add_routes(Gateway(config, function).routes())
    api_runner = await _serve(ApiGatewayRunner(api_app, access_log=None), api_socket)
    widget = build_widget(scratch / "cdn")
    cdn_config = widget_config(config, start_chat_url=f"{api_url}{CHAT_PATH}")
    cdn_config["participantEndpoint"] = aws_url  # only here: the real one is AWS's
    origins = PageOrigins(
        api=api_url,
        participant=aws_url,
        websocket=aws_url.replace("http://", "ws://", 1),
        attachments=aws_url if config.widget.attachments else None,
        bot_check=BOT_CHECK_ORIGINS[config.bot_check.provider] if config.bot_check else (),
    )  # the deployed page's policy (infra/widget_hosting_headers.py), with this stack's origins
    cdn = cdn_app(widget, cdn_config, content_security_policy=page_csp(origins))
    cdn_runner = await _serve(web.AppRunner(cdn, access_log=None), cdn_socket)
    return LocalStack(
        start_chat_url=f"{api_url}{CHAT_PATH}",
        api_url=f"{api_url}/",
        aws_endpoint=aws_url,
        region=config.region,
        widget_url=widget_url(cdn_url.replace("127.0.0.1", "localhost")),
        allowed_origins=config.allowed_origins,
        runners=(api_runner, aws_runner, cdn_runner),
        function=function,
        scratch=scratch,
        abuse=abuse,
    )
