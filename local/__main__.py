"""`python -m local` (make local): the whole chat flow on localhost, no AWS account needed."""

import argparse
import asyncio
import json
import re
import signal
import sys
from pathlib import Path

from infra.config import ConfigError, load, read_environments
from local.faults import Faults
from local.stack import LocalOptions, PortInUse, start_local_stack

ORIGIN = re.compile(r"https?://(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:[0-9]{1,5})?")


def origins(value: str) -> list[str]:
    """`--allow-origin a,b`: each as a browser writes it in `Origin`, which is compared as is."""
    found = [item.strip() for item in value.split(",") if item.strip()]
    for item in found:
        if not ORIGIN.fullmatch(item):
            raise argparse.ArgumentTypeError(
                f"{item!r} is not an origin: scheme://host[:port] as a browser sends it "
                "(lower case, no path, no trailing slash)"
            )
    return found


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m local", description=__doc__)
    parser.add_argument("--env", default=None, help="environment in cdk.json (default dev)")
    parser.add_argument("--api-port", type=int, default=8080, help="HTTP API port (0: any free)")
    parser.add_argument("--aws-port", type=int, default=4566, help="Connect/Participant port")
    parser.add_argument("--cdn-port", type=int, default=8090, help="the widget's CDN stand-in")
    parser.add_argument("--connection-ttl", type=float, default=86_400.0, metavar="SECONDS")
    parser.add_argument("--websocket-ttl", type=float, default=3_600.0, metavar="SECONDS")
    parser.add_argument(
        "--throttle-rate", type=float, default=0.0, help="share of AWS calls throttled"
    )
    parser.add_argument(
        "--fail-rate", type=float, default=0.0, help="share of AWS calls failing (500)"
    )
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added to every AWS call")
    parser.add_argument("--agent-script", type=Path, help="file of agent replies, one per line")
    parser.add_argument("--agent-delay", type=float, default=0.3, metavar="SECONDS")
    parser.add_argument("--no-agent", action="store_true", help="no simulated agent")
    parser.add_argument("--json", action="store_true", help="print the URLs as one JSON line")
    parser.add_argument(
        "--allow-origin",
        type=origins,
        action="extend",
        default=[],
        metavar="ORIGIN[,ORIGIN]",
        help="also accept chats from pages on these origins (make local ALLOW_ORIGINS=)",
    )
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> None:
    config = load(read_environments(), args.env)
    options = LocalOptions(
        api_port=args.api_port,
        aws_port=args.aws_port,
        cdn_port=args.cdn_port,
        connection_ttl=args.connection_ttl,
        websocket_ttl=args.websocket_ttl,
        agent=not args.no_agent,
        agent_script=args.agent_script,
        agent_delay_seconds=args.agent_delay,
        extra_origins=tuple(args.allow_origin),
        faults=Faults(
            throttle_rate=args.throttle_rate, fail_rate=args.fail_rate, latency_ms=args.latency_ms
        ),
    )
    stack = await start_local_stack(config, options)
    urls = {
        "StartChatUrl": stack.start_chat_url,
        "ApiUrl": stack.api_url,
        "AwsEndpoint": stack.aws_endpoint,
        "Region": stack.region,
        "WidgetScriptUrl": stack.widget_url,
    }
    if args.json:
        print(json.dumps(urls), flush=True)
    else:
        env = " ".join(f"{k}={v}" for k, v in stack.client_environment().items())
        talk = f"python -m chat_client talk --url {stack.start_chat_url} --name Ada"
        width = max(map(len, stack.allowed_origins))
        sources = {
            **dict.fromkeys(stack.allowed_origins, "this stack's chat page and widget"),
            **dict.fromkeys(args.allow_origin, "ALLOW_ORIGINS"),
            **dict.fromkeys(config.allowed_origins, f"allowedOrigins ({config.name}, cdk.json)"),
        }
        allowed = "".join(f"    {o:<{width}}  {sources[o]}\n" for o in stack.allowed_origins)
        if config.auth:  # API Gateway's JWT authorizer wants a token: a local one works here
            talk += f' --token "$(make -s local-token ENV={config.name})"'
        print(
            f"connect-chat-starter local stack ({config.name}); Ctrl-C stops it\n"
            f"  StartChatUrl  {stack.start_chat_url}\n"
            f"  AWS endpoint  {stack.aws_endpoint} (Connect + Participant Service)\n"
            f"  Chat page     {stack.api_url.replace('127.0.0.1', 'localhost')}\n"
            f'  Widget        <script src="{stack.widget_url}" async></script>  (CDN stand-in)\n'
            f"  Origins       pages on these may start chats; more with make local "
            f"ALLOW_ORIGINS=<origin>,<origin>\n{allowed}"
            f"Try it:\n  {env} {talk}",
            flush=True,
        )
    stopped = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, or a test/process manager
        asyncio.get_running_loop().add_signal_handler(signum, stopped.set)
    try:
        await stopped.wait()
    finally:
        await stack.stop()


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    try:
        asyncio.run(run(args))
    except ConfigError as error:
        sys.exit(error.told_by("local"))
    except PortInUse as error:
        flag = "--" + error.setting.lower().replace("_", "-")
        sys.exit(
            f"local: cannot start: port {error.port} is in use by another program; choose "
            f"another with make local {error.setting}=<port> (python -m local {flag} <port>)"
        )
    except OSError as error:
        sys.exit(f"local: cannot start: {error}")
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
