"""Saving a file whose name the other side chose: only a plain name (no folders, no control
or bidi characters, not `.` or `..`), only inside the folder asked for, and never over
anything already there (a symlink included: it is never followed)."""

import mimetypes
import os
import re
from pathlib import Path

from chat_client.errors import ChatClientError
from chat_client.safe_text import BIDI_CONTROLS, C1_AND_DEL, SURROGATES

FALLBACK_NAME = "attachment"
MAX_NAME_BYTES = 200  # leaves room for " (n)" under the usual 255-byte limit
MAX_EXTENSION_BYTES = 16
MAX_TRIES = 1000
SAFE_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}")
_DROPPED = re.compile(rf"[\x00-\x1f{C1_AND_DEL}{BIDI_CONTROLS}{SURROGATES}]")
# O_EXCL: fail if the name exists, a symlink included; O_NOFOLLOW says so again.
_NEW_FILE = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)


def safe_file_name(name: str, *, content_type: str) -> str:
    """The last part of `name` (`\\` read as `/`) without control or bidi characters, at
    most MAX_NAME_BYTES; `attachment` plus the content type's extension if nothing usable
    is left."""
    last = _DROPPED.sub("", name.replace("\\", "/").rpartition("/")[2]).strip()
    if not last.strip("."):  # empty, `.`, `..`, or only dots
        extension = mimetypes.guess_extension(content_type.partition(";")[0].strip()) or ""
        return FALLBACK_NAME + (extension if SAFE_EXTENSION.fullmatch(extension) else "")
    if len(last.encode()) <= MAX_NAME_BYTES:
        return last
    stem, extension = _split(last)
    return _cut(stem, MAX_NAME_BYTES - len(extension.encode())) + extension


def save_new(folder: Path, name: str, data: bytes) -> Path:
    """Writes `data` to a new file `name` in `folder` (made if missing), or `name (1)`,
    `name (2)`… if that exists; returns its path. `name` must come from safe_file_name."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        home = folder.resolve()
    except OSError as error:
        raise ChatClientError(f"cannot save into {folder}: {error.strerror}") from None
    stem, extension = _split(name)
    for number in range(MAX_TRIES):
        target = home / (f"{stem} ({number}){extension}" if number else name)
        if os.path.dirname(os.path.normpath(target)) != str(home):  # "..", "a/b", "/x"
            raise ChatClientError(f"not a plain file name: {name!r}")
        try:
            descriptor = os.open(target, _NEW_FILE, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise ChatClientError(f"cannot save {target}: {error.strerror}") from None
        _write(descriptor, target, data)
        return target
    raise ChatClientError(f"cannot save {name}: {MAX_TRIES} files of that name in {home}")


def _write(descriptor: int, target: Path, data: bytes) -> None:
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
    except OSError as error:
        target.unlink(missing_ok=True)  # no half-written file left to be taken for the whole
        raise ChatClientError(f"cannot save {target}: {error.strerror}") from None


def _split(name: str) -> tuple[str, str]:
    """(stem, extension with its dot); a leading dot (".profile") is not an extension."""
    stem, dot, extension = name.rpartition(".")
    if not stem or not dot or len(extension.encode()) >= MAX_EXTENSION_BYTES:
        return name, ""
    return stem, dot + extension


def _cut(text: str, max_bytes: int) -> str:
    return text.encode()[:max_bytes].decode(errors="ignore")  # never half a character
