"""Turn ESC/POS bytes back into text: the simulator's preview and the tests' reader.

It understands the commands our renderer and python-escpos emit; anything else
raises ``ValueError`` in strict mode and is skipped otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

ESC, GS, FS, LF = 0x1B, 0x1D, 0x1C, 0x0A

# Command byte after ESC/GS -> number of parameter bytes that follow.
_ESC_ARGS = {
    0x40: 0,
    0x21: 1,
    0x45: 1,
    0x61: 1,
    0x64: 1,
    0x2D: 1,
    0x4D: 1,
    0x47: 1,
    0x74: 1,
    0x7B: 1,
    0x56: 1,
    0x33: 1,
    0x32: 0,
    0x70: 3,
    0x4A: 1,
    0x52: 1,
}
_GS_ARGS = {0x21: 1, 0x42: 1, 0x48: 1, 0x68: 1, 0x77: 1, 0x66: 1, 0x62: 1, 0x4C: 2, 0x57: 2}


@dataclass
class DecodedSlip:
    lines: list[str] = field(default_factory=list)
    cells: list[list[int]] = field(default_factory=list)
    """Columns each character of each line takes on paper, counted from the bytes as the
    printer does: one per byte outside Chinese mode; in it one per single-byte code and
    two per multi-byte code."""
    cuts: int = 0
    drawer_kicks: int = 0
    qr_codes: list[str] = field(default_factory=list)
    images: int = 0
    rasters: list[Raster] = field(default_factory=list)
    styles: list[LineStyle] = field(default_factory=list)
    """How each line was printed (alignment, bold, double height), for pictures."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def widths(self) -> list[int]:
        """Columns each line takes on paper."""
        return [sum(cells) for cells in self.cells]


@dataclass(frozen=True)
class LineStyle:
    centred: bool = False
    bold: bool = False
    tall: bool = False


@dataclass(frozen=True)
class Raster:
    """A ``GS v 0`` image printed before line ``before_line``: rows of ``width_bytes``
    bytes, eight dots a byte, the leftmost dot the highest bit."""

    before_line: int
    width_bytes: int
    height: int
    bits: bytes


def decode_escpos(data: bytes, *, strict: bool = False) -> DecodedSlip:
    slip = DecodedSlip()
    line = bytearray()
    chinese = False
    text_parts: list[str] = []
    cells: list[int] = []
    style = LineStyle()

    def flush_text() -> None:
        if line:
            text = line.decode("gb18030" if chinese else "cp437", errors="replace")
            text_parts.append(text)
            cells.extend((1 if c.isascii() else 2) if chinese else 1 for c in text)
            line.clear()

    def end_line() -> None:
        flush_text()
        slip.lines.append("".join(text_parts))
        slip.cells.append(list(cells))
        slip.styles.append(style)
        text_parts.clear()
        cells.clear()

    i = 0
    while i < len(data):
        byte = data[i]
        if byte == LF:
            end_line()
            i += 1
        elif byte == ESC and i + 1 < len(data):
            command = data[i + 1]
            if command == 0x64 and i + 2 < len(data):  # ESC d n: feed n lines
                flush_text()
            if i + 2 < len(data):
                style = _styled(style, command, data[i + 2])
            if command == 0x70:
                slip.drawer_kicks += 1
            i = _skip(data, i, _ESC_ARGS.get(command), strict, "ESC")
        elif byte == GS and i + 1 < len(data):
            command = data[i + 1]
            if command == 0x56:  # GS V m [n]: cut
                slip.cuts += 1
                i += 3 if data[i + 2] in (0, 1, 0x30, 0x31) else 4
            elif command == 0x76 and i + 7 < len(data):  # GS v 0 m xL xH yL yH raster
                width, height = data[i + 4] + 256 * data[i + 5], data[i + 6] + 256 * data[i + 7]
                slip.images += 1
                bits = bytes(data[i + 8 : i + 8 + width * height])
                slip.rasters.append(Raster(len(slip.lines), width, height, bits))
                i += 8 + width * height
            elif command == 0x28 and i + 4 < len(data):  # GS ( k pL pH payload
                size = data[i + 3] + 256 * data[i + 4]
                payload = data[i + 5 : i + 5 + size]
                if payload[:3] == b"1P0":
                    slip.qr_codes.append(payload[3:].decode("ascii", errors="replace"))
                i += 5 + size
            else:
                i = _skip(data, i, _GS_ARGS.get(command), strict, "GS")
        elif byte == FS and i + 1 < len(data) and data[i + 1] in (0x26, 0x2E):
            flush_text()
            chinese = data[i + 1] == 0x26
            i += 2
        elif byte < 0x20 and byte not in (0x09,):
            if strict:
                raise ValueError(f"unexpected control byte 0x{byte:02x} at {i}")
            i += 1
        else:
            line.append(byte)
            i += 1
    if line or text_parts:
        end_line()
    return slip


def _styled(style: LineStyle, command: int, value: int) -> LineStyle:
    if command == 0x61:  # ESC a n: alignment
        return replace(style, centred=value in (1, 0x31))
    if command == 0x45:  # ESC E n: bold
        return replace(style, bold=bool(value & 1))
    if command == 0x21:  # ESC ! n: print mode, 0x10 double height
        return replace(style, tall=bool(value & 0x10))
    return style


def _skip(data: bytes, i: int, args: int | None, strict: bool, prefix: str) -> int:
    if args is None:
        if strict:
            raise ValueError(f"unknown {prefix} command 0x{data[i + 1]:02x} at {i}")
        return i + 2
    return i + 2 + args
