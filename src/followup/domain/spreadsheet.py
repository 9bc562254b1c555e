"""A spreadsheet saved as CSV, read from its bytes: the encoding (UTF-8, with or without a byte
order mark, or UTF-16 with one), the delimiter (comma, semicolon, tab or bar) and every row,
within limits; anything else is one InvalidInput that says what is wrong with the file."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from followup.domain.errors import InvalidInput

DELIMITERS = (",", ";", "\t", "|")
"""What spreadsheets put between fields: a comma, a semicolon (where the comma is the decimal
sign, as in much of Europe), a tab or a bar. The first is taken when the header is ambiguous."""
MOST_ROWS = 20_000
"""Rows one file may hold: a job search of many years is a few thousand."""
MOST_COLUMNS = 200
"""Columns one file may hold; Huntr's export has about 25."""
LONGEST_CELL = 100_000
"""Characters one cell may hold (Huntr's job descriptions are long HTML)."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """The header and the rows of a CSV file, each row as long as the header."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]
    """The line of the file each row ends on, to name it in a message."""
    delimiter: str

    def column(self, name: str) -> int | None:
        """Where the column `name` is (any case, surrounding blanks ignored), or None."""
        wanted = name.strip().casefold()
        return next((n for n, c in enumerate(self.columns) if c.casefold() == wanted), None)


def _text(data: bytes, name: str) -> str:
    """The file's text: UTF-16 when it starts with that byte order mark, else UTF-8 (a UTF-8
    byte order mark, as Excel writes one, is dropped)."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InvalidInput(f"{name} is not a CSV file: it holds binary data")
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{name} is not UTF-8 text (byte {exc.start + 1} cannot be read); save it from "
            "your spreadsheet as \"CSV UTF-8\"") from None
    if "\x00" in text:
        raise InvalidInput(f"{name} is not a CSV file: it holds binary data")
    return text


def _delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most fields."""
    header = text.lstrip("\r\n").splitlines()[0]
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))


def read_sheet(data: bytes, name: str = "the file") -> Sheet:
    """The sheet in `data`: a header of distinct column names, then at most MOST_ROWS rows
    (blank ones are passed over); a row longer than the header, a quote left open, a cell of
    more than LONGEST_CELL characters or a file with no rows is an error."""
    text = _text(data, name)
    if not text.strip():
        raise InvalidInput(f"{name} is empty")
    if text.lstrip().startswith(("{", "[")):
        raise InvalidInput(f"{name} is JSON, not a CSV file (a Followup export is restored as "
                           "a backup, not imported from another tracker)")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    try:
        for fields in reader:
            if not any(f.strip() for f in fields):
                continue
            if any(len(f) > LONGEST_CELL for f in fields):
                raise InvalidInput(f"line {reader.line_num} of {name} has a cell of more than "
                                   f"{LONGEST_CELL:,} characters")
            if not columns:
                columns = _header(fields, name)
                continue
            if len(fields) > len(columns) and any(f.strip() for f in fields[len(columns):]):
                raise InvalidInput(
                    f"line {reader.line_num} of {name} has {len(fields)} fields, more than "
                    f"the {len(columns)} columns of its header")
            if len(rows) == MOST_ROWS:
                raise InvalidInput(f"{name} has more than {MOST_ROWS:,} rows; split it and "
                                   "import the parts one after the other")
            rows.append(tuple(fields[: len(columns)]) + ("",) * (len(columns) - len(fields)))
            lines.append(reader.line_num)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own, larger limit
            raise InvalidInput(f"line {reader.line_num} of {name} has a cell of more than "
                               f"{LONGEST_CELL:,} characters") from None
        raise InvalidInput(f"{name} is not a CSV file that can be read: line "
                           f"{reader.line_num}: {exc}") from None
    if not rows:
        raise InvalidInput(f"{name} has a header but no rows")
    return Sheet(columns, tuple(rows), tuple(lines), delimiter)


def _header(fields: list[str], name: str) -> tuple[str, ...]:
    """The column names, without surrounding blanks; two of one name are an error."""
    if len(fields) > MOST_COLUMNS:
        raise InvalidInput(f"{name} has {len(fields)} columns; at most {MOST_COLUMNS} are read")
    columns = tuple(f.strip() for f in fields)
    seen: set[str] = set()
    for column in columns:
        if column and column.casefold() in seen:
            raise InvalidInput(f"{name} has two columns named {column!r}; rename one")
        seen.add(column.casefold())
    return columns
