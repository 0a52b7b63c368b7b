"""The function's environment has one writer and one reader: infra/handler_environment.py
names every variable and writes them all, lambda/start_chat/settings.py reads its own once,
and no other module on either side touches them."""

import ast
from typing import Any

import pytest

from infra.config import load, read_environments
from infra.handler_environment import VARIABLES, handler_environment
from settings import Settings
from tests.conftest import REPO_ROOT

HANDLER = REPO_ROOT / "lambda" / "start_chat"
MADE = {"hash_key_secret": "arn:secret", "client_limit_table": "t", "bot_check_verify_url": "u"}


class Recording(dict[str, str]):
    """An environment that remembers which variables were read."""

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> str:
        self.read.add(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        self.read.add(name)
        return super().get(name, default)


def written() -> dict[str, str]:
    """Every variable the writer writes for some shipped environment."""
    environments = read_environments()
    every: dict[str, str] = {}
    for name in environments:
        every |= handler_environment(load(environments, name), **MADE)
    return every


def test_the_writer_writes_every_variable_of_the_contract_and_no_other():
    assert set(written()) == {variable.name for variable in VARIABLES}
    limited = handler_environment(load(read_environments(), "limited"), **MADE)
    assert list(limited) == [v.name for v in VARIABLES if v.name in limited], "template order"


def test_settings_read_exactly_the_contracts_variables_for_the_handler():
    environment = Recording(written())
    settings = Settings.from_environ(environment)
    assert environment.read == {v.name for v in VARIABLES if v.reader == "settings"}
    assert settings.bot_check is not None
    assert settings.client_limit is not None
    assert settings.hash_key_secret == MADE["hash_key_secret"]


def test_without_the_optional_variables_the_layers_are_off():
    dev = load(read_environments(), "dev")
    settings = Settings.from_environ(handler_environment(dev))
    assert (settings.bot_check, settings.client_limit, settings.hash_key_secret) == (None,) * 3


def environment_readers(path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        f"{path.name}:{node.lineno}"
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"))
        or (isinstance(node, ast.Name) and node.id in ("environ", "getenv"))
    ]


def test_only_settings_reads_the_handlers_environment():
    others = [p for p in HANDLER.glob("*.py") if p.name != "settings.py"]
    readers = [reader for path in others for reader in environment_readers(path)]
    assert readers == []


@pytest.mark.parametrize("room", ["infra"])
def test_no_construct_adds_to_the_functions_environment(room):
    calls = [
        f"{path.relative_to(REPO_ROOT)}:{node.lineno}"
        for path in (REPO_ROOT / room).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr == "add_environment"
    ]
    assert calls == [], "the function's environment is handler_environment(), written once"
