"""Downloads under a name the other side chose: a plain, printable name, only inside the
folder, a new file every time, no symlink followed. GetAttachment is faked; the file comes
over real HTTP from a tiny test server (no stack needed, except the last test)."""

import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from chat_client.attachments import download
from chat_client.items import AttachmentRef
from local.agent_demos import ATTACHMENT_NAME, ATTACHMENT_TEXT
from tests.conftest import REPO_ROOT
from tests.http_server import serving

DATA = b"the agent's file\n"


class FileServer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(DATA)))
        self.end_headers()
        self.wfile.write(DATA)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture(scope="module")
def origin():
    with serving(FileServer) as running:
        yield running


async def download_from(origin: str, folder: Path, name: str, content_type: str) -> Path:
    """Downloads an approved attachment called `name` into `folder`."""
    attachment_id = "../../pwned"  # an AttachmentId is the other side's string too

    async def call(operation: str, **params: Any) -> dict[str, Any]:
        assert (operation, params) == ("get_attachment", {"AttachmentId": attachment_id})
        return {"Url": f"{origin}/file"}

    ref = AttachmentRef(
        attachment_id=attachment_id, name=name, content_type=content_type, status="APPROVED"
    )
    async with aiohttp.ClientSession() as http:
        return await download(call, http, ref, folder)


@pytest.fixture
def save(origin):
    def saving(folder: Path, name: str, *, content_type: str = "text/plain"):
        return download_from(origin, folder, name, content_type)

    return saving


def everything_under(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


@pytest.mark.parametrize("name", ["/", ".", "..", "", "...", "a/..", "x/.", "\\", "  ", "\x1b"])
async def test_a_name_with_no_final_part_is_saved_as_attachment_never_its_id(save, tmp_path, name):
    saved = await save(tmp_path / "in", name)
    assert saved == tmp_path / "in" / "attachment.txt"
    assert saved.read_bytes() == DATA
    assert everything_under(tmp_path) == ["in", "in/attachment.txt"]


async def test_the_fallback_takes_a_known_extension_of_the_type_or_none(save, tmp_path):
    assert (await save(tmp_path, "..", content_type="application/pdf")).name == "attachment.pdf"
    assert (await save(tmp_path, "/", content_type="x/\x1b[2J")).name == "attachment"


@pytest.mark.parametrize(
    "name",
    [
        "../../out\x1bside.txt",
        "/etc/out\nside.txt",
        "C:\\Users\\Ada\\..\\out\u202eside.txt",
        "a/b\\out\x7fside.txt",
    ],
)
async def test_only_the_last_part_of_a_path_is_used_without_its_controls(save, tmp_path, name):
    saved = await save(tmp_path / "in", name)
    assert saved == tmp_path / "in" / "outside.txt"
    assert everything_under(tmp_path) == ["in", "in/outside.txt"]


async def test_an_existing_file_is_never_overwritten(save, tmp_path):
    (tmp_path / "notes.txt").write_bytes(b"mine")
    (tmp_path / "README").write_bytes(b"mine")
    saved = [await save(tmp_path, "notes.txt") for _ in range(2)] + [await save(tmp_path, "README")]
    assert [path.name for path in saved] == ["notes (1).txt", "notes (2).txt", "README (1)"]
    assert (tmp_path / "notes.txt").read_bytes() == (tmp_path / "README").read_bytes() == b"mine"


async def test_a_symlink_at_the_name_is_never_followed(save, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"mine")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.txt").symlink_to(outside)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    saved = [await save(folder, "notes.txt"), await save(folder, "dangling.txt")]
    assert [path.name for path in saved] == ["notes (1).txt", "dangling (1).txt"]
    assert outside.read_bytes() == b"mine"
    assert not (tmp_path / "nowhere.txt").exists()


async def test_control_and_bidi_characters_are_dropped_and_hebrew_kept(save, tmp_path):
    saved = await save(tmp_path, "inv\noice\x1b]0;x\x07\u202efdp.exe")
    assert saved.name == "invoice]0;xfdp.exe"
    assert (await save(tmp_path, "שלום עולם.txt")).name == "שלום עולם.txt"


async def test_a_long_name_is_cut_to_200_bytes_keeping_its_extension(save, tmp_path):
    ascii_name = await save(tmp_path, "x" * 300 + ".pdf")
    accented = await save(tmp_path, "é" * 150 + ".txt")
    assert ascii_name.name == "x" * 196 + ".pdf"
    assert accented.name == "é" * 98 + ".txt"
    assert len(accented.name.encode()) == 200


def test_send_saves_a_second_copy_beside_the_first_not_over_it(stack, tmp_path):
    (tmp_path / ATTACHMENT_NAME).write_bytes(b"mine")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "chat_client",
            "send",
            "--url",
            stack.start_chat_url,
            "--name",
            "Ada",
            "--wait",
            "2",
            "--message",
            "demo attachment",
            "--save-to",
            str(tmp_path),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **stack.client_env},
    )
    assert result.returncode == 0, result.stderr
    copy = tmp_path / ATTACHMENT_NAME.replace(".txt", " (1).txt")
    assert f"saved {copy}" in result.stdout
    assert copy.read_bytes() == ATTACHMENT_TEXT
    assert (tmp_path / ATTACHMENT_NAME).read_bytes() == b"mine"
