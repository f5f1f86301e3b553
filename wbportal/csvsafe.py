"""CSV files for German Excel, and spreadsheet-safe cells (CSV/formula injection). Every CSV the
portal writes (offer exports, demand reports, the qualification matrix) goes through `excel_csv`.

The format (what German Excel opens by double-click without the import wizard):
- UTF-8 with a byte order mark (without it Excel reads umlauts as Windows-1252),
- semicolon between cells, CRLF between rows,
- numbers with decimal comma and integers without ".0" (22,5 / 60; with a decimal point Excel
  reads "22.5" as the 22nd of May), dates dd.mm.yyyy, time stamps dd.mm.yyyy hh:mm Berlin time
  (see wbportal.german),
- empty values as empty cells.
Header names and value labels are German; the caller passes them.

Formula injection: a text cell that starts with a character a spreadsheet reads as the start of a
formula (= + - @, or a tab or carriage return that some spreadsheets skip before such a character)
gets a leading apostrophe, so Excel and LibreOffice show it as text instead of evaluating it. Only
such cells: an empty or blank cell stays empty. Numbers and dates are formatted here and never
escaped (a negative number is a number). Data is stored as entered; the escaping happens here, at
output. Readers of our own CSV files undo it with `unescape_cell`.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

from .german import datum, datum_zeit, zahl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"   # the one Content-Type of every CSV response
BOM = "\ufeff"


def spreadsheet_cell(value):
    """A CSV cell: text starting with one of FORMULA_STARTS gets a leading apostrophe and stays text;
    None and blank text are empty; other values (numbers) are returned unchanged."""
    if value is None:
        return ""
    if isinstance(value, str):
        if not value.strip():
            return ""
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def unescape_cell(text: str) -> str:
    """The inverse of `spreadsheet_cell` for text read back from a CSV file: an apostrophe in front
    of a formula character is the escape, not part of the value."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def excel_cell(value) -> str:
    """One cell's text for German Excel: numbers with decimal comma, dates dd.mm.yyyy, time stamps
    dd.mm.yyyy hh:mm (Berlin), booleans ja/nein, text spreadsheet-safe, None empty."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float)):
        return zahl(value)
    if isinstance(value, datetime):
        return datum_zeit(value)
    if isinstance(value, date):
        return datum(value)
    return spreadsheet_cell(str(value))


def excel_csv_chunks(header: Sequence[str], rows: Iterable[Sequence], size: int = 64_000) -> Iterator[str]:
    """The file as text pieces of about `size` characters, BOM first, for streaming a large export
    row by row; joined they are `excel_csv`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    out.write(BOM)
    writer.writerow([excel_cell(h) for h in header])
    for row in rows:
        writer.writerow([excel_cell(v) for v in row])
        if out.tell() > size:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def excel_csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """The whole file as text, BOM first; encode it as UTF-8."""
    return "".join(excel_csv_chunks(header, rows))
