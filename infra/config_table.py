"""The environment table of docs/configuration.md, generated from infra/config_keys.py.

python -m infra.config_table            print it
python -m infra.config_table --write    rewrite it in docs/configuration.md (tests fail when stale)
"""

import json
import sys
from pathlib import Path

from infra.config_keys import KEYS, REQUIRED, Key

CONFIGURATION_PAGE = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"
START, END = "<!-- config-keys:start -->", "<!-- config-keys:end -->"


def _default(key: Key) -> str:
    if key.default is REQUIRED:
        return f"required when {key.when}" if key.when else "**required**"
    if key.default is None:
        return "absent"
    return f"`{json.dumps(key.default, ensure_ascii=False)}`"


def _row(key: Key) -> str:
    meaning = key.meaning
    if key.when and key.default is not REQUIRED:
        meaning += f" (only when {key.when})"
    each = f"at least {key.min_items}; each " if key.min_items else "each " if key.is_list else ""
    return f"| `{key.name}` | {key.type} | {_default(key)} | {each}{key.check.text} | {meaning} |"


def markdown_table() -> str:
    rows = ["| key | type | default | allowed | meaning |", "| --- | --- | --- | --- | --- |"]
    return "\n".join(rows + [_row(key) for key in KEYS])


def table_block(text: str) -> str:
    return text[text.index(START) + len(START) : text.index(END)].strip()


def main() -> None:
    table = markdown_table()
    if "--write" not in sys.argv[1:]:
        print(table)
        return
    text = CONFIGURATION_PAGE.read_text()
    start, end = text.index(START) + len(START), text.index(END)
    CONFIGURATION_PAGE.write_text(f"{text[:start]}\n{table}\n{text[end:]}")


if __name__ == "__main__":
    main()
