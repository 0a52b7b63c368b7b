"""Attachments as the Participant Service takes them: StartAttachmentUpload, a PUT of the
file with exactly the headers it names (the upload URL is presigned for them), then
CompleteAttachmentUpload; and GetAttachment's URL for a download. Connect scans each file
and sends its item again with the verdict."""

import asyncio
import mimetypes
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

from chat_client.errors import ChatClientError
from chat_client.items import AttachmentRef
from chat_client.safe_text import safe_text
from chat_client.saved_files import safe_file_name, save_new

MAX_BYTES = 20 * 1024 * 1024  # Amazon Connect's limit per attachment
Call = Callable[..., Awaitable[dict[str, Any]]]


def content_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


async def upload(call: Call, http: aiohttp.ClientSession, path: Path) -> str:
    """Sends the file; returns its AttachmentId. Refused types and sizes come back as the
    service's ValidationException message."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ChatClientError(f"cannot read {path}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise ChatClientError(f"{path.name} is over Amazon Connect's 20 MB limit for attachments")
    started = await call(
        "start_attachment_upload",
        ContentType=content_type(path),
        AttachmentSizeInBytes=len(data),
        AttachmentName=path.name,
        ClientToken=str(uuid.uuid4()),
    )
    metadata = started["UploadMetadata"]
    async with http.put(metadata["Url"], data=data, headers=metadata["HeadersToInclude"]) as put:
        if put.status >= 300:
            raise ChatClientError(f"upload of {path.name} failed: HTTP {put.status}")
    await call(
        "complete_attachment_upload",
        AttachmentIds=[started["AttachmentId"]],
        ClientToken=str(uuid.uuid4()),
    )
    return str(started["AttachmentId"])


async def download(
    call: Call, http: aiohttp.ClientSession, ref: AttachmentRef, folder: Path
) -> Path:
    """Saves an approved attachment into `folder` as a new file under a safe form of its own
    name (saved_files: never outside the folder, never over another file)."""
    shown = safe_text(ref.name, one_line=True)
    if ref.status != "APPROVED":
        raise ChatClientError(f"{shown} cannot be downloaded: {ref.status.lower()}")
    found = await call("get_attachment", AttachmentId=ref.attachment_id)
    async with http.get(found["Url"]) as response:
        if response.status >= 300:
            raise ChatClientError(f"download of {shown} failed: HTTP {response.status}")
        data = await response.read()
    name = safe_file_name(ref.name, content_type=ref.content_type)
    return await asyncio.to_thread(save_new, folder, name, data)
