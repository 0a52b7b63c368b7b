"""docs/design.md's table of cdk-nag acknowledgements names every rule the code acknowledges,
in the file that acknowledges it, and no other (a reason the docs kept after the code moved
on is how "abuse is bounded by CORS" outlived its fix)."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RULE = re.compile(r"AwsSolutions-([A-Z]+[0-9]+)")


def acknowledged_in_code() -> set[tuple[str, str]]:
    found = set()
    for source in sorted((REPO / "infra" / "cdk").glob("*.py")):
        text = source.read_text()
        if "Acknowledgment(" not in text:
            continue
        for rule in RULE.findall(text):
            found.add((rule, f"infra/cdk/{source.name}"))
    return found


def documented() -> set[tuple[str, str]]:
    design = (REPO / "docs" / "design.md").read_text()
    section = design.split("## cdk-nag acknowledgements", 1)[1].split("\n## ", 1)[0]
    found = set()
    for row in section.splitlines():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("AwsSolutions-"):
            continue
        where = cells[1].strip("`")
        prefix = cells[0].split("-", 1)[0]
        for rule in cells[0].removeprefix(f"{prefix}-").split(","):
            found.add((rule.strip(), where))
    return found


def test_every_acknowledged_rule_is_in_the_design_table_with_its_file():
    assert documented() == acknowledged_in_code()


def test_the_table_gives_no_reason_the_code_has_dropped():
    section = (REPO / "docs" / "design.md").read_text().split("## cdk-nag acknowledgements")[1]
    assert "bounded by CORS" not in section.split("\n## ", 1)[0]
