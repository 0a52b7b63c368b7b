"""A JSON Schema read back in words: what a key allows, and one line per validation error
naming the key's path, what was given and what is allowed (infra/config.py's errors and
docs/configuration.md's table say the same words)."""

import json
from collections.abc import Sequence
from typing import Any

from pydantic_core import ErrorDetails

ALLOWED = "x-allowed"  # the keyword that says in words what a value may be
Schema = dict[str, Any]


def mistake(schema: Schema, where: str, error: ErrorDetails) -> str:
    """One line: the key's path under `where`, what was given and what is allowed."""
    path, node, parent = walk(schema, error["loc"])
    key = ".".join([where, *path])
    kind = error["type"]
    if kind == "missing":
        return f"{key}: is required ({allowed(schema, node)})"
    if kind == "extra_forbidden":
        return f"{key}: is not a known key (known here: {', '.join(parent['properties'])})"
    if kind == "union_tag_invalid":
        tags = ", ".join(variants(schema, node))
        return f"{key}.type: {shown(error['ctx']['tag'])} is not one of {tags}"
    if kind == "refused":  # a validator's own words
        return f"{key}: {error['msg']}"
    return f"{key}: {shown(error['input'])} is not {allowed(schema, node)}"


def walk(schema: Schema, loc: Sequence[int | str]) -> tuple[list[str], Schema, Schema]:
    """An error location's key path, its schema and its parent's schema. pydantic puts a
    tagged union's tag into the location: skipped."""
    path: list[str] = []
    node = parent = schema
    for part in loc:
        node = resolved(schema, node)
        if part in (tagged := variants(schema, node)):
            node = tagged[str(part)]
        elif part == "[key]":  # a dict's key: the dict's schema of keys
            node = parent.get("propertyNames", {})
        elif isinstance(part, int):
            parent, node = node, node.get("items", {})
            path[-1] += f"[{part}]"
        else:
            parent, node = node, node.get("properties", {}).get(part)
            node = node or _values(parent)
            path.append(part)
    return path, node, resolved(schema, parent)


def variants(schema: Schema, node: Schema) -> dict[str, Schema]:
    """A union's members by the value of their `type` key."""
    members = map(lambda member: resolved(schema, member), node.get("oneOf", ()))
    return {member["properties"]["type"]["const"]: member for member in members}


def resolved(schema: Schema, node: Schema) -> Schema:
    """`node` with its $ref followed and `| None` dropped."""
    options = [option for option in node.get("anyOf", ()) if option.get("type") != "null"]
    if len(options) == 1:
        node = {**options[0], **{k: v for k, v in node.items() if k != "anyOf"}}
    if "$ref" in node:
        target = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def allowed(schema: Schema, node: Schema) -> str:
    """What `node` allows, in words."""
    node = resolved(schema, node)
    kind = node.get("type")
    if ALLOWED in node:
        return str(node[ALLOWED])
    if "enum" in node or "const" in node:
        return "one of " + ", ".join(map(str, node.get("enum", [node.get("const")])))
    if kind == "boolean":
        return "true or false"
    if kind in ("integer", "number"):
        what = "a whole number" if kind == "integer" else "a number"
        return f"{what} from {node['minimum']:g} to {node['maximum']:g}"
    if kind == "array":
        least = f" (at least {node['minItems']})" if node.get("minItems") else ""
        return f"a list of distinct items{least}, each {allowed(schema, node['items'])}"
    if kind == "object" and _values(node):
        keys = allowed(schema, node.get("propertyNames", {}))
        return f"an object: keys {keys}; values {allowed(schema, _values(node))}"
    if kind == "object" or "oneOf" in node:
        return "an object"
    return "a string"


def _values(node: Schema) -> Schema:
    """The schema of a dict's values ({} for a model's: `additionalProperties: false`)."""
    values = node.get("additionalProperties")
    return values if isinstance(values, dict) else {}


def shown(value: Any) -> str:
    """A value as it is written in JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else f"{text[:117]}..."
