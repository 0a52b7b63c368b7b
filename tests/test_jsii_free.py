"""The modules that local/, ops/ and bench/ import from infra/ load without aws_cdk (which
would start jsii, seconds per process): proved in a process where aws_cdk cannot load."""

import subprocess
import sys

from tests.conftest import REPO_ROOT

JSII_FREE = ["infra.config", "infra.names", "infra.api_shape", "infra.handler_environment",
             "infra.asset_build", "local.stack", "local.gateway", "ops.deploy",
             "bench.local_load", "bench.handler"]  # fmt: skip
BLOCK_CDK = "import sys; sys.modules['aws_cdk'] = sys.modules['constructs'] = sys.modules['jsii'] = None"  # fmt: skip


def test_jsii_free_modules_load_without_aws_cdk():
    imports = "; ".join(f"import {module}" for module in JSII_FREE)
    run = subprocess.run(
        [sys.executable, "-c", f"{BLOCK_CDK}; {imports}"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr


def test_the_block_works():
    run = subprocess.run(
        [sys.executable, "-c", f"{BLOCK_CDK}; import infra.stack"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode != 0
    assert "aws_cdk" in run.stderr
