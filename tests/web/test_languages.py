"""Every visible string comes from strings.ts: each language has every key, and a Spanish
chat (asked for by ?lang=, or the browser's own language) shows no English."""

import urllib.parse

from playwright.sync_api import expect

from tests.web.browser import chromium, needs_chromium, start_chat
from tests.web.browser import serious_accessibility_violations as axe_violations
from tests.web.rich_chat_browser import open_surface
from tests.web.web_modules import module_page, serve_modules

pytestmark = needs_chromium
# Every element that names a string, and the text it shows (shadow roots included).
SHOWN = """() => {
  const hosts = [...document.querySelectorAll("[data-connect-chat-starter]")];
  const roots = [document, ...hosts.map((h) => h.shadowRoot)];
  const found = [];
  const named = (root, selector, key, shown) => {
    for (const node of root.querySelectorAll(selector)) found.push([key(node), shown(node)]);
  };
  for (const root of roots) {
    named(root, "[data-i18n]", (n) => n.dataset.i18n, (n) => n.textContent);
    const label = (n) => n.getAttribute("aria-label");
    named(root, "[data-i18n-label]", (n) => n.dataset.i18nLabel, label);
    const placeholder = (n) => n.dataset.i18nPlaceholder;
    named(root, "[data-i18n-placeholder]", placeholder, (n) => n.placeholder);
  }
  return found;
}"""


def english_of(page) -> dict[str, str]:
    """The English text of each string the page shows (strings.ts, served beside the page)."""
    parts = urllib.parse.urlsplit(page.url)
    serve_modules(page, f"{parts.scheme}://{parts.netloc}")
    return dict(
        page.evaluate(
            """async ([module, keys]) => {
              const { strings } = await import(module);
              const t = strings("en");
              return keys.map((key) => [key, t(key)]);
            }""",
            ["/modules/strings.js", [key for key, _ in page.evaluate(SHOWN)]],
        )
    )


def test_every_language_has_every_string(stack):
    with chromium() as browser:
        page = module_page(browser, stack)
        tables = page.evaluate("async () => (await import('/modules/strings.js')).STRINGS")
        english = tables.pop("en")
        assert tables, "English and at least one more"
        for language, table in tables.items():
            assert set(table) == set(english), language
            same = [key for key in table if table[key] == english[key]]
            assert same == ["minutes"], f"{language} leaves these English: {same}"  # "{count} min"


def test_the_page_speaks_spanish_when_asked(stack):
    with chromium() as browser:
        page = open_surface(browser, stack, "page", "phone", query="?lang=es")
        expect(page.get_by_role("button", name="Iniciar chat")).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "es"
        assert page.title() == "Chatea con nosotros"
        shown = page.evaluate(SHOWN)
        english = english_of(page)
        assert shown, "the page names its strings"
        assert [key for key, text in shown if text == english[key]] == []
        assert axe_violations(page) == []


def test_the_widget_follows_the_browsers_language(stack):
    with chromium() as browser:
        page = open_surface(
            browser, stack, "widget", "desktop", locale="es-ES", launcher="Chatea con nosotros"
        )
        start_chat(page, language="es")
        messages = page.get_by_role("list", name="Mensajes")
        box = page.get_by_role("textbox", name="Mensaje")
        box.fill("demo survey")
        box.press("Enter")
        expect(messages).to_contain_text("Local Agent se ha ido", timeout=10_000)
        page.get_by_role("button", name="Terminar chat").click()
        expect(page.get_by_role("group", name="¿Terminar este chat?")).to_be_visible()
        shown = page.evaluate(SHOWN)
        english = english_of(page)
        assert [key for key, text in shown if text == english[key]] == []
        assert axe_violations(page) == []
