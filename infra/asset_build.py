"""Builds the function's code directory without Docker: the handler's own files plus its
pinned wheels for Lambda's platform. Kept free of aws_cdk, so bench/ can build the asset
without starting jsii; infra/lambda_bundling.py hands it to CDK."""

import shutil
import subprocess
import sys
from pathlib import Path

from infra.connect_model import write_trimmed_model

# Lambda's arm64 Python 3.14 runtime; the machine building the asset may run another Python.
PIP_PLATFORM = ("--platform", "manylinux2014_aarch64", "--python-version", "3.14")


def build_asset(source: Path, out: Path) -> None:
    for path in source.glob("*.py"):
        shutil.copy2(path, out / path.name)
    write_trimmed_model(out)
    requirements = source / "requirements.txt"
    if requirements.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-compile", *PIP_PLATFORM, "--implementation", "cp", "--only-binary=:all:",
             "--target", str(out), "-r", str(requirements)],
            check=True,
            stdout=sys.stderr,
        )  # fmt: skip
