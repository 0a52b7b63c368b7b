"""Docker-free bundling for CDK: infra/asset_build.py run as CDK's local bundler."""

from pathlib import Path
from typing import cast

import jsii
from aws_cdk import BundlingOptions, DockerImage, ILocalBundling
from aws_cdk import aws_lambda as lambda_

from infra.asset_build import build_asset


@jsii.implements(ILocalBundling)
class PipLocalBundling:
    def __init__(self, source: Path) -> None:
        self._source = source

    def try_bundle(self, output_dir: str, _options: BundlingOptions) -> bool:
        build_asset(self._source, Path(output_dir))
        return True


def python_code(source: Path) -> lambda_.Code:
    """Asset code for `source`; only the local bundler runs, so Docker is never needed."""
    return lambda_.Code.from_asset(
        str(source),
        exclude=["__pycache__", "*.pyc"],
        bundling=BundlingOptions(
            # Never pulled: PipLocalBundling always succeeds, so CDK never falls back to Docker.
            image=DockerImage.from_registry("unused-local-bundling-only"),
            # jsii passes the options as one positional struct, not the keywords the stub shows.
            local=cast(ILocalBundling, PipLocalBundling(source)),
        ),
    )
