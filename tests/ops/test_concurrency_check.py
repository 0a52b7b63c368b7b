"""make deploy's concurrency check: botocore's Stubber on the real Lambda and STS models for
the calls, and the real script against a Lambda endpoint on loopback for the one-line stop."""

import json
import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import botocore.session
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber

from ops.concurrency_check import account_settings, check_reserved_concurrency, lookup_role_arn
from tests.conftest import REPO_ROOT
from tests.http_server import serving
from tests.ops.test_deploy import fake_npx


def settings(quota: int, unreserved: int | None = None) -> dict:
    return {
        "AccountLimit": {
            "TotalCodeSize": 80530636800,
            "CodeSizeUnzipped": 262144000,
            "CodeSizeZipped": 52428800,
            "ConcurrentExecutions": quota,
            "UnreservedConcurrentExecutions": quota if unreserved is None else unreserved,
        },
        "AccountUsage": {"TotalCodeSize": 0, "FunctionCount": 0},
    }


class StubbedSession:
    """What account_settings asks of a boto3 session: clients, here stubbed real ones."""

    def __init__(self) -> None:
        session = botocore.session.get_session()
        self.clients = []
        self.calls: list[tuple[str, dict]] = []

        def make(service: str):
            client = session.create_client(
                service,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
            return client, Stubber(client)

        self.lambda_client, self.lambda_stub = make("lambda")
        self.sts_client, self.sts_stub = make("sts")
        self.role_lambda_client, self.role_lambda_stub = make("lambda")

    def client(self, service: str, **kwargs):
        self.calls.append((service, kwargs))
        if service == "sts":
            return self.sts_client
        return self.role_lambda_client if kwargs else self.lambda_client

    def __enter__(self):
        for stub in (self.lambda_stub, self.sts_stub, self.role_lambda_stub):
            stub.activate()
        return self

    def __exit__(self, *exc):
        for stub in (self.lambda_stub, self.sts_stub, self.role_lambda_stub):
            stub.assert_no_pending_responses()
            stub.deactivate()


LOOKUP = lookup_role_arn(account="111111111111", region="us-east-1", qualifier="hnb659fds")


def test_the_callers_own_credentials_are_used_when_they_may():
    with StubbedSession() as session:
        session.lambda_stub.add_response("get_account_settings", settings(1000), {})
        assert account_settings(session, lookup_role_arn=LOOKUP) == settings(1000)
    assert [service for service, _ in session.calls] == ["lambda"]


def test_a_deploy_role_that_may_not_reads_through_the_bootstrap_lookup_role():
    assert (
        LOOKUP == "arn:aws:iam::111111111111:role/cdk-hnb659fds-lookup-role-111111111111-us-east-1"
    )
    with StubbedSession() as session:
        session.lambda_stub.add_client_error(
            "get_account_settings", "AccessDeniedException", http_status_code=403
        )
        credentials = {
            "AccessKeyId": "ASIAEXAMPLEEXAMPLE00",
            "SecretAccessKey": "s" * 40,
            "SessionToken": "token",
            "Expiration": "2026-12-01T12:00:00Z",
        }
        session.sts_stub.add_response(
            "assume_role",
            {"Credentials": credentials},
            {"RoleArn": LOOKUP, "RoleSessionName": "connect-chat-starter-preflight"},
        )
        session.role_lambda_stub.add_response("get_account_settings", settings(10), {})
        assert account_settings(session, lookup_role_arn=LOOKUP) == settings(10)
    assert session.calls[-1] == (
        "lambda",
        {
            "aws_access_key_id": "ASIAEXAMPLEEXAMPLE00",
            "aws_secret_access_key": "s" * 40,
            "aws_session_token": "token",
        },
    )


def test_other_errors_are_not_retried_through_the_lookup_role():
    with StubbedSession() as session:
        session.lambda_stub.add_client_error(
            "get_account_settings", "ServiceException", http_status_code=500
        )
        with pytest.raises(ClientError):
            account_settings(session, lookup_role_arn=LOOKUP)


@pytest.mark.parametrize(
    ("quota", "reserved", "stops"),
    [(1000, 10, False), (20, 10, False), (19, 10, True), (10, 1, True), (10, 10, True)],
)
def test_a_reservation_that_would_leave_less_than_ten_unreserved_stops(quota, reserved, stops):
    problem = check_reserved_concurrency(
        settings=settings(quota), environment="dev", reserved=reserved, region="us-east-1"
    )
    assert (problem is not None) == stops
    if problem:
        assert "\n" not in problem.message
        assert f"quota in us-east-1 is {quota}" in problem.message
        assert f"'dev' reserves {reserved} (reservedConcurrency)" in problem.message
        assert "L-B99A9384" in problem.message


def test_the_fix_names_the_largest_reservation_that_fits_or_only_the_quota():
    fits = check_reserved_concurrency(
        settings=settings(15), environment="dev", reserved=10, region="us-east-1"
    )
    none_fits = check_reserved_concurrency(
        settings=settings(10), environment="dev", reserved=10, region="us-east-1"
    )
    assert fits
    assert "set reservedConcurrency of 'dev' in cdk.json to at most 5, or ask" in fits.message
    assert none_fits
    assert "reservedConcurrency of" not in none_fits.message
    assert "ask for a higher quota" in none_fits.message


class LambdaEndpoint(BaseHTTPRequestHandler):
    """GetAccountSettings of a brand-new account, over real HTTP."""

    requests: ClassVar[list[str]] = []

    def do_GET(self):
        LambdaEndpoint.requests.append(self.path)
        body = json.dumps(settings(10)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_make_deploy_stops_in_one_line_before_cdk_deploy_on_a_new_account(tmp_path):
    with serving(LambdaEndpoint) as origin:
        environment = {
            **os.environ,
            "PATH": f"{fake_npx(tmp_path, 'exit 0')}{os.pathsep}{os.environ['PATH']}",
            "AWS_ENDPOINT_URL_LAMBDA": origin,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }
        result = subprocess.run(
            [sys.executable, "-m", "ops.deploy", "--env", "dev"],
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            env=environment,
            check=False,
        )
    assert result.returncode == 1
    assert LambdaEndpoint.requests == ["/2016-08-19/account-settings"]
    assert not (tmp_path / "calls").exists(), "cdk deploy must not start"
    (line,) = result.stderr.splitlines()
    assert "quota in us-east-1 is 10" in line
    assert "'dev' reserves 5 (reservedConcurrency)" in line
