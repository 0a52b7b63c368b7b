"""What Amazon Connect accepts as a chat attachment (its feature limits: 20 MB, these file
types). One source for the local Participant Service stand-in and the chat view, which gets
it in config.json so it can refuse a file before uploading it."""

MAX_BYTES = 20 * 1024 * 1024
# The file types Amazon Connect's administrator guide lists, with the types browsers give them.
TYPES = {
    ".csv": "text/csv",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".heic": "image/heic",
    ".jfif": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".mov": "video/quicktime",
    ".mp4": "video/mp4",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".rtf": "application/rtf",
    ".txt": "text/plain",
    ".wav": "audio/wav",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CONTENT_TYPES = frozenset(TYPES.values())


def policy(enabled: bool) -> dict[str, object]:
    """The chat view's part of config.json."""
    if not enabled:
        return {"enabled": False}
    return {"enabled": True, "maxBytes": MAX_BYTES, "types": dict(TYPES)}
