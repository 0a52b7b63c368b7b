"""The function's code folder as infra/asset_build.py builds it: hash-based bytecode from the
runtime's Python (the zip `cdk deploy` uploads dates every file 1980-01-01, so timestamp
bytecode would be stale in Lambda), nothing the runtime already has."""

import email
import json
import os
import subprocess
import sys

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from infra import asset_build
from infra.asset_build import RUNTIME_PROVIDED, RUNTIME_PYTHON, build_asset, runtime_python
from infra.handler_environment import LAMBDA_SOURCE
from tests.infra.test_function import only

# PEP 552: the pyc header's flags word; bit 0 = hash-based, bit 1 = check the source.
UNCHECKED_HASH = 0b01


def pyc_flags(path) -> int:
    return int.from_bytes(path.read_bytes()[4:8], "little")


def test_bytecode_is_hash_based_and_unchecked(tmp_path):
    source, out = tmp_path / "src", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    (source / "handler.py").write_text("VALUE = 1\n")
    build_asset(source, out, python=sys.executable)
    tag = f"cpython-{sys.version_info[0]}{sys.version_info[1]}"
    pyc = out / "__pycache__" / f"handler.{tag}.pyc"
    assert pyc_flags(pyc) == UNCHECKED_HASH, "a timestamp pyc is stale once the zip dates it 1980"


