"""Read a CSV file as a person's spreadsheet saves it: the one CSV reader of the till.

UTF-8 (with or without a BOM) or, failing that, GB18030 (which covers GBK, as Excel on a
Chinese Windows saves it), unless the caller names the encoding; comma or tab separated
(whichever the header row uses); Excel-style quoting. Rows come with the line they start
on, so every bad row can be reported where a person finds it.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

MAX_FIELD = 64 * 1024 * 1024
"""The csv module refuses fields over 128 KiB by default, which would end the read at an
oversized field; callers report such a field as one bad row instead."""


class UnreadableCsv(ValueError):
    """The file as a whole cannot be read (encoding, no header); ``str()`` says why."""


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read in."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise UnreadableCsv(f"there is no encoding called {encoding!r}") from None
        try:
            return data.decode("utf-8-sig" if name == "utf-8" else name), name
        except UnicodeDecodeError as error:
            raise UnreadableCsv(
                f"the file is not {name} (byte {error.start} cannot be read)"
            ) from None
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as error:
        raise UnreadableCsv(
            f"the file is neither UTF-8 nor GB18030 (byte {error.start} cannot be read)"
        ) from None


def delimiter(text: str) -> str:
    """Tab when the header row holds tabs and no commas, else comma."""
    header = text.split("\n", 1)[0]
    return "\t" if "\t" in header and "," not in header else ","


def numbered_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on (the header is line 1), blank rows left out."""
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        raise UnreadableCsv(f"line {line}: {error}") from None
