#!/usr/bin/env python3
"""CDK entry point: `-c env=NAME` (default dev) picks one environment from cdk.json."""

import sys

from aws_cdk import App, Stack, Validations
from cdk_nag import AwsSolutionsChecks

from infra.cdk.chat_stack import ChatStarterStack
from infra.cdk.github_access_stack import GitHubAccessStack
from infra.config import ConfigError, load


def main() -> None:
    app = App()
    try:
        config = load(app.node.try_get_context("environments"), app.node.try_get_context("env"))
    except ConfigError as error:
        sys.exit(error.told_by("connect-chat-starter"))
    stacks: list[Stack] = [ChatStarterStack(app, config=config)]
    if config.github:  # deployed once by an admin (make deploy-access), then by GitHub
        stacks.append(GitHubAccessStack(app, config=config, github=config.github))
    for stack in stacks:
        # Acknowledged rules are also written into the template, so synth review shows them.
        Validations.of(stack).add_plugins(
            AwsSolutionsChecks(stack, verbose=True, write_suppressions_to_cloud_formation=True)
        )
    app.synth()


if __name__ == "__main__":
    main()
