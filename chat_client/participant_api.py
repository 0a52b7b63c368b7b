"""boto3's connectparticipant client, unsigned: the service authorizes by bearer token."""

import os
import re
from typing import Any

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from chat_client.api import ChatClientError

EXECUTE_API_HOST = re.compile(r"^https://[^.]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?/")


def resolve_region(region: str | None = None, start_url: str | None = None) -> str:
    """Explicit, then AWS_REGION (botocore alone ignores it), AWS_DEFAULT_REGION, then the
    region in an execute-api StartChatUrl."""
    match = EXECUTE_API_HOST.match(start_url or "")
    found = (
        region
        or os.environ.get("AWS_REGION")
        or os.environ.get("AWS_DEFAULT_REGION")
        or (match.group(1) if match else None)
    )
    if not found:
        raise ChatClientError("no AWS region: set AWS_REGION (or pass --region)")
    return found


def participant_client(region: str) -> Any:
    """Honours AWS_ENDPOINT_URL_CONNECTPARTICIPANT, as every botocore client does."""
    config = Config(
        signature_version=UNSIGNED,
        retries={"mode": "standard", "max_attempts": 3},
        connect_timeout=5,
        read_timeout=15,
        user_agent_extra="connect-chat-starter",
    )
    return boto3.session.Session().client("connectparticipant", region_name=region, config=config)


class AccessDenied(ChatClientError):
    """The token was refused: expired, replaced, or the participant has left."""


def as_chat_error(operation: str, error: Exception) -> ChatClientError:
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "Error")
        message = error.response.get("Error", {}).get("Message", "")
        kind = AccessDenied if code == "AccessDeniedException" else ChatClientError
        return kind(f"{operation} failed: {code}: {message}".rstrip(": "))
    if isinstance(error, BotoCoreError):
        return ChatClientError(f"{operation} failed: {error}")
    return ChatClientError(f"{operation} failed: {type(error).__name__}")
