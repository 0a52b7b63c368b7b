"""The handler on CPython 3.14, the Lambda runtime's version, from the asset the synth built
as Lambda holds it (zipped with 1980 dates, unpacked, read-only), beside the runtime's own
boto3/botocore: tests/runtime314/ run there by 3.14's pytest. Where no 3.14 is available
these skip with a hint, except under CI, which gets one (tools/python3.14)."""

import os
import subprocess

import pytest

from infra.asset_build import runtime_python
from infra.handler_environment import handler_environment
from tests.conftest import REPO_ROOT
from tools.deployed_asset import as_deployed, make_removable
from tools.runtime_site import RUNTIME_LIBRARIES, TEST_LIBRARIES, site_folder

CHECKS = REPO_ROOT / "tests" / "runtime314"


@pytest.fixture(scope="module")
def python314() -> str:
    python = runtime_python()
    if python is None:
        if os.environ.get("CI"):
            pytest.fail("CI runs the handler on Python 3.14: run tools/python3.14 first")
        pytest.skip("no Python 3.14 here: tools/python3.14 gets one on Debian")
    return python


@pytest.fixture(scope="module")
def task_root(synthesized, tmp_path_factory):
    dev = synthesized["dev"]
    function = next(
        r for r in dev.template["Resources"].values() if r["Type"] == "AWS::Lambda::Function"
    )
    asset = dev.outdir / f"asset.{function['Properties']['Code']['S3Key'].removesuffix('.zip')}"
    task = as_deployed(asset, tmp_path_factory.mktemp("lambda") / "task")
    yield task
    make_removable(task)


def test_the_handler_keeps_its_contract_on_python_314_from_the_deployed_asset(
    python314, task_root, synthesized
):
    runtime = site_folder(python314, "lambda-runtime", RUNTIME_LIBRARIES)
    testing = site_folder(python314, "pytest", TEST_LIBRARIES)
    config = synthesized["dev"].config
    environment = {
        "PATH": os.environ["PATH"],
        **handler_environment(config, code_dir=str(task_root)),
        "AWS_DEFAULT_REGION": config.region,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_EC2_METADATA_DISABLED": "true",
        "ASSET_DIR": str(task_root),
        "PYTHON314": python314,
        "PYTHONPATH": os.pathsep.join([str(testing), str(runtime)]),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    run = subprocess.run(
        [python314, "-m", "pytest", "-c", str(CHECKS / "pytest.ini"), str(CHECKS)],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
    assert "skipped" not in run.stdout


def test_the_check_would_see_stale_bytecode(python314, task_root, tmp_path):
    """A timestamp .pyc, dated by the zip, does not count: the check reports recompiles."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "mod.py").write_text("VALUE = 1\n")
    subprocess.run([python314, "-m", "compileall", "-q", "-j", "1", str(source)], check=True)
    stale = as_deployed(source, tmp_path / "stale")
    probe = (
        "import importlib._bootstrap_external as e, sys; seen = []\n"
        "o = e.SourceLoader.source_to_code\n"
        "def counted(self, d, p, *a, **k): seen.append(p); return o(self, d, p, *a, **k)\n"
        "e.SourceLoader.source_to_code = counted\n"
        f"sys.path.insert(0, {str(stale)!r}); import mod; print(len(seen))"
    )
    try:
        out = subprocess.run([python314, "-c", probe], capture_output=True, text=True, check=True)
    finally:
        make_removable(stale)
    assert out.stdout.strip() == "1", "timestamp bytecode is recompiled under the zip's dates"
