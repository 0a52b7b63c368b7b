import pytest

from tests.local_stack import RunningStack, start_stack


@pytest.fixture(scope="session")
def stack() -> RunningStack:
    running = start_stack("--agent-delay", "0.05")
    yield running
    running.stop()


@pytest.fixture
def client_env(stack, monkeypatch) -> dict[str, str]:
    for key, value in stack.client_env.items():
        monkeypatch.setenv(key, value)
    return stack.client_env
