"""`make diff ENV=name`: `npx cdk diff` for review. The CDK CLI reports some failures twice
(a log line, then the same text as the error it exits with); each is said here once."""

import argparse
import subprocess
import sys
from pathlib import Path

from infra.names import stack_name

REPO_ROOT = Path(__file__).resolve().parent.parent


# "auto" tries a change set (shows replacements; needs the deploy role) and falls back to a
# template diff; "template" says up front it compares templates: the deployed one read with
# cloudformation:GetTemplate and DescribeStacks on this stack, all GitHub's pull-request diff
# role may do (no bootstrap role, no change set).
METHODS = ("auto", "change-set", "template")


def diff_command(env: str, *, method: str) -> list[str]:
    return ["npx", "cdk", "diff", stack_name(env), "-c", f"env={env}", "--method", method]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.diff", description=__doc__)
    parser.add_argument("--env", default="dev")
    parser.add_argument("--method", choices=METHODS, default="auto")
    args = parser.parse_args(argv)
    process = subprocess.Popen(  # noqa: S603 - the pinned CDK CLI, our arguments
        diff_command(args.env, method=args.method), cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    previous = None
    for line in process.stderr:  # stdout (the diff itself) passes straight through
        if line != previous:
            sys.stderr.write(line)
        previous = line
    return process.wait()


if __name__ == "__main__":
    sys.exit(main())
