"""The documentation a newcomer reads: the README's first screen is the quick start, every
heading the README had before it was split is still reachable from it, and every relative
link (and its #anchor) resolves."""

import re
from pathlib import Path

from tests.conftest import REPO_ROOT

README = REPO_ROOT / "README.md"
HEADINGS_BEFORE_SPLIT = Path(__file__).with_name("headings_before_split.txt")
PAGES = [
    README,
    *sorted((REPO_ROOT / "docs").glob("*.md")),
    *(REPO_ROOT / name for name in ("CHANGELOG.md", "CONTRIBUTING.md", "SECURITY.md")),
]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def headings(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text())
    return [line.lstrip("#").strip() for line in text.splitlines() if re.match(r"^#{1,6} ", line)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.lower())
    return text.replace(" ", "-")


def links(page: Path) -> list[str]:
    return LINK.findall(FENCE.sub("", page.read_text()))


def reachable_pages() -> set[Path]:
    seen, todo = set(), [README]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        for target in links(page):
            path = (page.parent / target.split("#")[0]).resolve()
            if path.suffix == ".md" and path.is_file():
                todo.append(path)
    return seen


def test_every_heading_the_readme_had_is_reachable_from_it():
    before = [line for line in HEADINGS_BEFORE_SPLIT.read_text().splitlines() if line]
    assert len(before) >= 20
    now = {heading for page in reachable_pages() for heading in headings(page)}
    lost = [heading for heading in before if heading not in now]
    assert lost == []


def test_every_relative_link_and_anchor_resolves():
    broken = []
    for page in PAGES:
        for target in links(page):
            if re.match(r"^[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            path = (page.parent / file).resolve() if file else page
            if not path.exists():
                broken.append(f"{page.name}: {target}")
            elif (
                anchor and path.suffix == ".md" and anchor not in {slug(h) for h in headings(path)}
            ):
                broken.append(f"{page.name}: {target} (no such heading)")
    assert broken == []


def test_the_first_screen_is_the_quick_start():
    lines = README.read_text().splitlines()
    first_screen = "\n".join(lines[:40])
    assert "make synth" in first_screen
    assert "make test" in first_screen
    assert "## Try the whole flow offline" in "\n".join(lines[:60])
    assert len(lines) <= 150, "the README is the quick start; the rest lives in docs/"


def test_every_docs_page_is_linked_from_the_readme():
    linked = reachable_pages()
    assert sorted(p.name for p in (REPO_ROOT / "docs").glob("*.md") if p not in linked) == []


def test_the_slug_matches_githubs_for_code_and_punctuation():
    assert (
        slug("Abuse protection (`perClientLimit`, `botCheck`)")
        == "abuse-protection-perclientlimit-botcheck"
    )
    assert slug("What gets deployed (`ChatStarter-<env>`)") == "what-gets-deployed-chatstarter-env"
