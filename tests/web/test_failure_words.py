"""Every failure in the customer's language (issue 33): each problem `type` our API can answer
(read from lambda/start_chat/problems.py, so a new one fails here until it has its words) and
a network failure have a sentence in every language; waits are said in rounded words; the
fields the API names are marked; a refused origin tells the developer which origin."""

import ast
import json
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from infra.widget_bundle import SOURCE
from tests.conftest import REPO_ROOT
from tests.local_stack import start_stack
from tests.web.browser import chromium, needs_chromium
from tests.web.browser import serious_accessibility_violations as axe_violations

PROBLEMS = REPO_ROOT / "lambda" / "start_chat" / "problems.py"
ESBUILD = REPO_ROOT / "node_modules" / ".bin" / "esbuild"
TYPE = "urn:connect-chat-starter:problem:"


def problem_types() -> set[str]:
    """REJECTION_REASONS and the reason of every Problem(...) and Upstream(...) written there."""
    tree = ast.parse(PROBLEMS.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "REJECTION_REASONS"
            for target in node.targets
        ):
            found |= {element.value for element in node.value.elts}  # type: ignore[attr-defined]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("Problem", "Upstream")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
        ):
            found.add(node.args[1].value)
    return found


def run_words(script: str) -> object:
    """`script` run by Node with `words` (problem-words.ts) and `strings` (strings.ts)."""
    out = Path(tempfile.mkdtemp(prefix="failure-words-"))
    entries = [str(SOURCE / "problem-words.ts"), str(SOURCE / "strings.ts")]
    subprocess.run(
        [
            str(ESBUILD),
            *entries,
            "--bundle",
            "--format=esm",
            f"--outdir={out}",
            "--log-level=warning",
        ],
        check=True,
    )
    program = (
        f"import * as words from {json.dumps(str(out / 'problem-words.js'))};\n"
        f"import * as strings from {json.dumps(str(out / 'strings.js'))};\n"
        f"console.log(JSON.stringify(await (async () => {{ {script} }})()));"
    )
    answer = subprocess.run(
        ["node", "--input-type=module", "-e", program], check=True, capture_output=True, text=True
    )
    return json.loads(answer.stdout)


def test_every_problem_type_has_a_sentence_in_every_language():
    types = problem_types()
    assert {"validation-error", "throttled", "upstream-rejected", "internal-error"} <= types
    sentences = run_words(
        f"""const out = {{}};
        for (const language of Object.keys(strings.STRINGS)) {{
          const t = strings.strings(language);
          const sentence = (type) =>
            words.problemKey("{TYPE}" + type) && words.problemSentence("{TYPE}" + type, null, t);
          out[language] = Object.fromEntries(
            {json.dumps(sorted(types))}.map((type) => [type, sentence(type)]));
          out[language].network = t("unreachable");
        }}
        return out;"""
    )
    assert set(sentences) >= {"en", "es"}
    for language, table in sentences.items():
        missing = [type_ for type_, sentence in table.items() if not sentence]
        assert missing == [], f"{language} has no sentence for {missing}"
    assert sentences["es"]["validation-error"] != sentences["en"]["validation-error"]


@pytest.mark.parametrize(
    ("seconds", "english", "spanish"),
    [
        (2, "a few seconds", "unos segundos"),
        (30, "about 30 seconds", "unos 30 segundos"),
        (70, "about a minute", "un minuto aproximadamente"),
        (298, "about 5 minutes", "unos 5 minutos"),
        (7200, "about 2 hours", "unas 2 horas"),
    ],
)
def test_waits_are_said_in_rounded_words(seconds, english, spanish):
    said = run_words(
        f"""return ["en", "es"].map((language) =>
          words.problemSentence("{TYPE}too-many-chats", "{seconds}", strings.strings(language)));"""
    )
    assert english in said[0]
    assert "298" not in said[0]
    assert spanish in said[1]


@pytest.fixture(scope="module")
def stack():
    running = start_stack("--no-agent")
    yield running
    running.stop()


def problem(type_: str, status: int, **extra: object) -> dict:
    return {
        "status": status,
        "content_type": "application/problem+json",
        "headers": extra.pop("headers", {}),  # type: ignore[dict-item]
        "body": json.dumps(
            {
                "type": TYPE + type_,
                "title": "English title",
                "status": status,
                "detail": "English detail; see errors.",
                "requestId": "r",
                **extra,
            }
        ),
    }


@needs_chromium
def test_a_spanish_customer_reads_spanish_and_sees_the_field_marked(stack):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.route(
            stack.start_chat_url,
            lambda route: route.fulfill(
                **problem(
                    "validation-error",
                    400,
                    errors=[{"field": "ParticipantDetails.DisplayName", "message": "too long"}],
                )
            ),
        )
        page.goto(stack.start_chat_url.removesuffix("chat") + "?lang=es")
        page.get_by_label("Tu nombre").fill("Ada")
        page.get_by_role("button", name="Iniciar chat").click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Algunos de tus datos no se han aceptado")
        expect(alert).not_to_contain_text("English")
        name = page.get_by_label("Tu nombre")
        expect(name).to_have_attribute("aria-invalid", "true")
        expect(name).to_have_accessible_description("Revisa tu nombre.")
        assert axe_violations(page) == []
        page.unroute(stack.start_chat_url)
        page.route(
            stack.start_chat_url,
            lambda route: route.fulfill(
                **problem("too-many-chats", 429, headers={"Retry-After": "298"})
            ),
        )
        page.get_by_role("button", name="Iniciar chat").click()
        expect(alert).to_contain_text("dentro de unos 5 minutos")
        expect(name).not_to_have_attribute("aria-invalid", "true")


@needs_chromium
def test_a_network_failure_and_a_refused_origin_in_plain_words(stack):
    with chromium() as browser:
        page = browser.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.route(stack.start_chat_url, lambda route: route.abort())
        origin = stack.start_chat_url.removesuffix("/chat")
        page.goto(origin + "/")
        page.get_by_label("Your name").fill("Ada")
        page.get_by_role("button", name="Start chat").click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("We can't reach the chat service")
        expect(alert).not_to_contain_text("Failed to fetch")
        page.unroute(stack.start_chat_url)
        page.route(
            stack.start_chat_url, lambda route: route.fulfill(**problem("origin-not-allowed", 403))
        )
        page.get_by_role("button", name="Start chat").click()
        expect(alert).to_contain_text("Chat isn't available on this website")
        refused = [line for line in console if "allowedOrigins" in line]
        assert refused, console
        assert origin in refused[0]
