"""Python 3.14 side folders for what Lambda's runtime has and our asset does not: boto3 and
botocore (the runtime's own, with its bytecode), and pytest for the handler's tests on 3.14.
Installed by this machine's pip for Python 3.14 (`--target`, wheels only), compiled by 3.14
itself, cached in .cache/ by what they hold. Kept free of aws_cdk (bench/ and tests use it)."""

import hashlib
import shutil
import subprocess
from pathlib import Path

from infra.asset_build import pip_install_for_runtime

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE = REPO_ROOT / ".cache"
# What the Lambda Python runtimes ship besides the standard library (our pins of them):
# the AWS SDK and the SnapStart hooks module.
RUNTIME_LIBRARIES = ("boto3==1.44.8", "botocore==1.44.8", "snapshot-restore-py==1.0.0")
TEST_LIBRARIES = ("pytest==9.2.0",)


def site_folder(python314: str, name: str, requirements: tuple[str, ...]) -> Path:
    """A folder to put on a 3.14 interpreter's sys.path holding `requirements`."""
    digest = hashlib.sha256("\n".join(requirements).encode()).hexdigest()[:12]
    folder = CACHE / f"{name}-py314-{digest}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    # Pure-Python wheels: no platform, only the runtime's Python version.
    pip_install_for_runtime(folder, *requirements, platform=("--python-version", "3.14"))
    # As installed in the runtime: compiled, by the interpreter that will import them.
    subprocess.run(  # noqa: S603
        [python314, "-m", "compileall", "-q", "-j", "1", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (folder / ".complete").write_text("\n".join(requirements) + "\n")
    return folder
