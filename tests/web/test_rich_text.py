"""Unit tests of the chat view's content modules, run in a real browser on the modules and
libraries the page serves: rich-text.js (markdown and plain text: what is kept, and that no
hostile input yields an element, attribute or link target outside the allowed few, or
runs), and interactive.js's time slots (sent as chat-interface sends them, as
chat_client's are)."""

import pytest

from chat_client.items import timeslot_date
from tests.local_stack import start_stack
from tests.web.browser import chromium, needs_chromium
from tests.web.web_modules import module_page

pytestmark = needs_chromium
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
HOSTILE = [
    '<img src="x" onerror="window.__unsafe = 1">',
    "<script>window.__unsafe = 2</script>",
    '<svg onload="window.__unsafe = 3"></svg>',
    '<iframe src="javascript:window.__unsafe = 4"></iframe>',
    '<details open ontoggle="window.__unsafe = 5">x</details>',
    '<a href="https://example.com" onclick="window.__unsafe = 6">raw link</a>',
    "[a](javascript:window.__unsafe=7)",
    "[a](JaVaScRiPt:window.__unsafe=8)",
    "[a](  javascript:window.__unsafe=9)",
    "[a](data:text/html,<script>window.__unsafe=10</script>)",
    "[a](vbscript:msgbox)",
    "[a][ref]\n\n[ref]: javascript:window.__unsafe=11",
    '![picture](https://example.com/x.png "t")',
    '[a](https://example.com/" onmouseover="window.__unsafe=12)',
    "<style>body { display: none }</style>",
    "`<img src=x onerror=window.__unsafe=13>`",
    '<form action="https://example.com"><input name="card"></form>',
]

RENDER = """async ([sources, markdown]) => {
  const { createRichText } = await import("/modules/rich-text.js");
  const rich = createRichText();
  const results = [];
  for (const source of sources) {
    const holder = document.createElement("div");
    holder.append(markdown ? rich.fromMarkdown(source) : rich.fromPlainText(source));
    document.body.append(holder);  // in the document: where an onerror would fire
    const elements = [...holder.querySelectorAll("*")].map((node) => ({
      tag: node.localName,
      attributes: Object.fromEntries([...node.attributes].map((a) => [a.name, a.value])),
    }));
    results.push({ html: holder.innerHTML, text: holder.textContent, elements });
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { results, unsafe: window.__unsafe ?? null };
}"""


@pytest.fixture(scope="module")
def page():
    stack = start_stack("--no-agent")
    with chromium() as browser:
        page = module_page(browser, stack)
        yield page
    stack.stop()


@pytest.fixture(scope="module")
def render(page):
    def run(sources: list[str], *, markdown: bool = True):
        return page.evaluate(RENDER, [sources, markdown])

    return run


def test_hostile_markdown_yields_only_allowed_elements_and_runs_nothing(render):
    rendered = render(HOSTILE)
    assert rendered["unsafe"] is None
    for source, result in zip(HOSTILE, rendered["results"], strict=True):
        for element in result["elements"]:
            assert element["tag"] in ALLOWED_TAGS, (source, result["html"])
            assert set(element["attributes"]) <= {"href", "target", "rel"}, (source, result["html"])
            if element["tag"] == "a":
                assert element["attributes"]["href"].startswith(
                    ("https:", "http:", "mailto:", "tel:")
                )
                assert element["attributes"]["rel"] == "noopener noreferrer"
                assert element["attributes"]["target"] == "_blank"


def test_raw_html_and_images_are_shown_as_their_text(render):
    script, image, raw_link = render(
        ["<script>x()</script>", "![a picture](https://example.com/x.png)", HOSTILE[5]]
    )["results"]
    assert script["text"].strip() == "<script>x()</script>"
    assert image["text"].strip() == "a picture"
    assert image["elements"] == [{"tag": "p", "attributes": {}}]
    assert raw_link["text"].strip() == HOSTILE[5]


def test_markdown_formatting_is_kept(render):
    source = "**bold** _it_ ~~gone~~ `code`\n\n1. one\n2. two\n\n> quoted\n\n[help](https://example.com/help)"
    (result,) = render([source])["results"]
    tags = [element["tag"] for element in result["elements"]]
    for tag in ("strong", "em", "del", "code", "ol", "li", "blockquote", "a"):
        assert tag in tags
    link = next(e for e in result["elements"] if e["tag"] == "a")
    assert link["attributes"] == {
        "href": "https://example.com/help",
        "target": "_blank",
        "rel": "noopener noreferrer",
    }


def test_plain_text_stays_text_with_web_addresses_linked(render):
    text = (
        "<b>hi</b> see https://example.com/a?b=1&c=2, or javascript:alert(1) (http://x.example/)."
    )
    (result,) = render([text], markdown=False)["results"]
    assert result["text"] == text
    links = [e["attributes"]["href"] for e in result["elements"]]
    assert links == ["https://example.com/a?b=1&c=2", "http://x.example/"]
    assert {e["tag"] for e in result["elements"]} == {"a"}


@pytest.mark.parametrize(
    ("date", "offset"),
    [
        ("2020-10-31T18:00+00:00", None),
        ("2020-10-31T18:00+00:00", 0),
        ("2020-10-31T18:00+00:00", -300),
        ("2020-10-31T23:30+00:00", 90),
        ("2021-03-28T01:15+02:00", 60),
    ],
)
def test_a_time_slot_is_sent_as_chat_interface_sends_it_in_page_and_client(page, date, offset):
    sent = page.evaluate(
        "async ([date, offset]) =>"
        " (await import('/modules/interactive.js')).timeslotDate(date, offset)",
        [date, offset],
    )
    assert sent == timeslot_date(date, offset)
    if offset:  # chat-interface: toISOString() with its last two characters cut, then +00:00
        assert sent.endswith(".00+00:00")
    else:
        assert sent == date
