"""What text from a browser may hold: nothing that hides, reorders or breaks what an agent
sees (controls, bidi overrides, line separators, unpaired surrogates)."""

import unicodedata

# Embedding, override and isolate controls: they can make "Ada" display as anything.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_SEPARATORS = frozenset("\u2028\u2029")
# Message content is multi-line; names and attribute values are not.
MESSAGE_WHITESPACE = frozenset("\n\t")
# Letters, numbers, punctuation, symbols: what shows as ink (not marks, spaces or formats).
VISIBLE_CATEGORIES = frozenset("LNPS")


def forbidden_characters(text: str, *, keep: frozenset[str] = frozenset()) -> str | None:
    """The kind of the first character `text` may not hold (for an error message), or None."""
    for char in text:
        if char in keep:
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            return "control characters"
        if category == "Cs":
            return "unpaired surrogates"
        if char in BIDI_CONTROLS:
            return "bidirectional control characters"
        if char in LINE_SEPARATORS:
            return "line or paragraph separators"
    return None


def has_visible_character(text: str) -> bool:
    return any(unicodedata.category(char)[0] in VISIBLE_CATEGORIES for char in text)
