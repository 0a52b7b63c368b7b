"""`python -m chat_client` or `chat-client`: start, talk, send, smoke; errors are one line."""

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

from chat_client.api import ChatClientError, not_continued_note, start_chat
from chat_client.safe_text import safe_text
from chat_client.send import Outgoing, send
from chat_client.smoke import run_smoke
from chat_client.talk import talk


def attribute(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="chat-client", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("start", "start a chat and print its details as JSON"),
        ("talk", "chat interactively in this terminal"),
        ("send", "for scripts: send messages and files, print the answers, leave"),
        ("smoke", "post-deploy check: start, connect, send, transcript, disconnect"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--url", required=True, help="the stack's StartChatUrl")
        command.add_argument("--region", help="default: AWS_REGION, or the URL's region")
        command.add_argument(
            "--token",
            default=os.environ.get("CHAT_TOKEN"),
            help="sign-in JWT for environments with auth type jwt (default: CHAT_TOKEN)",
        )
        if name == "send":
            command.add_argument("--name", required=True, help="display name")
            command.add_argument("--message", action="append", default=[], help="(repeatable)")
            command.add_argument(
                "--attach",
                action="append",
                default=[],
                type=Path,
                metavar="PATH",
                help="(repeatable)",
            )
            command.add_argument(
                "--wait",
                type=float,
                default=5.0,
                metavar="SECONDS",
                help="leave once nothing has arrived for this long (default 5)",
            )
            command.add_argument(
                "--save-to",
                type=Path,
                metavar="FOLDER",
                help="download the agent's attachments here",
            )
        elif name == "smoke":
            command.add_argument("--name", default="smoke-test", help="display name")
            command.add_argument("--json", action="store_true", help="one JSON object for CI")
        else:
            command.add_argument("--name", required=True, help="display name")
            command.add_argument(
                "--attr",
                action="append",
                type=attribute,
                default=[],
                metavar="KEY=VALUE",
                help="contact attribute (repeatable)",
            )
            command.add_argument(
                "--resume",
                metavar="CONTACT_ID",
                help="continue this ended chat (persistent chat); if Connect will not, "
                "a new chat is started",
            )
            command.add_argument(
                "--continuation-token",
                default=os.environ.get("CHAT_CONTINUATION_TOKEN"),
                metavar="TOKEN",
                help="the --resume chat's continuation_token (start --show-tokens prints it; "
                "default: CHAT_CONTINUATION_TOKEN); without it a new chat is started",
            )
        if name == "start":
            command.add_argument(
                "--show-tokens", action="store_true", help="print the tokens unmasked"
            )
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "start":
            details = start_chat(
                args.url,
                args.name,
                attributes=dict(args.attr),
                resume_from=args.resume,
                continuation_token=args.continuation_token,
                token=args.token,
            )
            note = not_continued_note(
                resume_from=args.resume,
                continuation_token=args.continuation_token,
                details=details,
            )
            if note:
                print(f"chat-client: note: {note}", file=sys.stderr)
            print(json.dumps(details.as_json(show_tokens=args.show_tokens), indent=2))
        elif args.command == "talk":
            asyncio.run(
                talk(
                    args.url,
                    args.name,
                    region=args.region,
                    attributes=dict(args.attr),
                    resume_from=args.resume,
                    continuation_token=args.continuation_token,
                    token=args.token,
                )
            )
        elif args.command == "send":
            return send_command(args)
        else:
            return smoke(args)
    except ChatClientError as error:
        print(f"chat-client: error: {safe_text(str(error), one_line=True)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def send_command(args: argparse.Namespace) -> int:
    outcome = asyncio.run(
        send(
            args.url,
            args.name,
            Outgoing(messages=tuple(args.message), files=tuple(args.attach)),
            region=args.region,
            token=args.token,
            wait_seconds=args.wait,
            save_to=args.save_to,
        )
    )
    return 0 if outcome.ok else 1


def smoke(args: argparse.Namespace) -> int:
    result = asyncio.run(run_smoke(args.url, name=args.name, region=args.region, token=args.token))
    if args.json:
        print(json.dumps(result.as_json()))
    else:
        for step in result.steps:
            mark = "ok  " if step.ok else "FAIL"
            print(
                f"{mark} {step.name:<11} {step.ms:8.1f} ms"
                + (f"  {safe_text(step.error, one_line=True)}" if step.error else "")
            )
        print("smoke: passed" if result.ok else f"smoke: failed at {result.steps[-1].name}")
    return 0 if result.ok else 1