def test_without_the_runtimes_python_synth_still_builds_and_says_so_once(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(asset_build, "runtime_python", lambda: None)
    monkeypatch.setattr(asset_build, "_said_no_bytecode", False)
    source = tmp_path / "src"
    source.mkdir()
    (source / "handler.py").write_text("VALUE = 1\n")
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        build_asset(source, tmp_path / name)
        assert (tmp_path / name / "handler.py").exists()
        assert not (tmp_path / name / "__pycache__").exists()
    assert capsys.readouterr().err.count("no Python 3.14 found") == 1


def test_another_python_is_never_taken_for_the_runtimes(monkeypatch):
    assert sys.version_info[:2] != RUNTIME_PYTHON, "the tests run on 3.11, the local stack's"
    monkeypatch.setenv("PYTHON314", sys.executable)
    assert runtime_python() != sys.executable


def test_the_synthesized_asset_bundles_nothing_the_runtime_has(synth):
    from aws_cdk.assertions import Template

    template = Template.from_json(synth.template)
    _, function = only(template, "AWS::Lambda::Function")
    assert function["Properties"]["Runtime"] == "python{}.{}".format(*RUNTIME_PYTHON)
    asset = synth.outdir / f"asset.{function['Properties']['Code']['S3Key'].removesuffix('.zip')}"
    own = {path.name for path in LAMBDA_SOURCE.glob("*.py")}
    # The function's modules and botocore data; no package (the lock names none today).
    assert {path.name for path in asset.iterdir()} == own | {"botocore_data", "__pycache__"}
    for name in RUNTIME_PROVIDED:
        assert not (asset / name).exists()
    assert json.loads((asset / "botocore_data" / "endpoints.json").read_text())["partitions"]


def test_where_the_runtimes_python_is_here_every_bundled_module_has_its_bytecode(synth):
    if runtime_python() is None:
        pytest.skip("no Python 3.14 here (tools/python3.14 gets one on Debian)")
    from aws_cdk.assertions import Template

    _, function = only(Template.from_json(synth.template), "AWS::Lambda::Function")
    asset = synth.outdir / f"asset.{function['Properties']['Code']['S3Key'].removesuffix('.zip')}"
    sources = [p for p in asset.rglob("*.py")]
    assert len(sources) >= len(list(LAMBDA_SOURCE.glob("*.py")))
    missing = []
    for source in sources:
        pyc = source.parent / "__pycache__" / f"{source.stem}.cpython-314.pyc"
        if not pyc.exists() or pyc_flags(pyc) != UNCHECKED_HASH:
            missing.append(str(source.relative_to(asset)))
    assert missing == []


def test_compileall_runs_in_one_process(monkeypatch):
    """A loader-run interpreter cannot start multiprocessing workers (they lose the loader)."""
    calls = []
    monkeypatch.setattr(asset_build.subprocess, "run", lambda command, **_: calls.append(command))
    asset_build.compile_bytecode(asset_build.REPO_ROOT, "python-x")
    (command,) = calls
    assert command[command.index("-j") + 1] == "1"
    assert command[command.index("--invalidation-mode") + 1] == "unchecked-hash"


def lock() -> dict[str, tuple[str, list[str]]]:
    """The function's lock: package -> (version, its hashes)."""
    text = (asset_build.REPO_ROOT / "lambda" / "start_chat" / asset_build.LOCK).read_text()
    entries = {}
    for requirement in text.replace("\\\n", " ").splitlines():
        requirement = requirement.split("#", 1)[0].strip()
        if not requirement:
            continue
        pin, *options = requirement.split()
        name, version = pin.split("==")
        hashes = [o.removeprefix("--hash=sha256:") for o in options if o.startswith("--hash=")]
        entries[canonicalize_name(name)] = (version, hashes)
    return entries


def test_the_lock_pins_every_package_with_hashes_and_holds_the_top_level_pins():
    locked = lock()
    for name, (version, hashes) in locked.items():
        assert hashes, f"{name}=={version} has no hashes"
    top_level = (asset_build.REPO_ROOT / "lambda" / "start_chat" / "requirements.in").read_text()
    for line in top_level.splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            assert locked[canonicalize_name(name)][0] == version.strip()


def test_the_build_checks_every_hash_and_resolves_nothing(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(asset_build.subprocess, "run", lambda command, **_: calls.append(command))
    monkeypatch.setattr(asset_build, "write_trimmed_model", lambda _: None)
    source, out = tmp_path / "source", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    (source / asset_build.LOCK).write_text("six==1.17.0 \\\n    --hash=sha256:00\n")
    build_asset(source, out, bytecode=False)
    (pip,) = calls
    assert {"--require-hashes", "--no-deps"} <= set(pip)
    assert pip[pip.index("-r") + 1] == str(source / asset_build.LOCK)


def test_a_lock_that_names_no_package_installs_nothing(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(asset_build.subprocess, "run", lambda command, **_: calls.append(command))
    monkeypatch.setattr(asset_build, "write_trimmed_model", lambda _: None)
    build_asset(LAMBDA_SOURCE, tmp_path, bytecode=False)
    assert calls == []  # pip would refuse a requirements file without requirements


def test_the_asset_is_the_lock_and_every_dependency_it_declares_is_locked(synth):
    from aws_cdk.assertions import Template

    _, function = only(Template.from_json(synth.template), "AWS::Lambda::Function")
    asset = synth.outdir / f"asset.{function['Properties']['Code']['S3Key'].removesuffix('.zip')}"
    locked = lock()
    bundled = {}
    runtime = {"python_version": "{}.{}".format(*RUNTIME_PYTHON), "extra": ""}
    for metadata in asset.glob("*.dist-info/METADATA"):
        message = email.message_from_string(metadata.read_text())
        bundled[canonicalize_name(message["Name"])] = message["Version"]
        for declared in message.get_all("Requires-Dist") or []:
            requirement = Requirement(declared)
            if requirement.marker is None or requirement.marker.evaluate(runtime):
                assert canonicalize_name(requirement.name) in locked, f"{declared} is not locked"
    provided = {canonicalize_name(name) for name in RUNTIME_PROVIDED}
    expected = {name: version for name, (version, _) in locked.items() if name not in provided}
    assert bundled == expected


# pydantic is synth-time only (infra/config.py): the function must start without it.
IMPORT_WITHOUT_PYDANTIC = (
    "import sys; sys.modules['pydantic'] = sys.modules['pydantic_core'] = None; "
    "sys.path.insert(0, sys.argv[1]); import handler"
)


def test_the_asset_holds_no_pydantic_and_its_handler_starts_without_it(synthesized):
    from aws_cdk.assertions import Template

    dev = synthesized["dev"]
    _, function = only(Template.from_json(dev.template), "AWS::Lambda::Function")
    asset = dev.outdir / f"asset.{function['Properties']['Code']['S3Key'].removesuffix('.zip')}"
    assert (asset / "handler.py").exists()
    assert not [path.name for path in asset.iterdir() if path.name.startswith("pydantic")]
    # Its own botocore data (this botocore is not the runtime's); the rest as deployed.
    variables = function["Properties"]["Environment"]["Variables"]
    plain = {k: v for k, v in variables.items() if isinstance(v, str) and k != "AWS_DATA_PATH"}
    started = subprocess.run(
        [sys.executable, "-c", IMPORT_WITHOUT_PYDANTIC, str(asset)],
        env={**os.environ, **plain, "AWS_DEFAULT_REGION": dev.config.region},
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode == 0, started.stderr
