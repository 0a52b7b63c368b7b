"""`make deploy ENV=name`: cdk deploy with an outputs file, then the client's smoke test
against the deployed StartChatUrl. Fails loudly if either fails. `--dry-run` prints the
commands and deploys nothing."""

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from infra.names import START_CHAT_URL_OUTPUT, stack_name

REPO_ROOT = Path(__file__).resolve().parent.parent


def deploy_command(env: str, outputs: Path) -> list[str]:
    return [
        "npx",
        "cdk",
        "deploy",
        stack_name(env),
        "-c",
        f"env={env}",
        "--require-approval",
        "broadening",
        "--outputs-file",
        str(outputs),
    ]


def smoke_command(url: str) -> list[str]:
    return [sys.executable, "-m", "chat_client", "smoke", "--url", url]


def start_chat_url(outputs: Path, env: str) -> str:
    try:
        return str(json.loads(outputs.read_text())[stack_name(env)][START_CHAT_URL_OUTPUT])
    except (OSError, ValueError, KeyError) as error:
        raise SystemExit(
            f"deploy: no {START_CHAT_URL_OUTPUT} for {stack_name(env)} in {outputs}: {error!r}"
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.deploy", description=__doc__)
    parser.add_argument("--env", default="dev")
    parser.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    args = parser.parse_args(argv)
    outputs = REPO_ROOT / "cdk.out" / f"outputs-{args.env}.json"
    deploy = deploy_command(args.env, outputs)
    if args.dry_run:
        print(f"dry run: would run\n  {shlex.join(deploy)}")
        placeholder = f"<{START_CHAT_URL_OUTPUT} of {stack_name(args.env)} in {outputs}>"
        print(f"  {shlex.join(smoke_command(placeholder))}")
        print("dry run: nothing was deployed")
        return 0
    if subprocess.run(deploy, cwd=REPO_ROOT, check=False).returncode != 0:  # noqa: S603
        print(f"deploy: FAILED: cdk deploy of {stack_name(args.env)}", file=sys.stderr)
        return 1
    url = start_chat_url(outputs, args.env)
    print(f"deploy: smoke test against {url}", flush=True)
    smoke = subprocess.run(smoke_command(url), cwd=REPO_ROOT, check=False, env=os.environ)  # noqa: S603
    if smoke.returncode != 0:
        print(f"deploy: FAILED: the smoke test against {url} did not pass", file=sys.stderr)
        return 1
    print(f"deploy: {stack_name(args.env)} deployed and smoke-tested")
    return 0


if __name__ == "__main__":
    sys.exit(main())
