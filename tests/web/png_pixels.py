"""A PNG's pixels (8-bit RGB or RGBA, not interlaced: what Chromium's screenshots are), so a
browser test can look at what was drawn without an imaging library."""

import struct
import zlib


def _paeth(left: int, up: int, up_left: int) -> int:
    estimate = left + up - up_left
    near = min((abs(estimate - left), 0), (abs(estimate - up), 1), (abs(estimate - up_left), 2))
    return (left, up, up_left)[near[1]]


def rgb_rows(png: bytes) -> list[list[tuple[int, int, int]]]:
    """The image's rows of (red, green, blue); alpha, if any, dropped."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, data, header = 8, b"", b""
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, body = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8, "8-bit channels only"
    assert colour in (2, 6), "RGB or RGBA only"
    assert interlace == 0, "not interlaced only"
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(data), width * step
    rows: list[list[tuple[int, int, int]]] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up, up_left = previous[x], previous[x - step] if x >= step else 0
            line[x] = (
                line[x] + (0, left, up, (left + up) // 2, _paeth(left, up, up_left))[kind]
            ) & 0xFF
        rows.append([(line[x], line[x + 1], line[x + 2]) for x in range(0, stride, step)])
        previous = line
    return rows
