"""Text from the other side of a chat (the agent, a contact flow, the API), made safe to
print. A terminal obeys control characters (ESC sequences retitle the window, clear the
screen, move the cursor) and bidi controls reorder what is shown (U+202E before "txt.exe"
shows it as "exe.txt"). Each is replaced with a visible ASCII escape such as `\\u202e`,
not U+FFFD: the reader sees that something was there and what, and the replacement cannot
itself be interpreted. Letters of any script, Arabic and Hebrew included, pass unchanged:
their direction comes from the letters themselves, not from controls."""

import re

# ALM, LRM and RLM, the embeddings and overrides (RLO is U+202E), and the isolates.
BIDI_CONTROLS = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Lone surrogates: JSON can carry them, and printing one to a UTF-8 stream raises.
SURROGATES = r"\ud800-\udfff"
C1_AND_DEL = r"\x7f-\x9f"
_UNSAFE_IN_BODY = re.compile(rf"[\x00-\x08\x0b-\x1f{C1_AND_DEL}{BIDI_CONTROLS}{SURROGATES}]")
_UNSAFE_IN_LINE = re.compile(rf"[\x00-\x1f{C1_AND_DEL}{BIDI_CONTROLS}{SURROGATES}]")


def safe_text(text: str, *, one_line: bool = False) -> str:
    """`text` with C0/C1 controls, DEL, bidi controls and lone surrogates shown as `\\uXXXX`.
    A message body keeps its newlines and tabs; `one_line` (names, titles, choices, error
    lines) escapes those too."""
    unsafe = _UNSAFE_IN_LINE if one_line else _UNSAFE_IN_BODY
    return unsafe.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
