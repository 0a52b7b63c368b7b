"""Hostile input, round 2: what a stranger's bytes must never do (page the on-call, reach a
provider, grow the answer, be read two ways), in the handler with the real models."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

import pytest
from botocore.stub import Stubber

from abuse_layers import AbuseLayers
from bot_check import BotCheck, Verdict
from connect_client import STORE_WORST_CASE_SECONDS, create_client
from problems import MAX_LISTED_ERRORS
from tests.http_server import serving
from tests.lambda_helpers import handler, invoke, load_event, metric_names, with_body

CHAT = {"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "sntnl-token"}
NAME = {"ParticipantDetails": {"DisplayName": "Ada"}}
HOSTS = frozenset({"dev.example.com"})
ANSWER: dict = {}
CALLS: list[dict] = []


class Siteverify(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        CALLS.append(parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()))
        body = json.dumps(ANSWER).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture(scope="module")
def siteverify_url():
    with serving(Siteverify) as origin:
        yield f"{origin}/siteverify"


def bot_check(url: str, *, token_max: int = 2048, ssm=None) -> BotCheck:
    ssm = ssm or Stubber(create_client("ssm")).client
    return BotCheck(url, "/chat/bot-secret", HOSTS, token_max=token_max, ssm=ssm)


def with_secret(check: BotCheck) -> Stubber:
    stubber = Stubber(check.ssm)
    stubber.add_response("get_parameter", {"Parameter": {"Name": "/chat/bot-secret", "Value": "s"}})
    stubber.activate()
    return stubber


@pytest.mark.parametrize(
    "token",
    ["tok\u00e9n", "\u2603" * 10, "tok en", "tok\nen", "x" * 2049],
    ids=["latin-1", "non-latin", "space", "newline", "over-turnstile-length"],
)
def test_a_token_no_provider_issues_is_refused_before_any_call(monkeypatch, connect_stub, siteverify_url, capfd, token):  # fmt: skip
    """Before: a non-ASCII token made the verifier raise, counted as a provider outage: 503
    and a BotCheckUnavailable metric whose alarm pages at one in 5 minutes."""
    CALLS.clear()
    monkeypatch.setattr(handler, "abuse_layers", AbuseLayers(bot_check(siteverify_url), None))
    event = with_body(NAME)
    event["headers"]["x-bot-token"] = token
    status, _, problem = invoke(event)
    assert (status, problem["type"]) == (403, "urn:connect-chat-starter:problem:bot-check-failed")
    assert CALLS == [], "nothing reached the provider"
    names = metric_names(capfd.readouterr().out)
    assert "BotCheckUnavailable" not in names
    assert "ChatRejected.bot-check-failed" in names


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        (
            {"success": True, "hostname": "dev.example.com", "score": 0.9, "action": "start_chat"},
            Verdict.PASSED,
        ),
        (
            {"success": True, "hostname": "dev.example.com", "score": 0.3, "action": "start_chat"},
            Verdict.REFUSED,
        ),
        (
            {"success": True, "hostname": "dev.example.com", "score": 0.9, "action": "login"},
            Verdict.REFUSED,
        ),
        (
            {
                "success": True,
                "hostname": "dev.example.com",
                "score": "0.9",
                "action": "start_chat",
            },
            Verdict.REFUSED,
        ),
        (
            {"success": True, "hostname": "dev.example.com"},
            Verdict.PASSED,
        ),  # Turnstile, hCaptcha, reCAPTCHA v2
    ],
    ids=["v3-person", "v3-low-score", "v3-other-action", "v3-score-not-a-number", "no-score"],
)
def test_recaptcha_v3_answers_count_only_with_a_persons_score_and_our_action(siteverify_url, answer, verdict):  # fmt: skip
    ANSWER.clear()
    ANSWER.update(answer)
    check = bot_check(siteverify_url)
    with_secret(check)
    assert check.verify("XXXX.DUMMY.TOKEN.XXXX", "203.0.113.7") is verdict


def test_a_parameter_store_that_never_answers_is_unavailable_within_its_bound(monkeypatch, siteverify_url):  # fmt: skip
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(server.accept()[0]), daemon=True).start()
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSM", f"http://127.0.0.1:{server.getsockname()[1]}")
    check = BotCheck(siteverify_url, "/chat/bot-secret", HOSTS)  # its own, bounded client
    started = time.monotonic()
    try:
        verdict = check.verify("XXXX.DUMMY.TOKEN.XXXX", None)
    finally:
        server.close()
        for connection in held:
            connection.close()
    assert verdict is Verdict.UNAVAILABLE
    assert time.monotonic() - started < STORE_WORST_CASE_SECONDS + 1.5


def claims_event(**claims: str) -> dict:
    event = load_event("start_chat_jwt")
    event["requestContext"]["authorizer"]["jwt"]["claims"].update(claims)
    return event


@pytest.mark.parametrize(
    "claims",
    [{"email_verified": "false"}, {"email_verified": "False"}, {"email": "ada\u202e@example.com"},
     {"email": "ada\U000e0041@example.com"}, {"email": "\U0001f600" * 513}],
    ids=["unverified", "unverified-capitalised", "bidi-override", "tag-characters", "too-long-in-utf16"],
)  # fmt: skip
def test_a_claim_becomes_an_attribute_only_as_a_browser_value_would(connect_stub, authenticated, handler_logs, claims):  # fmt: skip
    seen: dict = {}
    hook = lambda params, **_: seen.update(params)  # noqa: E731
    handler.connect.meta.events.register("provide-client-params.connect.StartChatContact", hook)
    connect_stub.add_response("start_chat_contact", CHAT, None)
    try:
        assert invoke(claims_event(**claims))[0] == 200
    finally:
        handler.connect.meta.events.unregister("provide-client-params.connect.StartChatContact", hook)  # fmt: skip
    assert "customerName" not in seen.get("Attributes", {})
    assert json.loads(handler_logs.getvalue().splitlines()[-1])["missing_claims"] == ["email"]


def test_a_thousand_unknown_keys_get_a_short_answer_that_says_how_many_more():
    body = json.dumps({**NAME, **{f"k{i:04d}": 1 for i in range(1000)}})
    status, _, problem = invoke(with_body(body))
    assert status == 400
    assert len(problem["errors"]) == MAX_LISTED_ERRORS
    assert problem["moreErrors"] == 1000 - MAX_LISTED_ERRORS
    assert len(json.dumps(problem)) < len(body)


@pytest.mark.parametrize(
    "body",
    ['{"ParticipantDetails": {"DisplayName": "Ada"}, "ParticipantDetails": {"DisplayName": "Eve"}}',
     '{"ParticipantDetails": {"DisplayName": "Ada", "DisplayName": "Eve"}}'],
    ids=["top-level", "nested"],
)  # fmt: skip
def test_duplicate_keys_are_refused_not_read_one_way(body):
    status, _, problem = invoke(with_body(body))
    assert (status, problem["type"]) == (400, "urn:connect-chat-starter:problem:malformed-body")
    assert problem["detail"] == "The body has an object with a duplicate key."
