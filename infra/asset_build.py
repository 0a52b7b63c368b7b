"""Builds the function's code directory without Docker: the handler's own files plus its
pinned wheels for Lambda's platform. Kept free of aws_cdk, so bench/ can build the asset
without starting jsii; infra/cdk/lambda_bundling.py hands it to CDK."""

import os
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
# The function's whole dependency set, pinned with hashes (pip-compile of requirements.in):
# pip checks every wheel against it and resolves nothing, so two synths on different days
# ship the same bytes, and a package missing from the lock fails the synth.
LOCK = "requirements.txt"
LOCKED = ("--require-hashes", "--no-deps")
# Already in every Lambda Python runtime (botocore's own dependency), there with bytecode; a
# bundled copy has none (the code folder is read-only) and is compiled at each cold start.
RUNTIME_PROVIDED = ("jmespath",)
REPO_ROOT = Path(__file__).resolve().parent.parent
# Where tools/python3.14 leaves the interpreter it gets on Debian machines.
PROJECT_PYTHON = REPO_ROOT / ".cache" / "python3.14" / "python3.14"
NO_BYTECODE = (
    "asset: no Python {}.{} found (PYTHON314, python3.14 on PATH, or tools/python3.14): the "
    "function ships without bytecode and compiles its modules at every cold start "
    "(docs/performance.md)"
).format(*RUNTIME_PYTHON)
_said_no_bytecode = False


def build_asset(
    source: Path, out: Path, *, python: str | None = None, bytecode: bool = True
) -> None:
    """The code folder, with bytecode from `python` (default: the runtime's Python, where
    this machine has one). Lambda cannot write bytecode (the folder is read-only), so
    without it every cold start compiles the bundled modules again."""
    for path in source.glob("*.py"):
        shutil.copy2(path, out / path.name)
    write_trimmed_model(out)
    lock = source / LOCK
    if lock.exists() and _requirements(lock):
        pip_install_for_runtime(out, *LOCKED, "-r", str(lock), platform=PIP_PLATFORM)
        for name in RUNTIME_PROVIDED:
            for path in [out / name, *out.glob(f"{name}-*.dist-info")]:
                shutil.rmtree(path, ignore_errors=True)
    if not bytecode:
        return
    python = python or runtime_python()
    if python:
        compile_bytecode(out, python)
    else:
        _say_no_bytecode()


def _requirements(lock: Path) -> list[str]:
    """The lock's requirement lines (pip refuses a requirements file that names none)."""
    lines = (line.split("#", 1)[0].strip() for line in lock.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("--")]


def pip_install_for_runtime(target: Path, *requirements: str, platform: tuple[str, ...]) -> None:
    """This machine's pip installing wheels for Python 3.14 into `target`, compiling nothing
    (bytecode comes from 3.14 itself)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-compile",
            *platform,
            "--implementation",
            "cp",
            "--only-binary=:all:",
            "--target",
            str(target),
            *requirements,
        ],
        check=True,
        stdout=sys.stderr,
    )


def compile_bytecode(out: Path, python: str) -> None:
    """Hash-based bytecode (unchecked: the asset is immutable). `cdk deploy` zips every file
    with mtime 1980-01-01, so timestamp-checked .pyc files (compileall's default) never
    match their sources in /var/task and Lambda compiles the module anyway. One process
    (-j 1): a loader-run interpreter cannot start workers."""
    subprocess.run(
        [
            python,
            "-m",
            "compileall",
            "-q",
            "-j",
            "1",
            "--invalidation-mode",
            "unchecked-hash",
            str(out),
        ],
        check=True,
        stdout=sys.stderr,
    )


def runtime_python() -> str | None:
    """A CPython of the runtime's version: $PYTHON314, this interpreter, python3.14 on PATH,
    or the project's own (tools/python3.14)."""
    candidates = [os.environ.get("PYTHON314"), shutil.which("python3.14"), str(PROJECT_PYTHON)]
    if sys.version_info[:2] == RUNTIME_PYTHON:
        candidates.insert(1, sys.executable)
    for candidate in filter(None, candidates):
        if Path(candidate).is_file() and _version(candidate) == RUNTIME_PYTHON:
            return candidate
    return None


def _version(python: str) -> tuple[int, ...] | None:
    try:
        answer = subprocess.run(
            [python, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return tuple(int(part) for part in answer.stdout.split())


def _say_no_bytecode() -> None:
    global _said_no_bytecode
    if not _said_no_bytecode:
        print(NO_BYTECODE, file=sys.stderr)
        _said_no_bytecode = True
