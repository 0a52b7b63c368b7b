"""chat_client's attachments, receipts and interactive messages against the local stack
(real HTTP, a real websocket, the stand-in's presigned-style upload URL)."""

import os
import subprocess
import sys
import time

from chat_client import ChatSession, start_chat
from local.agent_demos import ATTACHMENT_NAME, ATTACHMENT_TEXT
from local.attachment_service import EICAR_TEST_FILE as EICAR
from tests.client.test_session import agent_says, next_item
from tests.conftest import REPO_ROOT


async def test_a_file_goes_up_is_scanned_and_the_agent_reads_and_names_it(
    stack, client_env, tmp_path
):
    order = tmp_path / "order.txt"
    order.write_text("order 1234\n")
    async with ChatSession(start_chat(stack.start_chat_url, "Ada")) as chat:
        attachment_id = await chat.send_attachment(order)
        scanning = await next_item(chat, lambda i: i.kind == "attachment")
        assert scanning.attachments[0].status == "IN_PROGRESS"
        approved = await next_item(chat, lambda i: i.kind == "attachment")
        assert (approved.id, approved.attachments[0].attachment_id) == (scanning.id, attachment_id)
        assert approved.attachments[0].status == "APPROVED"
        read = await next_item(chat, lambda i: i.kind == "receipt" and i.receipt == "read")
        assert read.receipt_for == approved.id
        await next_item(chat, agent_says("Thanks, I received order.txt."))


async def test_an_agents_attachment_downloads_with_its_own_name(stack, client_env, tmp_path):
    async with ChatSession(start_chat(stack.start_chat_url, "Ada")) as chat:
        await chat.send_message("demo attachment")
        item = await next_item(
            chat, lambda i: i.kind == "attachment" and i.attachments[0].status == "APPROVED"
        )
        saved = await chat.download_attachment(item.attachments[0], tmp_path / "downloads")
    assert saved == tmp_path / "downloads" / ATTACHMENT_NAME
    assert saved.read_bytes() == ATTACHMENT_TEXT


async def test_an_interactive_message_reads_as_numbered_choices(stack, client_env):
    async with ChatSession(start_chat(stack.start_chat_url, "Ada")) as chat:
        await chat.send_message("demo list")
        picker = await next_item(chat, lambda i: i.kind == "message" and bool(i.choices()))
        assert picker.choices() == ["Track an order", "Return an item", "Something else"]
        assert picker.text().splitlines() == [
            "What can we help you with?",
            "  1. Track an order — Where is my parcel?",
            "  2. Return an item",
            "  3. Something else",
        ]
        await chat.send_message(picker.choices()[1])  # as chat widgets answer: the title
        await next_item(chat, agent_says("You said: Return an item"))


def send(stack, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "chat_client", "send", "--url", stack.start_chat_url]
    return subprocess.run(
        [*command, "--name", "Ada", "--wait", "2", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **stack.client_env},
    )


def test_send_for_scripts_uploads_and_saves_the_agents_files(stack, tmp_path):
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = send(
        stack,
        "--message",
        "demo attachment",
        "--attach",
        str(receipt),
        "--save-to",
        str(tmp_path / "in"),
    )
    assert result.returncode == 0, result.stderr
    assert "Local Agent (agent): Thanks, I received receipt.pdf." in result.stdout
    assert (tmp_path / "in" / ATTACHMENT_NAME).read_bytes() == ATTACHMENT_TEXT


def test_send_fails_when_the_scan_rejects_a_file(stack, tmp_path):
    eicar = tmp_path / "eicar.txt"
    eicar.write_bytes(EICAR)
    result = send(stack, "--attach", str(eicar))
    assert result.returncode == 1
    assert "rejected" in result.stdout


def test_send_says_in_one_line_why_a_file_type_is_refused(stack, tmp_path):
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ")
    result = send(stack, "--attach", str(program))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "type is not supported" in result.stderr


def test_talk_attaches_saves_and_answers_choices_by_number(stack, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("see attached\n")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "chat_client",
            "talk",
            "--url",
            stack.start_chat_url,
            "--name",
            "Ada",
        ],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            **stack.client_env,
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(REPO_ROOT),
        },
    )
    assert process.stdin
    assert process.stdout
    seen: list[str] = []

    def type_and_wait(line: str, expected: str) -> None:
        process.stdin.write(line + "\n")
        process.stdin.flush()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            seen.append(process.stdout.readline())
            if expected in seen[-1]:
                return
        raise AssertionError(f"no {expected!r} after {line!r}: {''.join(seen)}")

    type_and_wait(f"/attach {notes}", "Thanks, I received notes.txt.")
    type_and_wait("demo attachment", "/save 1")
    type_and_wait("/save 1 saved", "saved")
    type_and_wait("demo quick", "2. No")
    type_and_wait("2", "You said: No")
    process.stdin.write("/quit\n")
    process.stdin.flush()
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert (tmp_path / "saved" / ATTACHMENT_NAME).read_bytes() == ATTACHMENT_TEXT
    assert "read your message" in "".join(seen) + out
