"""stored_value.StoredValue on the function's own botocore clients (a Stubber on each): one
read per max_age, a fresh read after it, SSM's SecureStrings decrypted, and every way a
read can fail (an AWS error, an empty value) told apart from a value."""

import pytest
from botocore.stub import Stubber

import stored_value
from aws_clients import create_client
from stored_value import StoredValue, StoreUnavailable

SECRET = "arn:aws:secretsmanager:us-east-1:111111111111:secret:hash-key"
PARAMETER = "/chat/bot-check-secret"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(stored_value.time, "monotonic", clock.monotonic)
    return clock


def secret_answer(value: str) -> tuple[str, dict, dict]:
    return "get_secret_value", {"SecretString": value}, {"SecretId": SECRET}


def test_a_secret_is_read_once_per_max_age_then_again(clock):
    client = create_client("secretsmanager")
    value = StoredValue("secretsmanager", SECRET, max_age_seconds=60, client=client)
    with Stubber(client) as stubber:
        stubber.add_response(*secret_answer("first"))
        stubber.add_response(*secret_answer("second"))
        assert value() == "first"
        clock.now += 59
        assert value() == "first"  # cached: the Stubber would have answered "second"
        clock.now += 1
        assert value() == "second"
        stubber.assert_no_pending_responses()


def test_a_parameter_is_read_decrypted():
    client = create_client("ssm")
    value = StoredValue("ssm", PARAMETER, max_age_seconds=60, client=client)
    with Stubber(client) as stubber:
        answer = {"Parameter": {"Name": PARAMETER, "Type": "SecureString", "Value": "s3cret"}}
        stubber.add_response("get_parameter", answer, {"Name": PARAMETER, "WithDecryption": True})
        assert value() == "s3cret"


def test_an_aws_error_is_unavailable_and_not_cached(clock):
    client = create_client("secretsmanager")
    value = StoredValue("secretsmanager", SECRET, max_age_seconds=60, client=client)
    with Stubber(client) as stubber:
        stubber.add_client_error("get_secret_value", "AccessDeniedException")
        stubber.add_response(*secret_answer("later"))
        with pytest.raises(StoreUnavailable, match="ClientError"):
            value()
        assert value() == "later"  # the next call tries again at once


@pytest.mark.parametrize("answer", [{"Name": "hash-key"}, {"SecretBinary": b"bytes"}])
def test_a_secret_without_a_string_is_unavailable(answer):
    client = create_client("secretsmanager")
    value = StoredValue("secretsmanager", SECRET, max_age_seconds=60, client=client)
    with Stubber(client) as stubber:
        stubber.add_response("get_secret_value", answer, {"SecretId": SECRET})
        with pytest.raises(StoreUnavailable, match="empty"):
            value()
