"""Builds the function's code directory without Docker: the handler's own files plus its
pinned wheels for Lambda's platform. Kept free of aws_cdk, so bench/ can build the asset
without starting jsii; infra/lambda_bundling.py hands it to CDK."""

import compileall
import shutil
import subprocess
import sys
from pathlib import Path

from infra.botocore_data import write_trimmed_model

# Lambda's arm64 Python 3.14 runtime; the machine building the asset may run another Python.
RUNTIME_PYTHON = (3, 14)
PIP_PLATFORM = (
    "--platform",
    "manylinux2014_aarch64",
    "--python-version",
    "{}.{}".format(*RUNTIME_PYTHON),
)
# Already in every Lambda Python runtime (botocore's own dependency), there with bytecode; a
# bundled copy has none (the code folder is read-only) and is compiled at each cold start.
RUNTIME_PROVIDED = ("jmespath",)


def build_asset(source: Path, out: Path, *, bytecode_for: tuple[int, ...] = RUNTIME_PYTHON) -> None:
    """The code folder. Bytecode is added when this interpreter is the runtime's Python:
    Lambda cannot write it (the folder is read-only), so without it every cold start
    compiles the bundled modules again (bench/: about 40 ms here)."""
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
        for name in RUNTIME_PROVIDED:
            for path in [out / name, *out.glob(f"{name}-*.dist-info")]:
                shutil.rmtree(path, ignore_errors=True)
    if sys.version_info[:2] == bytecode_for:
        compileall.compile_dir(out, quiet=1)
