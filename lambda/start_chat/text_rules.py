"""What text from a browser (or a sign-in claim) may hold: nothing that hides, reorders or
breaks what an agent sees (controls, bidi overrides, line separators, unpaired surrogates,
Unicode tag characters), and how long it is as Connect counts (UTF-16 code units)."""

import unicodedata

# Embedding, override and isolate controls: they can make "Ada" display as anything.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_SEPARATORS = frozenset("\u2028\u2029")
# Message content is multi-line; names and attribute values are not.
MESSAGE_WHITESPACE = frozenset("\n\t")
# Letters, numbers, punctuation, symbols: what shows as ink (not marks, spaces or formats).
VISIBLE_CATEGORIES = frozenset("LNPS")
# Unicode's tag block: invisible copies of ASCII that language models read as text, a way
# to hide instructions from the agent inside a name or message (and never needed in chat).
TAGS = range(0xE0000, 0xE0080)
# Default_Ignorable_Code_Point (DerivedCoreProperties.txt): renders as nothing, whatever its
# category says (the Hangul fillers are letters, Lo). Plus the one blank that is a symbol.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
BLANK_SYMBOLS = frozenset("\u2800")  # BRAILLE PATTERN BLANK: a symbol (So) with no dots


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
        if ord(char) in TAGS:
            return "Unicode tag characters"
    return None


def renders_blank(char: str) -> bool:
    point = ord(char)
    return char in BLANK_SYMBOLS or any(low <= point <= high for low, high in DEFAULT_IGNORABLE)


def has_visible_character(text: str) -> bool:
    """Whether anything shows: a letter, number, punctuation or symbol that renders as ink."""
    return any(
        unicodedata.category(char)[0] in VISIBLE_CATEGORIES and not renders_blank(char)
        for char in text
    )


def utf16_length(text: str) -> int:
    """Length as Connect (and JavaScript) count it: characters beyond the BMP (most emoji)
    are two UTF-16 code units each."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
