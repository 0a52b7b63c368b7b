"""The Participant Service's attachments, offline: StartAttachmentUpload hands out a
presigned-style PUT URL on this origin that insists on the headers it named (as S3 does with
a presigned URL), CompleteAttachmentUpload posts the ATTACHMENT item as IN_PROGRESS, a scan
then sends the same item again as APPROVED or REJECTED, and GetAttachment hands out a
download URL. Files live in memory for the life of the stack."""

import asyncio
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

from aiohttp import web

from infra.attachment_policy import CONTENT_TYPES, MAX_BYTES
from local.aws_protocol import AwsError, operation, read_params
from local.chat_store import ChatStore, Participant, iso_time

SERVICE = "connectparticipant"
URL_SECONDS = 300
# The antivirus test file (harmless by design; every scanner flags it): an upload carrying
# its signature is REJECTED by the scan.
EICAR_TEST_FILE = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_SIGNATURE = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


@dataclass(eq=False)
class Attachment:
    owner: Participant
    name: str
    content_type: str
    size: int
    headers: dict[str, str]
    attachment_id: str = field(default_factory=lambda: f"local-{uuid.uuid4()}")
    upload_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    data: bytes | None = None
    completed: bool = False
    status: str = "IN_PROGRESS"


class AttachmentService:
    def __init__(self, store: ChatStore, *, enabled: bool, scan_seconds: float = 0.3) -> None:
        self.store, self.enabled, self.scan_seconds = store, enabled, scan_seconds
        self._by_id: dict[str, Attachment] = {}
        self._by_upload_key: dict[str, Attachment] = {}
        self._downloads: dict[str, tuple[Attachment, float]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/participant/start-attachment-upload", self.start_upload),
            web.post("/participant/complete-attachment-upload", self.complete_upload),
            web.post("/participant/attachment", self.get_attachment),
            web.put("/_attachments/upload/{key}", self.receive_upload),
            web.get("/_attachments/download/{key}", self.send_download),
        ]

    async def start_upload(self, request: web.Request) -> web.Response:
        params = await read_params(request, operation(SERVICE, "StartAttachmentUpload"))
        sender = self.store.by_connection_token(params["ConnectionToken"])
        if not self.enabled:
            raise AwsError(
                "ValidationException", 400, "Attachments are not enabled for this instance"
            )
        if params["ContentType"] not in CONTENT_TYPES:
            raise AwsError("ValidationException", 400, "The attachment's type is not supported")
        if params["AttachmentSizeInBytes"] > MAX_BYTES:
            raise AwsError("ValidationException", 400, "The attachment is too large")
        headers = {
            "Content-Type": params["ContentType"],
            "Content-Disposition": disposition(params["AttachmentName"]),
            "x-amz-acl": "bucket-owner-full-control",
            "x-amz-meta-contact_id": sender.contact.contact_id,
        }
        attachment = Attachment(
            owner=sender,
            name=params["AttachmentName"],
            content_type=params["ContentType"],
            size=params["AttachmentSizeInBytes"],
            headers=headers,
        )
        self._by_id[attachment.attachment_id] = attachment
        self._by_upload_key[attachment.upload_key] = attachment
        url = f"{_origin(request)}/_attachments/upload/{attachment.upload_key}"
        return web.json_response(
            {
                "AttachmentId": attachment.attachment_id,
                "UploadMetadata": {
                    "Url": url,
                    "UrlExpiry": iso_time(time.time() + URL_SECONDS),
                    "HeadersToInclude": headers,
                },
            }
        )

    async def receive_upload(self, request: web.Request) -> web.Response:
        attachment = self._by_upload_key.get(request.match_info["key"])
        if attachment is None or attachment.data is not None:
            return _s3_error(403, "AccessDenied", "The upload URL is not valid")
        for name, value in attachment.headers.items():
            if request.headers.get(name) != value:
                # S3's answer when a presigned PUT lacks a header it was signed with.
                return _s3_error(
                    403, "SignatureDoesNotMatch", f"{name} differs from the signed one"
                )
        data = await request.read()
        if len(data) != attachment.size:
            return _s3_error(400, "IncompleteBody", "The body's size differs from the declared one")
        attachment.data = data
        return web.Response(status=200)

    async def complete_upload(self, request: web.Request) -> web.Response:
        params = await read_params(request, operation(SERVICE, "CompleteAttachmentUpload"))
        sender = self.store.by_connection_token(params["ConnectionToken"])
        if len(params["AttachmentIds"]) != 1:
            raise AwsError("ValidationException", 400, "Exactly one AttachmentId is allowed")
        attachment = self._by_id.get(params["AttachmentIds"][0])
        if attachment is None or attachment.owner is not sender:
            raise AwsError("ValidationException", 400, "The attachment is not known")
        if attachment.data is None:
            raise AwsError("ValidationException", 400, "The attachment was not uploaded")
        if attachment.completed:
            raise AwsError("ConflictException", 409, "The upload is already complete")
        attachment.completed = True
        self.post(attachment)
        return web.json_response({})

    def add(self, sender: Participant, name: str, content_type: str, data: bytes) -> None:
        """An attachment uploaded by someone who is not over HTTP (the local agent)."""
        attachment = Attachment(
            owner=sender, name=name, content_type=content_type, size=len(data), headers={}
        )
        attachment.data, attachment.completed = data, True
        self._by_id[attachment.attachment_id] = attachment
        self.post(attachment)

    def post(self, attachment: Attachment) -> None:
        item = self.store.post(
            attachment.owner,
            "ATTACHMENT",
            attachment.content_type,
            fields={"Attachments": [_listed(attachment)]},
        )
        task = asyncio.get_running_loop().create_task(self._scan(attachment, item))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _scan(self, attachment: Attachment, item: dict[str, Any]) -> None:
        await asyncio.sleep(self.scan_seconds)
        attachment.status = (
            "REJECTED" if EICAR_SIGNATURE in (attachment.data or b"") else "APPROVED"
        )
        self.store.replace(attachment.owner.contact, {**item, "Attachments": [_listed(attachment)]})

    async def get_attachment(self, request: web.Request) -> web.Response:
        params = await read_params(request, operation(SERVICE, "GetAttachment"))
        reader = self.store.by_connection_token(params["ConnectionToken"])
        attachment = self._by_id.get(params["AttachmentId"])
        if attachment is None or attachment.owner.contact is not reader.contact:
            raise AwsError("ResourceNotFoundException", 404, "The attachment is not known")
        if attachment.status != "APPROVED":
            raise AwsError("ValidationException", 400, f"The attachment is {attachment.status}")
        seconds = params.get("UrlExpiryInSeconds", URL_SECONDS)
        key = secrets.token_urlsafe(24)
        self._downloads[key] = (attachment, time.time() + seconds)
        return web.json_response(
            {
                "Url": f"{_origin(request)}/_attachments/download/{key}",
                "UrlExpiry": iso_time(time.time() + seconds),
                "AttachmentSizeInBytes": attachment.size,
            }
        )

    async def send_download(self, request: web.Request) -> web.Response:
        attachment, expires = self._downloads.get(request.match_info["key"], (None, 0.0))
        if attachment is None or expires < time.time():
            return _s3_error(403, "AccessDenied", "Request has expired")
        return web.Response(
            body=attachment.data,
            content_type=attachment.content_type,
            headers={
                "Content-Disposition": disposition(attachment.name),
                "Access-Control-Allow-Origin": "*",
            },
        )


def _listed(attachment: Attachment) -> dict[str, str]:
    return {
        "ContentType": attachment.content_type,
        "AttachmentId": attachment.attachment_id,
        "AttachmentName": attachment.name,
        "Status": attachment.status,
    }


def disposition(name: str) -> str:
    """Content-Disposition for any file name: header values are Latin-1 at most (browsers
    refuse others), so an ASCII fallback plus the RFC 8187 UTF-8 form."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _origin(request: web.Request) -> str:
    return f"http://127.0.0.1:{request.url.port}"


def _s3_error(status: int, code: str, message: str) -> web.Response:
    body = f"<Error><Code>{code}</Code><Message>{escape(message)}</Message></Error>"
    return web.Response(status=status, text=body, content_type="application/xml")
