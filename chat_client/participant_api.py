"""boto3's connectparticipant client, unsigned: the service authorizes by bearer token."""

import os
import re
import socket
from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from chat_client.errors import ChatClientError
from chat_client.safe_text import safe_text

REACH_SECONDS = 3.0
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


def settle(region: str | None, start_url: str) -> str:
    """The region, with its Participant Service endpoint reachable, settled before a chat is
    started: a chat nobody can join would still wait in an agent's queue."""
    resolved = resolve_region(region, start_url)
    endpoint = participant_client(resolved).meta.endpoint_url
    parts = urlsplit(endpoint)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=REACH_SECONDS):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ChatClientError(
            f"cannot reach the Participant Service at {endpoint} ({reason}); no chat was "
            "started. For a local stack, set AWS_ENDPOINT_URL_CONNECTPARTICIPANT to the AWS "
            "endpoint `make local` prints"
        ) from None
    return resolved


class AccessDenied(ChatClientError):
    """The token was refused: expired, replaced, or the participant has left."""


def as_chat_error(operation: str, error: Exception) -> ChatClientError:
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "Error")
        message = error.response.get("Error", {}).get("Message", "")
        kind = AccessDenied if code == "AccessDeniedException" else ChatClientError
        return kind(safe_text(f"{operation} failed: {code}: {message}".rstrip(": "), one_line=True))
    if isinstance(error, BotoCoreError):
        return ChatClientError(f"{operation} failed: {error}")
    return ChatClientError(f"{operation} failed: {type(error).__name__}")
