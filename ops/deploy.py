"""`make deploy ENV=name`: checks the account can hold the environment's reserved
concurrency, runs cdk deploy with an outputs file, then the client's smoke test against the
deployed StartChatUrl (with a token minted for it where the environment signs in). Fails
loudly if any step fails. `--dry-run` prints the commands and deploys nothing.

Broadening changes (new IAM) ask for approval at a terminal; with no terminal attached (CI)
the CLI cannot ask and would stop, so it does not: there the GitHub environment's required
reviewers approve the job before it runs."""

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from infra.config import EnvironmentConfig, load, read_environments
from infra.names import START_CHAT_URL_OUTPUT, WIDGET_SNIPPET_OUTPUT, stack_name
from ops.concurrency_check import (
    ConcurrencyProblem,
    account_settings,
    check_reserved_concurrency,
    lookup_role_arn,
)
from ops.smoke_token import SmokeTokenError, smoke_token

REPO_ROOT = Path(__file__).resolve().parent.parent


def approval(*, interactive: bool) -> str:
    return "broadening" if interactive else "never"


def deploy_command(env: str, outputs: Path, *, interactive: bool) -> list[str]:
    return [
        "npx",
        "cdk",
        "deploy",
        stack_name(env),
        "-c",
        f"env={env}",
        "--require-approval",
        approval(interactive=interactive),
        "--outputs-file",
        str(outputs),
    ]


def smoke_command(url: str) -> list[str]:
    return [sys.executable, "-m", "chat_client", "smoke", "--url", url]


def stack_outputs(outputs: Path, env: str) -> dict[str, str]:
    try:
        return dict(json.loads(outputs.read_text())[stack_name(env)])
    except (OSError, ValueError, KeyError):
        return {}


def start_chat_url(outputs: Path, env: str) -> str:
    try:
        return str(json.loads(outputs.read_text())[stack_name(env)][START_CHAT_URL_OUTPUT])
    except (OSError, ValueError, KeyError) as error:
        raise SystemExit(
            f"deploy: no {START_CHAT_URL_OUTPUT} for {stack_name(env)} in {outputs}: {error!r}"
        ) from None


def concurrency_problem(config: EnvironmentConfig) -> ConcurrencyProblem | None:
    import boto3  # only here: the dry run and the tests' stand-in deploys need no AWS SDK

    session = boto3.Session(region_name=config.region)
    qualifier = config.github.bootstrap_qualifier if config.github else "hnb659fds"
    lookup = lookup_role_arn(account=config.account, region=config.region, qualifier=qualifier)
    settings = account_settings(session, lookup_role_arn=lookup)
    return check_reserved_concurrency(
        settings=settings,
        environment=config.name,
        reserved=config.reserved_concurrency,
        region=config.region,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.deploy", description=__doc__)
    parser.add_argument("--env", default="dev")
    parser.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    parser.add_argument(
        "--skip-concurrency-check",
        action="store_true",
        help="do not call lambda:GetAccountSettings first",
    )
    args = parser.parse_args(argv)
    outputs = REPO_ROOT / "cdk.out" / f"outputs-{args.env}.json"
    deploy = deploy_command(args.env, outputs, interactive=sys.stdin.isatty())
    if args.dry_run:
        print(f"dry run: would run\n  {shlex.join(deploy)}")
        placeholder = f"<{START_CHAT_URL_OUTPUT} of {stack_name(args.env)} in {outputs}>"
        print(f"  {shlex.join(smoke_command(placeholder))}")
        print("dry run: nothing was deployed")
        return 0
    config = load(read_environments(), args.env)
    if not args.skip_concurrency_check:
        try:
            problem = concurrency_problem(config)
        except (BotoCoreError, ClientError) as error:
            # cdk deploy says more about missing credentials or access than this check could
            print(f"deploy: concurrency not checked ({error}); deploying", file=sys.stderr)
            problem = None
        if problem:
            print(problem.message, file=sys.stderr)
            return 1
    if subprocess.run(deploy, cwd=REPO_ROOT, check=False).returncode != 0:  # noqa: S603
        print(f"deploy: FAILED: cdk deploy of {stack_name(args.env)}", file=sys.stderr)
        return 1
    url = start_chat_url(outputs, args.env)
    print(f"deploy: smoke test against {url}", flush=True)
    try:
        token = smoke_token()
    except SmokeTokenError as error:
        print(f"deploy: FAILED: no token for the smoke test: {error}", file=sys.stderr)
        return 1
    smoke_env = {**os.environ, **({"CHAT_TOKEN": token} if token else {})}
    command = smoke_command(url)
    smoke = subprocess.run(command, cwd=REPO_ROOT, check=False, env=smoke_env)  # noqa: S603
    if smoke.returncode != 0:
        print(f"deploy: FAILED: the smoke test against {url} did not pass", file=sys.stderr)
        return 1
    snippet = stack_outputs(outputs, args.env).get(WIDGET_SNIPPET_OUTPUT)
    if snippet:  # widget.hosting: what the frontend team pastes
        print(f"deploy: the widget, for every page: {snippet}")
    print(f"deploy: {stack_name(args.env)} deployed and smoke-tested")
    return 0


if __name__ == "__main__":
    sys.exit(main())
