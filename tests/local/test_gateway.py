"""The local HTTP API behaves as API Gateway does for browsers: CORS, routes, event shape."""

import json
import urllib.error
import urllib.request

import pytest

from tests.local_stack import start_stack


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--no-agent")
    yield running
    running.stop()


def call(url: str, method: str, headers: dict[str, str], body: bytes | None = None):
    request = urllib.request.Request(url, body, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_preflight_from_an_allowed_origin_gets_cors_headers(stack):
    status, headers, _ = call(
        stack.start_chat_url,
        "OPTIONS",
        {
            "Origin": "http://localhost:5173",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,idempotency-key",
        },
    )
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert set(headers["Access-Control-Allow-Headers"].split(",")) == {
        "content-type",
        "idempotency-key",
    }
    assert "POST" in headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:9999"])
def test_preflight_from_another_origin_gets_no_cors_headers(stack, origin):
    status, headers, _ = call(
        stack.start_chat_url, "OPTIONS", {"Origin": origin, "Access-Control-Request-Method": "POST"}
    )
    assert status == 204
    assert "Access-Control-Allow-Origin" not in headers


def test_response_to_an_allowed_origin_exposes_retry_after(stack):
    body = json.dumps({"ParticipantDetails": {"DisplayName": "Ada"}}).encode()
    status, headers, _ = call(
        stack.start_chat_url,
        "POST",
        {"Origin": "https://dev.example.com", "Content-Type": "application/json"},
        body,
    )
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "https://dev.example.com"
    assert headers["Access-Control-Expose-Headers"] == "Retry-After"
    assert headers["Cache-Control"] == "no-store"


def test_unknown_route_is_api_gateways_404(stack):
    status, _, body = call(stack.start_chat_url.replace("/chat", "/nope"), "GET", {})
    assert (status, json.loads(body)) == (404, {"message": "Not Found"})
    status, _, _ = call(stack.start_chat_url, "GET", {})
    assert status == 404


def test_binary_body_reaches_the_handler_base64_encoded(stack):
    body = json.dumps({"ParticipantDetails": {"DisplayName": "Ada"}}).encode()
    # application/octet-stream is not text: API Gateway base64-encodes it; the handler decodes
    # it and still refuses the media type, proving the body arrived intact either way.
    status, _, problem = call(
        stack.start_chat_url, "POST", {"Content-Type": "application/octet-stream"}, body
    )
    assert status == 415
    assert json.loads(problem)["type"].endswith("unsupported-media-type")
