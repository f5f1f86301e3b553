"""Spreadsheet-safe CSV cells (CSV/formula injection): a cell whose text starts with a character
that a spreadsheet reads as the start of a formula (= + - @, or a tab or carriage return that some
spreadsheets skip before such a character) gets a leading apostrophe, so Excel and LibreOffice show
it as text instead of evaluating it. Used for every CSV the portal writes: offer exports, demand
reports and the qualification matrix.

Data is stored as entered; the escaping happens here, at output. Readers of our own CSV files undo
it with `unescape_cell`.
"""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """A CSV cell: text starting with one of FORMULA_STARTS gets a leading apostrophe and stays text;
    None is empty; other values (numbers) are returned unchanged."""
    if value is None:
        return ""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def unescape_cell(text: str) -> str:
    """The inverse of `spreadsheet_cell` for text read back from a CSV file: an apostrophe in front
    of a formula character is the escape, not part of the value."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
