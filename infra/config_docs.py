"""docs/configuration.md's table of keys and docs/environment.schema.json (cdk.json's schema,
for editors and CI), both generated from infra/config.py's models.

python -m infra.config_docs            print the table
python -m infra.config_docs --write    rewrite both files (a test fails when either is stale)
"""

import copy
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from infra.config import environment_schema
from infra.schema_words import Schema, allowed, resolved, variants

DOCS = Path(__file__).resolve().parent.parent / "docs"
CONFIGURATION_PAGE = DOCS / "configuration.md"
SCHEMA_FILE = DOCS / "environment.schema.json"
START, END = "<!-- config-keys:start -->", "<!-- config-keys:end -->"
TYPES = {"array": "list of strings", "object": "object of strings"}


def markdown_table() -> str:
    rows = ["| key | type | default | allowed | meaning |", "| --- | --- | --- | --- | --- |"]
    return "\n".join(rows + ["| " + " | ".join(row) + " |" for row in _rows(environment_schema())])


def _rows(node: Schema, prefix: str = "", when: str = "") -> Iterator[list[str]]:
    root = environment_schema()
    node = resolved(root, node)
    for name, member in node["properties"].items():
        key, target = f"{prefix}{name}", resolved(root, member)
        meaning = " ".join(member.get("description", "").split())
        if tagged := variants(root, target):  # the tag, then each member's own keys
            kinds = f"one of {', '.join(tagged)}"
            yield [f"`{key}.type`", "string", _default(member["default"]["type"]), kinds, meaning]
            for tag, variant in tagged.items():
                yield from _rows(
                    variant | {"properties": _without_type(variant)},
                    f"{key}.",
                    f"`{key}.type` is `{tag}`",
                )
        elif "properties" in target:
            optional = member.get("default", {}) is None
            if optional:  # a feature that is on where its section is given
                yield [f"`{key}`", "object", "absent", "an object", meaning]
            yield from _rows(target, f"{key}.", f"`{key}` is set" if optional else when)
        else:
            yield _row(key, member, name in node.get("required", ()), meaning, when)


def _row(key: str, member: Schema, required: bool, meaning: str, when: str) -> list[str]:
    if required:
        default = f"required when {when}" if when else "**required**"
    else:
        default = _default(member.get("default"))
        meaning += f" (only when {when})" if when else ""
    kind = str(resolved(environment_schema(), member).get("type", "string"))
    return [
        f"`{key}`",
        TYPES.get(kind, kind),
        default,
        allowed(environment_schema(), member),
        meaning,
    ]


def _without_type(variant: Schema) -> Schema:
    return {name: value for name, value in variant["properties"].items() if name != "type"}


def _default(value: Any) -> str:
    return "absent" if value is None else f"`{json.dumps(value, ensure_ascii=False)}`"


def cdk_json_schema() -> Schema:
    """A JSON Schema of cdk.json that checks its `context.environments`."""
    environment = _one_line_descriptions(copy.deepcopy(environment_schema()))
    definitions = environment.pop("$defs")
    environments = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": {"$ref": "#/$defs/Environment"},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cdk.json of connect-chat-starter",
        "description": "generated from infra/config.py: python -m infra.config_docs --write",
        "type": "object",
        "properties": {
            "context": {
                "type": "object",
                "properties": {"environments": environments},
                "required": ["environments"],
            }
        },
        "required": ["context"],
        "$defs": {**definitions, "Environment": environment},
    }


def _one_line_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: " ".join(value.split()) if key == "description" else _one_line_descriptions(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_one_line_descriptions(item) for item in node]
    return node


def schema_text() -> str:
    return json.dumps(cdk_json_schema(), indent=2, ensure_ascii=False) + "\n"


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
    SCHEMA_FILE.write_text(schema_text())


if __name__ == "__main__":
    main()
