"""The staging smoke test mints its own token (client-credentials grant) in the job, over real
HTTP: no stored JWT that expires a day later and stops every deploy after it."""

import base64
import json
import urllib.parse
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from infra.config import load, read_environments
from local.jwt_issuer import mint_token
from ops.smoke_token import SmokeTokenError, smoke_token
from tests.http_server import serving
from tests.local_stack import start_stack
from tests.ops.test_deploy import OUTPUTS, deploy, fake_npx, outputs_backup  # noqa: F401

CLIENT_ID, CLIENT_SECRET = "smoke-client", "smoke-secret-value"


class TokenEndpoint(BaseHTTPRequestHandler):
    """A Cognito-like /oauth2/token: client_credentials with HTTP Basic client auth."""

    token = "unset"
    seen: ClassVar[list[dict]] = []

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        TokenEndpoint.seen.append({"form": form, "content_type": self.headers["Content-Type"]})
        if self.headers.get("Authorization") != f"Basic {basic}":
            return self._answer(400, {"error": "invalid_client"})
        if form.get("grant_type") != ["client_credentials"]:
            return self._answer(400, {"error": "unsupported_grant_type"})
        return self._answer(
            200, {"access_token": TokenEndpoint.token, "token_type": "Bearer", "expires_in": 3600}
        )

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def token_url():
    TokenEndpoint.seen = []
    with serving(TokenEndpoint) as origin:
        yield f"{origin}/oauth2/token"


def test_a_token_is_minted_with_the_client_credentials_grant(token_url):
    TokenEndpoint.token = "minted-access-token"
    environ = {
        "SMOKE_TOKEN_URL": token_url,
        "SMOKE_CLIENT_ID": CLIENT_ID,
        "SMOKE_CLIENT_SECRET": CLIENT_SECRET,
        "SMOKE_TOKEN_SCOPE": "chat/smoke",
    }
    assert smoke_token(environ) == "minted-access-token"
    (request,) = TokenEndpoint.seen
    assert request["form"] == {"grant_type": ["client_credentials"], "scope": ["chat/smoke"]}
    assert request["content_type"] == "application/x-www-form-urlencoded"


def test_no_token_url_or_a_given_chat_token_mints_nothing(token_url):
    assert smoke_token({}) is None
    assert smoke_token({"CHAT_TOKEN": "given", "SMOKE_TOKEN_URL": token_url}) is None
    assert TokenEndpoint.seen == []


def test_a_refused_client_says_the_endpoints_code_and_never_the_secret(token_url):
    environ = {
        "SMOKE_TOKEN_URL": token_url,
        "SMOKE_CLIENT_ID": CLIENT_ID,
        "SMOKE_CLIENT_SECRET": "wrong",
    }
    with pytest.raises(SmokeTokenError) as raised:
        smoke_token(environ)
    assert str(raised.value) == "the token endpoint answered 400 invalid_client"
    with pytest.raises(SmokeTokenError, match="SMOKE_CLIENT_SECRET is not"):
        smoke_token({"SMOKE_TOKEN_URL": token_url, "SMOKE_CLIENT_ID": CLIENT_ID})


def test_the_staging_deploy_smoke_tests_with_a_token_it_minted(tmp_path, token_url, outputs_backup):  # noqa: F811
    staging = load(read_environments(), "staging")
    assert staging.auth is not None, "staging is the shipped JWT environment"
    TokenEndpoint.token = mint_token(staging.auth, subject="smoke-client", ttl_seconds=300)
    stack = start_stack("--env", "staging")
    outputs = OUTPUTS.with_name("outputs-staging.json")
    saved = outputs.read_bytes() if outputs.exists() else None
    try:
        written = json.dumps({"ChatStarter-staging": {"StartChatUrl": stack.start_chat_url}})
        npx = fake_npx(
            tmp_path, f"mkdir -p {outputs.parent} && printf '%s' '{written}' > {outputs}"
        )
        minting = {
            **stack.client_env,
            "SMOKE_TOKEN_URL": token_url,
            "SMOKE_CLIENT_ID": CLIENT_ID,
            "SMOKE_CLIENT_SECRET": CLIENT_SECRET,
            "CHAT_TOKEN": "",
        }
        passed = deploy(
            "--env", "staging", "--skip-concurrency-check", path_prefix=npx, env=minting
        )
        without = deploy(
            "--env",
            "staging",
            "--skip-concurrency-check",
            path_prefix=npx,
            env={**stack.client_env, "CHAT_TOKEN": ""},
        )
    finally:
        stack.stop()
        if saved is None:
            outputs.unlink(missing_ok=True)
        else:
            outputs.write_bytes(saved)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "smoke: passed" in passed.stdout
    assert TokenEndpoint.token not in passed.stdout + passed.stderr
    assert without.returncode == 1, "staging refuses a smoke test without a token"
