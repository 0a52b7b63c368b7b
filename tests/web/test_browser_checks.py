"""The browser checks can fail: axe-core reports a nameless button, and a too-wide element
scrolls sideways."""

from tests.web.browser import chromium, needs_chromium, scrolls_sideways
from tests.web.browser import serious_accessibility_violations as axe_violations

pytestmark = needs_chromium


def test_the_checks_find_what_they_look_for():
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.set_content(
            "<!doctype html><html lang=en><title>t</title><main><h1>t</h1>"
            "<button></button><div style='width:600px'>wide</div></main></html>"
        )
        assert any(v.startswith("button-name (critical)") for v in axe_violations(page))
        assert scrolls_sideways(page)
        page.set_content(
            "<!doctype html><html lang=en><title>t</title><main><h1>t</h1>"
            "<button>Chat</button></main></html>"
        )
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)
