"""The function's code folder as infra/asset_build.py builds it: bytecode only for the
runtime's own Python (Lambda ignores any other), nothing the runtime already has."""

import json
import sys

from infra.asset_build import RUNTIME_PROVIDED, RUNTIME_PYTHON, build_asset
from tests.infra.test_function import only


def test_bytecode_is_written_only_for_the_runtimes_python(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "handler.py").write_text("VALUE = 1\n")
    matching, other = tmp_path / "matching", tmp_path / "other"
    matching.mkdir()
    other.mkdir()
    build_asset(source, matching, bytecode_for=sys.version_info[:2])
    build_asset(source, other, bytecode_for=(2, 7))
    tag = f"cpython-{sys.version_info[0]}{sys.version_info[1]}"
    assert (matching / "__pycache__" / f"handler.{tag}.pyc").exists()
    assert not (other / "__pycache__").exists()
    assert (other / "handler.py").exists()
    assert (other / "botocore_data" / "connect").is_dir()


def test_the_synthesized_asset_bundles_nothing_the_runtime_has(synth):
    from aws_cdk.assertions import Template

    template = Template.from_json(synth.template)
    _, function = only(template, "AWS::Lambda::Function")
    assert function["Properties"]["Runtime"] == "python{}.{}".format(*RUNTIME_PYTHON)
    asset = synth.outdir / f"asset.{function['Properties']['Code']['S3Key'].removesuffix('.zip')}"
    assert (asset / "aws_lambda_powertools").is_dir()
    for name in RUNTIME_PROVIDED:
        assert not (asset / name).exists()
    assert json.loads((asset / "botocore_data" / "endpoints.json").read_text())["partitions"]
