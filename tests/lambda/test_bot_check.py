"""The bot check in the handler: verdicts from a real HTTP siteverify endpoint
(tests/fake_siteverify.py), the provider's secret read through stored_value.StoredValue
(a Stubber on its SSM client); what a stranger's token must never do (reach the
provider, page the on-call); reCAPTCHA v3's score; a secret store that never answers."""

import socket
import threading
import time

import pytest
from botocore.stub import Stubber

from abuse_layers import AbuseLayers
from aws_clients import STORE_WORST_CASE_SECONDS, create_client
from bot_check import BotCheck, Verdict
from tests.fake_siteverify import HOSTNAME, PASSING, SECRET, siteverify_server
from tests.lambda_helpers import handler, invoke, metric_names, with_body

CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "sntnl-token"}
NAME = {"ParticipantDetails": {"DisplayName": "Ada"}}
PARAMETER = "/chat/bot-secret"
HOSTS = frozenset({HOSTNAME, "localhost"})


@pytest.fixture(scope="module")
def provider():
    with siteverify_server() as fake:
        yield fake


@pytest.fixture
def siteverify(provider):
    provider.reset()
    return provider


@pytest.fixture
def ssm():
    with Stubber(create_client("ssm")) as stubber:
        yield stubber


def screened_by(monkeypatch, check: BotCheck) -> None:
    monkeypatch.setattr(handler, "abuse_layers", AbuseLayers(check, None))


def the_secret(ssm: Stubber) -> None:
    answer = {"Parameter": {"Name": PARAMETER, "Value": SECRET}}
    ssm.add_response("get_parameter", answer, {"Name": PARAMETER, "WithDecryption": True})


@pytest.mark.parametrize(
    ("token", "mode", "status", "suffix"),
    [
        (PASSING, "ok", 200, None),
        (None, "ok", 403, "bot-check-failed"),
        ("forged", "ok", 403, "bot-check-failed"),
        (PASSING, "wrong-host", 403, "bot-check-failed"),
        (PASSING, "5xx", 503, "bot-check-unavailable"),
        (PASSING, "garbage", 503, "bot-check-unavailable"),
        (PASSING, "slow", 503, "bot-check-unavailable"),
    ],
)
def test_bot_check_verdicts(
    monkeypatch, connect_stub, ssm, siteverify, capfd, token, mode, status, suffix
):
    screened_by(monkeypatch, BotCheck(siteverify.url, PARAMETER, HOSTS, ssm=ssm.client))
    siteverify.mode = mode
    if token:
        the_secret(ssm)
    if status == 200:
        connect_stub.add_response("start_chat_contact", CHAT)
    event = with_body(NAME, **({"x-bot-token": token} if token else {}))
    started = time.monotonic()
    got, headers, problem = invoke(event)
    assert got == status
    assert time.monotonic() - started < 4, "the provider's 2 s timeout holds"
    if suffix:
        assert problem["type"].endswith(f":{suffix}")
    if status == 503:
        assert headers["Retry-After"] == "5"
        assert "BotCheckUnavailable" in metric_names(capfd.readouterr().out)
    if siteverify.seen:
        assert siteverify.seen[0]["remoteip"] == ["203.0.113.7"]


@pytest.mark.parametrize(
    "token",
    ["tok\u00e9n", "\u2603" * 10, "tok en", "tok\nen", "x" * 2049],
    ids=["latin-1", "non-latin", "space", "newline", "over-turnstile-length"],
)
def test_a_token_no_provider_issues_is_refused_before_any_call(
    monkeypatch, connect_stub, siteverify, ssm, capfd, token
):
    """Before: a non-ASCII token made the verifier raise, counted as a provider outage: 503
    and a BotCheckUnavailable metric whose alarm pages at one in 5 minutes."""
    screened_by(
        monkeypatch, BotCheck(siteverify.url, PARAMETER, HOSTS, token_max=2048, ssm=ssm.client)
    )
    event = with_body(NAME)
    event["headers"]["x-bot-token"] = token
    status, _, problem = invoke(event)
    assert (status, problem["type"]) == (403, "urn:connect-chat-starter:problem:bot-check-failed")
    assert siteverify.seen == [], "nothing reached the provider"
    names = metric_names(capfd.readouterr().out)
    assert "BotCheckUnavailable" not in names
    assert "ChatRejected.bot-check-failed" in names


def v3(**answer: object) -> dict[str, object]:
    return {"success": True, "hostname": HOSTNAME, **answer}


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        (v3(score=0.9, action="start_chat"), Verdict.PASSED),
        (v3(score=0.3, action="start_chat"), Verdict.REFUSED),
        (v3(score=0.9, action="login"), Verdict.REFUSED),
        (v3(score="0.9", action="start_chat"), Verdict.REFUSED),
        (v3(), Verdict.PASSED),  # Turnstile, hCaptcha, reCAPTCHA v2
    ],
    ids=["v3-person", "v3-low-score", "v3-other-action", "v3-score-not-a-number", "no-score"],
)
def test_recaptcha_v3_answers_count_only_with_a_persons_score_and_our_action(
    siteverify, ssm, answer, verdict
):
    siteverify.answer = answer
    the_secret(ssm)
    check = BotCheck(siteverify.url, PARAMETER, HOSTS, ssm=ssm.client)
    assert check.verify(PASSING, "203.0.113.7") is verdict


def test_a_parameter_store_that_never_answers_is_unavailable_within_its_bound(
    monkeypatch, siteverify
):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(server.accept()[0]), daemon=True).start()
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSM", f"http://127.0.0.1:{server.getsockname()[1]}")
    check = BotCheck(siteverify.url, PARAMETER, HOSTS)  # its own, bounded client
    started = time.monotonic()
    try:
        verdict = check.verify(PASSING, None)
    finally:
        server.close()
        for connection in held:
            connection.close()
    assert verdict is Verdict.UNAVAILABLE
    assert time.monotonic() - started < STORE_WORST_CASE_SECONDS + 1.5
