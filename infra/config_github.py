"""The optional `github` part of an environment: which repository's workflow may deploy it
through GitHub's OIDC provider (infra/github_access.py builds the roles)."""

from dataclasses import dataclass

from infra import config_keys as keys
from infra.config_reader import EnvironmentReader


@dataclass(frozen=True, kw_only=True)
class GitHubAccess:
    repository: str
    environment: str  # the GitHub environment whose deploy jobs are trusted
    oidc_provider_arn: str | None  # None: the access stack creates the provider
    bootstrap_qualifier: str


def read_github(env: EnvironmentReader, environment_name: str) -> GitHubAccess | None:
    github = env.optional_section("github")
    if github is None:
        return None
    access = GitHubAccess(
        repository=github.read(keys.GITHUB_REPOSITORY_KEY),
        environment=github.read(keys.GITHUB_ENVIRONMENT_KEY) or environment_name,
        oidc_provider_arn=github.read(keys.GITHUB_OIDC_PROVIDER),
        bootstrap_qualifier=github.read(keys.GITHUB_QUALIFIER),
    )
    github.refuse_unknown_keys()
    return access
