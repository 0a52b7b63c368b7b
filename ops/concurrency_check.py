"""Before `cdk deploy`: can this account reserve the environment's concurrency at all?

Lambda keeps at least 10 executions unreserved per account and region, and a new account's
quota can be as low as 10, so reserving even 1 then fails the deploy halfway ("decreases
account's UnreservedConcurrentExecution below its minimum value of [10]"). One
GetAccountSettings call says so before anything is deployed."""

from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

# Lambda's floor of unreserved concurrency per account and region (not configurable).
UNRESERVED_MINIMUM = 10
# Service Quotas code of "Concurrent executions" (AWS Lambda).
QUOTA_CODE = "L-B99A9384"
ACCESS_DENIED = ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation")


@dataclass(frozen=True)
class ConcurrencyProblem:
    message: str


def check_reserved_concurrency(
    *, settings: dict[str, Any], environment: str, reserved: int, region: str
) -> ConcurrencyProblem | None:
    quota = int(settings["AccountLimit"]["ConcurrentExecutions"])
    if quota - reserved >= UNRESERVED_MINIMUM:
        return None
    fits = quota - UNRESERVED_MINIMUM
    fix = (
        f"set reservedConcurrency of {environment!r} in cdk.json to at most {fits}, or ask"
        if fits >= 1
        else "ask"
    )
    return ConcurrencyProblem(
        f"deploy: stopped before deploying: this account's Lambda concurrency quota in "
        f"{region} is {quota}, Lambda keeps {UNRESERVED_MINIMUM} of it unreserved, and "
        f"{environment!r} reserves {reserved} (reservedConcurrency): {fix} for a higher "
        f"quota (Service Quotas, AWS Lambda, Concurrent executions, {QUOTA_CODE})"
    )


def account_settings(session: Any, *, lookup_role_arn: str | None) -> dict[str, Any]:
    """GetAccountSettings with the caller's credentials; where they may not (GitHub's deploy
    role may only assume the CDK bootstrap roles), through the bootstrap lookup role, which
    `cdk diff` reads with too."""
    try:
        return dict(session.client("lambda").get_account_settings())
    except ClientError as error:
        if lookup_role_arn is None or error.response["Error"]["Code"] not in ACCESS_DENIED:
            raise
    credentials = session.client("sts").assume_role(
        RoleArn=lookup_role_arn, RoleSessionName="connect-chat-starter-preflight"
    )["Credentials"]
    client = session.client(
        "lambda",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    return dict(client.get_account_settings())


def lookup_role_arn(*, account: str, region: str, qualifier: str, partition: str = "aws") -> str:
    return f"arn:{partition}:iam::{account}:role/cdk-{qualifier}-lookup-role-{account}-{region}"
