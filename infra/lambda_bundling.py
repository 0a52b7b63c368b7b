"""Docker-free bundling: the handler's own files plus its pinned wheels for Lambda's platform."""

import shutil
import subprocess
import sys
from pathlib import Path
from typing import cast

import jsii
from aws_cdk import BundlingOptions, DockerImage, ILocalBundling
from aws_cdk import aws_lambda as lambda_

# Lambda's arm64 Python 3.14 runtime; the machine building the asset may run another Python.
PIP_PLATFORM = ("--platform", "manylinux2014_aarch64", "--python-version", "3.14")


@jsii.implements(ILocalBundling)
class PipLocalBundling:
    def __init__(self, source: Path) -> None:
        self._source = source

    def try_bundle(self, output_dir: str, _options: BundlingOptions) -> bool:
        out = Path(output_dir)
        for path in self._source.glob("*.py"):
            shutil.copy2(path, out / path.name)
        requirements = self._source / "requirements.txt"
        if requirements.exists():
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--no-compile",
                    *PIP_PLATFORM,
                    "--implementation",
                    "cp",
                    "--only-binary=:all:",
                    "--target",
                    str(out),
                    "-r",
                    str(requirements),
                ],
                check=True,
                stdout=sys.stderr,
            )
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
