"""The "your own UI" path as a frontend team copies it: every ```ts/```tsx block of the
README and docs/own-ui.md type-checks against amazon-connect-chatjs's own types (TypeScript
--strict, Vite's React + TypeScript settings), asks for markdown and interactive messages,
and gives chatjs the region."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

PAGES = [REPO_ROOT / "README.md", REPO_ROOT / "docs" / "own-ui.md"]
TSC = REPO_ROOT / "node_modules" / ".bin" / "tsc"
BLOCK = re.compile(r"^```(ts|tsx)\n(.*?)^```", re.MULTILINE | re.DOTALL)
FILE_NAME = re.compile(r"// ([\w.-]+\.tsx?)\n")  # a block's first line naming its file
CONTENT_TYPES = (
    "text/plain",
    "text/markdown",
    "application/vnd.amazonaws.connect.message.interactive",
    "application/vnd.amazonaws.connect.message.interactive.response",
)
# Vite's react-ts template (tsconfig.app.json), without its vite/client types
TSCONFIG = {
    "compilerOptions": {
        "target": "ES2022",
        "useDefineForClassFields": True,
        "lib": ["ES2022", "DOM", "DOM.Iterable"],
        "module": "ESNext",
        "types": [],
        "skipLibCheck": True,
        "moduleResolution": "bundler",
        "allowImportingTsExtensions": True,
        "verbatimModuleSyntax": True,
        "moduleDetection": "force",
        "noEmit": True,
        "jsx": "react-jsx",
        "strict": True,
        "noUnusedLocals": True,
        "noUnusedParameters": True,
        "erasableSyntaxOnly": True,
        "noFallthroughCasesInSwitch": True,
        "noUncheckedSideEffectImports": True,
    },
    "include": ["src"],
}


def snippets(text: str) -> dict[str, str]:
    """File name → code; a block not naming its file is a file of its own."""
    files = {}
    for number, (language, code) in enumerate(BLOCK.findall(text), 1):
        named = FILE_NAME.match(code)
        files[named.group(1) if named else f"snippet{number}.{language}"] = code
    return files


def type_errors(files: dict[str, str], project: Path) -> str:
    """tsc's complaints about `files` as one app beside the repo's node_modules ("" if none)."""
    (project / "src").mkdir()
    for name, code in files.items():
        (project / "src" / name).write_text(code)
    (project / "tsconfig.json").write_text(json.dumps(TSCONFIG))
    (project / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    checked = subprocess.run(
        [TSC, "-p", project, "--noEmit", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode in (0, 1, 2), checked.stderr  # 1, 2: errors found, not a crash
    return checked.stdout + checked.stderr


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_the_own_ui_snippets_type_check_against_chatjs(page, tmp_path):
    files = snippets(page.read_text())
    assert files, f"{page.name}: no ```ts or ```tsx block"
    assert type_errors(files, tmp_path) == ""


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_the_own_ui_snippets_ask_for_rich_messages_and_give_the_region(page):
    code = "\n".join(snippets(page.read_text()).values())
    assert "SupportedMessagingContentTypes" in code
    assert [kind for kind in CONTENT_TYPES if f'"{kind}"' not in code] == []
    assert re.search(r"setGlobalConfig\(\{\s*region\b", code), "chatjs would use us-west-2"
    assert re.search(r"options: \{\s*region\b", code), "ChatSession.create's region"


def test_the_check_refuses_chat_details_in_the_apis_casing(tmp_path):
    """The README's snippet before chatjs's types were checked: the check must catch it."""
    old = """import "amazon-connect-chatjs";
const api = "https://abc123.execute-api.eu-west-2.amazonaws.com/chat";
const res = await fetch(api, {method: "POST"});
const {ContactId, ParticipantId, ParticipantToken} = (await res.json()) as Record<string, string>;
connect.ChatSession.setGlobalConfig({region: "eu-west-2", endpoint: "http://127.0.0.1:4566"});
connect.ChatSession.create({chatDetails: {ContactId, ParticipantId, ParticipantToken},
  type: connect.ChatSession.SessionTypes.CUSTOMER});
"""
    errors = type_errors({"old.ts": old}, tmp_path)
    assert "'endpoint' does not exist in type 'ChatGlobalConfig'" in errors
    assert "'ContactId' does not exist in type 'ChatDetailsInput'" in errors
