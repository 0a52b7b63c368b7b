"""Fixtures for every handler test: the leak check and a Stubber on the module's client."""

import io
import logging

import pytest
from botocore.stub import Stubber

from local.json_logs import json_handler
from tests.lambda_helpers import TEST_HASH_KEY, assert_no_sentinel, handler


@pytest.fixture(autouse=True)
def handler_logs(capfd, caplog):
    """Around every handler test: all output (any logger, any level, any stream) is checked
    for secrets. Yields the handler's log lines, formatted as Lambda's runtime formats them
    (LogFormat JSON), for tests that read them."""
    caplog.set_level(logging.DEBUG)
    stream = io.StringIO()
    log_handler = json_handler(stream)
    function_logger = logging.getLogger("start_chat")
    function_logger.addHandler(log_handler)
    try:
        yield stream
        out, err = capfd.readouterr()
        assert_no_sentinel(stream.getvalue() + out + err + caplog.text)
    finally:
        function_logger.removeHandler(log_handler)


@pytest.fixture
def connect_stub():
    with Stubber(handler.connect) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


@pytest.fixture(autouse=True)
def hash_key(monkeypatch):
    """The deployment's hashing key, without Secrets Manager (tests/lambda/test_idempotency.py
    reads it through the real path)."""
    monkeypatch.setattr(handler, "hash_key", lambda: TEST_HASH_KEY)


CLAIMS_TO_ATTRIBUTES = {"email": "customerName", "sub": "orderId"}


@pytest.fixture
def authenticated(monkeypatch):
    """The dev settings as an authenticated environment would have them."""
    mapped = handler.settings._replace(claim_attributes=CLAIMS_TO_ATTRIBUTES)
    monkeypatch.setattr(handler, "settings", mapped)
