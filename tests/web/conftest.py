"""The browser tests' usual local stack: one per module (each module's tests count contacts
and calls on it from where they start), with an agent that answers at once. A module that
needs another (a slower agent, another environment) defines its own `stack`."""

import pytest

from tests.local_stack import start_stack


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--agent-delay", "0.05")
    yield running
    running.stop()
