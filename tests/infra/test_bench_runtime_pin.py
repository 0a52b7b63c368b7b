"""`make bench` models Lambda's runtime with its own pins (bench/requirements-bench.txt): they
are for the runtime the asset is built for, and they never reach the asset."""

import re

import pytest

from bench import runtime_model
from bench.runtime_model import PINS, bench_requirements, pinned_runtime
from infra.asset_build import RUNTIME_PYTHON
from tests.conftest import REPO_ROOT
from tools.runtime_site import RUNTIME_LIBRARIES


def pinned_names(text: str) -> set[str]:
    names = (re.split(r"[=<>~!\[; ]", line.strip())[0] for line in text.splitlines())
    return {name.lower().replace("_", "-") for name in names if name and name[0].isalnum()}


def test_the_bench_pins_the_runtime_the_asset_is_built_for():
    assert pinned_runtime() == RUNTIME_PYTHON, (
        "infra/asset_build.RUNTIME_PYTHON moved: check that the pins in "
        "bench/requirements-bench.txt have wheels for it, then update its '# runtime:' line"
    )


def test_the_runtime_interface_client_is_pinned_exactly():
    pins = [pin for pin in bench_requirements() if pin.startswith("awslambdaric")]
    assert len(pins) == 1
    assert re.fullmatch(r"awslambdaric==\d+(\.\d+)*", pins[0])


@pytest.mark.parametrize(
    "requirements",
    ["lambda/start_chat/requirements.txt", "lambda/start_chat/requirements.in"],
)
def test_the_bench_pins_never_reach_the_asset(requirements):
    bundled = pinned_names((REPO_ROOT / requirements).read_text())
    assert pinned_names(PINS.read_text()) & bundled == set()


def test_the_bench_runtime_folder_holds_the_runtime_libraries_and_the_bench_pins(monkeypatch):
    asked = []
    monkeypatch.setattr(runtime_model, "site_folder", lambda *args: asked.append(args))
    runtime_model.runtime_folder("python3.14")
    (_, _, requirements), *_ = asked
    assert set(RUNTIME_LIBRARIES) | set(bench_requirements()) == set(requirements)


def test_pins_without_a_runtime_line_are_refused(tmp_path):
    pins = tmp_path / "requirements-bench.txt"
    pins.write_text("awslambdaric==4.2.2\n")
    with pytest.raises(ValueError, match="runtime"):
        pinned_runtime(pins)
