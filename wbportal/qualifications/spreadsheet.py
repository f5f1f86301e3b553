"""The qualification matrix as a spreadsheet: read a Kümmerer's CSV export into a preview, write the
matrix as CSV. Pure: no database, no web; nothing is saved here. The web layer shows the preview
(`ImportPreview`) and saves its rows when the user confirms.

What is read (German Excel dialect, as "Speichern unter -> CSV (Trennzeichen-getrennt)" writes it):

- Encoding: UTF-8 with or without BOM; UTF-16 with BOM (Excel's "Unicode-Text"); otherwise
  Windows-1252 (the superset of ISO-8859-1 that Excel on Windows writes; plain ISO-8859-1 files read
  the same), or ISO-8859-1 itself if a byte is undefined in Windows-1252. The codec used is
  `ImportPreview.encoding` ("utf-8-sig", "utf-8", "utf-16", "cp1252" or "latin-1").
- Separator: semicolon (German Excel), tab or comma: the first one under which a header row is
  recognised, in that order of preference.
- Header row: the first row among the first `HEADER_SEARCH_ROWS` non-empty rows that has a name
  column (title rows such as "Qualifikationsmatrix Firma X" above it are skipped). Header names
  are matched case-insensitively, with umlauts or their ae/oe/ue spelling, against the German
  variants in `COLUMNS`; a column "Vorname" plus "Nachname" makes the name "Vorname Nachname".
- Layout "long": a qualification column exists (and holds names, not mostly dates or ticks: a
  wide sheet may have a qualification called "Unterweisung"); one row per person and qualification
  (Name;Tätigkeit;Qualifikation;erworben am;gültig bis). A row with a name and no qualification
  adds the person only.
- Layout "wide": no qualification column; one row per person and one column per qualification
  (header = qualification label or id). A cell holds the date the qualification was *acquired*
  (decision: it is the date on the certificate, and valid-until follows from the qualification's
  validity; a firm that wants another valid-until date enters it in the long layout or in the
  matrix). "x", "ja" or a tick means held, date unknown; empty, "-" or "nein" means not held.
  Columns that are obviously not qualifications ("Bemerkung", "Personalnummer", ...) are ignored
  and listed in `ImportPreview.ignored_columns`.
- Dates: TT.MM.JJJJ (also T.M.JJJJ), JJJJ-MM-TT, an Excel time part " 00:00" is ignored. Two-digit
  years (TT.MM.JJ) are accepted with the POSIX/strptime pivot: 00-68 -> 2000-2068, 69-99 ->
  1969-1999 (a matrix holds certificates from the last decades and expiry dates a few years ahead).
  Dates before 1950 or after 2100 are refused as typing errors.
- Qualifications: by id or German label (case, space, hyphen and umlaut spelling insensitive; a
  label's part in parentheses may be left out), a few aliases ("Erste Hilfe" -> Ersthelfer,
  "Staplerschein" -> Stapler, "Unterweisung" -> Sicherheitsunterweisung), then by label words when
  exactly one qualification contains them all ("Ersthelfer" finds "Betrieblicher Ersthelfer",
  "Stapler" finds "Gabelstaplerfahrer"). When a cell without the word "Unterweisung" matches a
  licence and its yearly instruction ("Staplerfahrer-Ausbildung", "Staplerfahrer: jährliche
  Unterweisung"), it means the licence. Anything still matching several is an error ("mehrdeutig"),
  never a guess. An unknown qualification is an error row and is listed in
  `ImportPreview.unknown_qualifications`, so the UI can offer to create it as the company's own
  qualification and read the file again with it.
- Cells: whitespace stripped; text starting with = + - @ is kept as text (it is data; escaping
  happens when a CSV is written, see wbportal.csvsafe); an apostrophe in front of such a character
  is our own escape and is removed, so an exported file reads back to the same data. Names, jobs and
  qualification cells longer than MAX_CELL characters are an error row.

Errors: every row that cannot be read is a `RowError` with its line in the file (the physical
line the row starts on, 1-based) and a German reason starting "Zeile N: ". A file that cannot be
read at all (empty, only a header, binary, an .xlsx workbook, no header recognised) gives exactly one
error with line 0 and no rows.
"""
from __future__ import annotations

import calendar
import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from wbportal.csvsafe import excel_csv, unescape_cell

from .model import Holding, Person, Qualification

MAX_CELL = 120              # names and jobs are stored in 120 characters (staff table)
MAX_BYTES = 2_000_000       # a matrix of a small firm is a few kilobytes
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10     # title rows a sheet may have above its header
RAW_CELL_CHARS = 40         # raw cells in an error are shortened to this
RAW_CELLS = 12              # ... and at most this many are kept
DELIMITERS = (";", "\t", ",")
DATE_HINT = "erwartet TT.MM.JJJJ"

# field -> German header variants (normalised with _key: lower case, ae/oe/ue/ss, single spaces).
# A header matches a variant exactly or starts with it followed by a space ("erworben am").
# Checked in this order, so date columns win over "schulung" ("Schulung am" is a date).
COLUMNS: dict[str, tuple[str, ...]] = {
    "valid_until": ("gueltig bis", "gueltigkeit bis", "gueltigkeit", "ablauf", "ablaufdatum", "laeuft ab",
                    "faellig", "faellig am", "naechste schulung", "naechster termin", "wiederholung",
                    "wiederholung bis", "befristet bis", "valid until", "expires"),
    "acquired": ("erworben", "erworben am", "datum", "schulungsdatum", "schulung am", "abgelegt am",
                 "absolviert", "absolviert am", "bestanden am", "ausgestellt am", "teilnahme am",
                 "letzte schulung", "letzte unterweisung", "zuletzt", "acquired"),
    "first_name": ("vorname",),
    "last_name": ("nachname", "familienname"),
    "name": ("name", "mitarbeiter", "mitarbeiterin", "mitarbeiter in", "mitarbeitende", "beschaeftigte",
             "beschaeftigter", "person", "vor und nachname", "name vorname", "vorname name", "employee"),
    "job": ("taetigkeit", "funktion", "beruf", "job", "stelle", "position", "rolle", "arbeitsplatz",
            "berufsbezeichnung"),
    "qualification": ("qualifikation", "qualifikationen", "schulung", "schulungen", "unterweisung",
                      "nachweis", "qualifizierung", "lehrgang", "kurs", "weiterbildung", "befaehigung",
                      "qualification"),
}
# wide layout: columns that are not qualifications
IGNORED_COLUMNS = ("nr", "lfd nr", "laufende nummer", "personalnummer", "personalnr", "pers nr", "id",
                   "abteilung", "bereich", "bemerkung", "bemerkungen", "notiz", "notizen", "hinweis",
                   "kommentar", "eintritt", "eintrittsdatum", "geburtsdatum", "standort", "team")
# alias (normalised) -> words that the label must contain
ALIASES = {
    "erste hilfe": "ersthelfer", "ersthelferin": "ersthelfer", "ersthelfer in": "ersthelfer",
    "eh": "ersthelfer", "erste hilfe kurs": "ersthelfer",
    "staplerschein": "stapler", "gabelstaplerschein": "stapler", "flurfoerderzeuge": "stapler",
    "brandschutz": "brandschutzhelfer", "bsh": "brandschutzhelfer",
    "schweisserpruefung": "schweiss", "schweisserschein": "schweiss",
    "eup": "elektrotechnisch unterwiesen", "elektrisch unterwiesene person": "elektrotechnisch unterwiesen",
    "unterweisung": "sicherheitsunterweisung", "allgemeine unterweisung": "sicherheitsunterweisung",
    "jaehrliche unterweisung": "sicherheitsunterweisung", "arbeitsschutzunterweisung": "sicherheitsunterweisung",
    "arbeitsschutz unterweisung": "sicherheitsunterweisung", "sicherheitsbelehrung": "sicherheitsunterweisung",
}
STOPWORDS = {"der", "die", "das", "und", "fuer", "nach", "mit", "von", "am", "bis", "gueltig", "schein"}
HELD_MARKS = {"x", "ja", "j", "yes", "vorhanden", "\u2713", "\u2714", "\u2612", "ok"}
NOT_HELD_MARKS = {"", "-", "\u2013", "\u2014", "nein", "n", "no", "0"}

_DATE_DE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")


@dataclass(frozen=True)
class ImportRow:
    """One held qualification read from the file."""
    line: int
    name: str
    job: str
    qualification: str              # an id of the qualifications passed in
    acquired: date | None = None
    valid_until: date | None = None  # None: not entered (computed from the validity when saved)

    def holding(self, staff_id: int) -> Holding:
        return Holding(id=None, staff_id=staff_id, qualification=self.qualification,
                       acquired=self.acquired, valid_until=self.valid_until)


@dataclass(frozen=True)
class ImportPerson:
    """A distinct person of the file (names compared case- and space-insensitively; the first
    spelling wins), with the job given in any of their rows."""
    name: str
    job: str
    line: int                        # first line naming them

    def person(self, company_id: int) -> Person:
        return Person(id=None, company_id=company_id, name=self.name, job=self.job)


@dataclass(frozen=True)
class RowError:
    """A row (or, with line 0, the file) that could not be read."""
    line: int                        # 0: the file as a whole
    cells: tuple[str, ...]           # the raw cells, shortened
    reason: str                      # German, "Zeile 7: ..."


@dataclass(frozen=True)
class UnknownQualification:
    text: str                        # as written in the file (first spelling)
    lines: tuple[int, ...]           # where it occurs (for the wide layout: the header line)


@dataclass
class ImportPreview:
    encoding: str = ""               # Python codec used; "" if the file could not be decoded
    layout: str = ""                 # "long" or "wide"; "" if no header was recognised
    delimiter: str = ""
    header_line: int = 0
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    people: list[ImportPerson] = field(default_factory=list)
    unknown_qualifications: list[UnknownQualification] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def file_error(self) -> str | None:
        """The reason when the file as a whole could not be read."""
        return next((e.reason for e in self.errors if e.line == 0), None)


class CellError(ValueError):
    """A cell that cannot be read; the message is German, without the line."""


class UnknownQualificationError(CellError):
    """No qualification has this id, label or words (ambiguous ones are a plain CellError)."""


class _FileProblem(Exception):
    pass


# -- reading --------------------------------------------------------------------------------------

def read_matrix_csv(data: bytes, qualifications: dict[str, Qualification]) -> ImportPreview:
    """Read a qualification matrix exported from a spreadsheet (see the module docstring)."""
    preview = ImportPreview()
    try:
        text, preview.encoding = _decode(data)
        table, preview.delimiter, header_index = _table(text)
        _Reader(preview, qualifications).read(table, header_index)
    except _FileProblem as problem:
        preview.rows, preview.people, preview.unknown_qualifications = [], [], []
        preview.errors = [RowError(0, (), str(problem))]
    return preview


def _decode(data: bytes) -> tuple[str, str]:
    if len(data) > MAX_BYTES:
        raise _FileProblem(f"Die Datei ist zu groß ({len(data) // 1000} kB, höchstens {MAX_BYTES // 1000} kB).")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _FileProblem("Das ist eine Excel-Arbeitsmappe, keine CSV-Datei. Bitte in Excel "
                           "„Speichern unter“ → „CSV (Trennzeichen-getrennt)“ wählen und diese Datei hochladen.")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise _FileProblem("Die Datei ist keine CSV-Tabelle (sie enthält Binärdaten).")
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise _FileProblem("Die Datei ist keine lesbare Textdatei (Zeichenkodierung fehlerhaft).") from None
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise _FileProblem("Die Datei ist keine CSV-Tabelle (sie enthält Binärdaten).")
    if not text.strip(" \t\r\n;,"):
        raise _FileProblem("Die Datei ist leer.")
    return text, encoding


def _parse(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(line the row starts on, cells) for every row; blank rows are kept (as empty cell lists)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return rows
            rows.append((start, cells))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _FileProblem(f"Die Datei hat mehr als {MAX_ROWS} Zeilen.")
    except csv.Error as exc:
        raise _FileProblem(f"Die Datei ist keine lesbare CSV-Tabelle (Zeile {reader.line_num}).") from exc


def _table(text: str) -> tuple[list[tuple[int, list[str]]], str, int]:
    for delimiter in DELIMITERS:
        table = _parse(text, delimiter)
        index = _header_index(table)
        if index is not None:
            return table, delimiter, index
    raise _FileProblem("Keine Kopfzeile erkannt: erwartet wird eine Spalte „Name“ (oder „Mitarbeiter“) und "
                       "entweder eine Spalte „Qualifikation“ (eine Zeile je Person und Qualifikation) oder "
                       "je Qualifikation eine Spalte (eine Zeile je Person), getrennt durch Semikolon.")


def _header_index(table: list[tuple[int, list[str]]]) -> int | None:
    seen = 0
    for index, (_, cells) in enumerate(table):
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        columns = _columns(cells)
        if ("name" in columns or {"first_name", "last_name"} <= columns.keys()) and len(filled) >= 2:
            return index
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            return None
    return None


def _key(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss, any run of non-letters/digits as one space."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return re.sub(r"[\W_]+", " ", text).strip()


def _column_field(header: str) -> str | None:
    key = _key(header)
    if not key:
        return None
    for name, variants in COLUMNS.items():
        if any(key == v or key.startswith(v + " ") for v in variants):
            return name
        if name == "valid_until" and key.endswith((" am", " vom")):  # "Unterweisung am", "Kurs vom"
            return "acquired"
    return None


def _columns(cells: list[str]) -> dict[str, int]:
    """field -> first column index with that field."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = _column_field(cell)
        if name and name not in found:
            found[name] = i
    return found


def _clean(cell: str) -> str:
    return unescape_cell(" ".join(cell.split()))


def _raw(cells: list[str]) -> tuple[str, ...]:
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return tuple(c if len(c) <= RAW_CELL_CHARS else c[:RAW_CELL_CHARS - 1] + "…" for c in cells[:RAW_CELLS])


def _quote(text: str) -> str:
    return f"„{text if len(text) <= RAW_CELL_CHARS else text[:RAW_CELL_CHARS - 1] + '…'}“"


def _checked(value: str, label: str, problems: list[str]) -> str | None:
    if len(value) > MAX_CELL:
        problems.append(f"{label} ist zu lang ({len(value)} Zeichen, höchstens {MAX_CELL})")
        return None
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        problems.append(f"{label} enthält Steuerzeichen")
        return None
    return value


def parse_date(text: str) -> date | None:
    """A date cell as described in the module docstring; "" is None; raises CellError."""
    text = text.strip()
    if not text:
        return None
    if m := _DATE_DE.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            year += 2000 if year < 69 else 1900
    elif m := _DATE_ISO.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        raise CellError(f"Datum {_quote(text)} ist nicht lesbar ({DATE_HINT})")
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        raise CellError(f"Datum {_quote(text)} gibt es nicht ({DATE_HINT})")
    if not 1950 <= year <= 2100:
        raise CellError(f"Datum {_quote(text)} ist unplausibel (Jahr {year})")
    return date(year, month, day)


def _holds_dates(body: list[tuple[int, list[str]]], index: int) -> bool:
    """Whether a column mostly holds dates or ticks: then a header like "Unterweisung" is a
    qualification of the wide layout, not the long layout's qualification column."""
    values = [_clean(cells[index]).casefold() for _, cells in body if index < len(cells) and cells[index].strip()]
    dates = sum(1 for v in values if v in HELD_MARKS or _DATE_DE.fullmatch(v) or _DATE_ISO.fullmatch(v))
    return bool(values) and dates * 2 >= len(values)


class _Matcher:
    """Finds a qualification id for a cell or header text."""

    def __init__(self, qualifications: dict[str, Qualification]):
        self.exact: dict[str, set[str]] = {}
        self.words: dict[str, str] = {}  # id -> label and id keys without spaces
        for qid, q in qualifications.items():
            # "Sicherheitsunterweisung (allgemein)" is also found as "Sicherheitsunterweisung"
            for text in (qid, q.label, re.sub(r"\([^)]*\)", " ", q.label)):
                for key in (_key(text), _key(text).replace(" ", "")):
                    self.exact.setdefault(key, set()).add(qid)
            self.words[qid] = (_key(q.label) + _key(qid)).replace(" ", "")
        self.labels = {qid: q.label for qid, q in qualifications.items()}

    def find(self, text: str) -> str:
        """The id; raises CellError (unknown or ambiguous)."""
        key = _key(text)
        for candidate in (key, key.replace(" ", ""), ALIASES.get(key)):
            if candidate and len(ids := self.exact.get(candidate, set())) == 1:
                return next(iter(ids))
        words = [w for w in ALIASES.get(key, key).split() if len(w) >= 4 and w not in STOPWORDS]
        if words:
            ids = {qid for qid, joined in self.words.items() if all(w in joined for w in words)}
            if len(ids) > 1 and "unterweis" not in key:
                # "Stapler" matches the licence and its yearly instruction: without the word
                # "Unterweisung" in the cell it means the licence
                licences = {i for i in ids if "unterweis" not in self.words[i]}
                ids = licences if len(licences) == 1 else ids
            if len(ids) == 1:
                return next(iter(ids))
            if len(ids) > 1:
                names = ", ".join(sorted(_quote(self.labels[i]) for i in ids))
                raise CellError(f"Qualifikation {_quote(text)} ist mehrdeutig (passt zu {names})")
        raise UnknownQualificationError(f"Qualifikation {_quote(text)} ist unbekannt")


class _Reader:
    def __init__(self, preview: ImportPreview, qualifications: dict[str, Qualification]):
        self.preview = preview
        self.matcher = _Matcher(qualifications)
        self.people: dict[str, ImportPerson] = {}       # name key -> person
        self.held: dict[tuple[str, str], int] = {}       # (name key, qualification) -> line
        self.unknown: dict[str, UnknownQualification] = {}

    # helpers --------------------------------------------------------------------------------
    def error(self, line: int, cells: list[str], reasons: Iterable[str]) -> None:
        self.preview.errors.append(RowError(line, _raw(cells), f"Zeile {line}: " + "; ".join(reasons)))

    def note_unknown(self, text: str, line: int) -> None:
        key = _key(text)
        old = self.unknown.get(key)
        self.unknown[key] = UnknownQualification(old.text if old else text, (*(old.lines if old else ()), line))

    @staticmethod
    def text_cell(cells: list[str], index: int | None, label: str, problems: list[str]) -> str | None:
        """The cleaned cell ("" if absent); None (and a problem) if it is too long or has control
        characters."""
        value = _clean(cells[index]) if index is not None and index < len(cells) else ""
        return _checked(value, label, problems)

    def name_and_job(self, cells: list[str], columns: dict[str, int], problems: list[str]) -> tuple[str, str]:
        """Name and job of a row; "" with a problem when unusable."""
        if "name" in columns:
            name = self.text_cell(cells, columns["name"], "Name", problems)
        else:
            first = self.text_cell(cells, columns.get("first_name"), "Vorname", problems)
            last = self.text_cell(cells, columns.get("last_name"), "Nachname", problems)
            name = None if first is None or last is None else _checked(f"{first} {last}".strip(), "Name", problems)
        if name == "":
            problems.insert(0, "Name fehlt")
        job = self.text_cell(cells, columns.get("job"), "Tätigkeit", problems)
        return name or "", job or ""

    def person(self, name: str, job: str, line: int, problems: list[str]) -> ImportPerson | None:
        """The person of a row: the one met before under the same name key, else a new one (kept
        only by `register` once the row is good); a job that differs from an earlier row's is a
        problem."""
        key = _key(name) or name
        known = self.people.get(key)
        if known is None:
            return ImportPerson(name, job, line)
        if job and known.job and _key(job) != _key(known.job):
            problems.append(f"{_quote(known.name)} hat in Zeile {known.line} die Tätigkeit "
                            f"{_quote(known.job)}, hier {_quote(job)}")
        return known

    def register(self, person: ImportPerson, job: str) -> ImportPerson:
        key = _key(person.name) or person.name
        known = self.people.get(key)
        if known is None:
            self.people[key] = person
            return person
        if job and not known.job:
            known = ImportPerson(known.name, job, known.line)
            self.people[key] = known
        return known

    # layouts --------------------------------------------------------------------------------
    def read(self, table: list[tuple[int, list[str]]], header_index: int) -> None:
        header_line, header = table[header_index]
        self.preview.header_line = header_line
        body = [(line, cells) for line, cells in table[header_index + 1:] if any(c.strip() for c in cells)]
        if not body:
            raise _FileProblem("Die Datei enthält nur die Kopfzeile, keine Einträge.")
        columns = _columns(header)
        if "qualification" in columns and not _holds_dates(body, columns["qualification"]):
            self.preview.layout = "long"
            used = set(columns.values())
            self.preview.ignored_columns = [h.strip() for i, h in enumerate(header) if i not in used and h.strip()]
            for line, cells in body:
                self.long_row(line, cells, columns)
        else:
            self.preview.layout = "wide"
            self.wide(header_line, header, columns, body)
        self.preview.people = list(self.people.values())
        jobs = {p.name: p.job for p in self.preview.people}  # a later row may have given the job
        self.preview.rows = [replace(r, job=jobs[r.name]) for r in self.preview.rows]
        self.preview.unknown_qualifications = list(self.unknown.values())

    def long_row(self, line: int, cells: list[str], columns: dict[str, int]) -> None:
        problems: list[str] = []
        name, job = self.name_and_job(cells, columns, problems)
        text = self.text_cell(cells, columns["qualification"], "Qualifikation", problems) or ""
        dates: dict[str, date | None] = {}
        for which in ("acquired", "valid_until"):
            index = columns.get(which)
            try:
                dates[which] = parse_date(cells[index]) if index is not None and index < len(cells) else None
            except CellError as problem:
                problems.append(str(problem))
        qid = None
        if text:
            try:
                qid = self.matcher.find(text)
            except CellError as problem:
                problems.append(str(problem))
                if isinstance(problem, UnknownQualificationError):
                    self.note_unknown(text, line)
        elif any(dates.values()) and not any(p.startswith("Qualifikation") for p in problems):
            problems.append("Qualifikation fehlt")
        if dates.get("acquired") and dates.get("valid_until") and dates["valid_until"] < dates["acquired"]:
            problems.append("„gültig bis“ liegt vor „erworben am“")
        person = self.person(name, job, line, problems) if name else None
        if person and qid and (earlier := self.held.get((_key(person.name), qid))):
            problems.append(f"{_quote(person.name)} hat {_quote(text)} schon in Zeile {earlier}")
        if problems:
            self.error(line, cells, problems)
            return
        person = self.register(person, job)
        if qid:
            self.held[(_key(person.name), qid)] = line
            self.preview.rows.append(ImportRow(line, person.name, person.job, qid,
                                               dates.get("acquired"), dates.get("valid_until")))

    def wide(self, header_line: int, header: list[str], columns: dict[str, int],
             body: list[tuple[int, list[str]]]) -> None:
        person_columns = {i for f, i in columns.items() if f in ("name", "first_name", "last_name", "job")}
        qualification_columns: dict[int, str] = {}   # column -> id
        unknown_columns: dict[int, str] = {}          # column -> reason
        for i, cell in enumerate(header):
            title = _clean(cell)
            if i in person_columns or not title:
                continue
            if _key(title) in IGNORED_COLUMNS or _column_field(title) in ("acquired", "valid_until"):
                self.preview.ignored_columns.append(title)
                continue
            try:
                qualification_columns[i] = self.matcher.find(title)
            except CellError as problem:
                unknown_columns[i] = str(problem)
                if isinstance(problem, UnknownQualificationError):
                    self.note_unknown(title, header_line)
        seen = {}
        for line, cells in body:
            problems: list[str] = []
            name, job = self.name_and_job(cells, columns, problems)
            person = self.person(name, job, line, problems) if name else None
            if person and (earlier := seen.get(_key(person.name))):
                problems.append(f"{_quote(person.name)} steht schon in Zeile {earlier}")
            if problems:
                self.error(line, cells, problems)
                continue
            seen[_key(person.name)] = line
            person = self.register(person, job)
            for i, reason in unknown_columns.items():
                if i < len(cells) and _key(cells[i]) not in NOT_HELD_MARKS:
                    self.error(line, cells, [reason])
            for i, qid in qualification_columns.items():
                value = _clean(cells[i]) if i < len(cells) else ""
                if value.casefold() in NOT_HELD_MARKS:
                    continue
                try:
                    acquired = None if value.casefold() in HELD_MARKS else parse_date(value)
                except CellError as problem:
                    self.error(line, cells, [f"Spalte {_quote(_clean(header[i]))}: {problem}"])
                    continue
                self.preview.rows.append(ImportRow(line, person.name, person.job, qid, acquired, None))


# -- writing --------------------------------------------------------------------------------------

EXPORT_HEADER = ("Name", "Tätigkeit", "Qualifikation", "erworben am", "gültig bis")


def write_matrix_csv(people: Iterable[Person], holdings: Iterable[Holding],
                     qualifications: dict[str, Qualification]) -> str:
    """The matrix in the long layout, in the portal's one CSV format for German Excel
    (wbportal.csvsafe.excel_csv: BOM, semicolons, TT.MM.JJJJ, German header, every cell
    spreadsheet-safe; encode the text as UTF-8). People in the given order, each with their
    holdings by label; a person without holdings gets one row without qualification. Holdings of
    people not given are left out. `read_matrix_csv` reads the result back to the same people and
    holdings."""
    by_person: dict[int | None, list[Holding]] = {}
    for h in holdings:
        by_person.setdefault(h.staff_id, []).append(h)
    rows: list[tuple] = []
    for person in people:
        held = sorted(by_person.get(person.id, []) if person.id is not None else [],
                      key=lambda h: _key(_label(h.qualification, qualifications)))
        if not held:
            rows.append((person.name, person.job, None, None, None))
        rows += [(person.name, person.job, _label(h.qualification, qualifications), h.acquired, h.valid_until)
                 for h in held]
    return excel_csv(EXPORT_HEADER, rows)


def _label(qid: str, qualifications: dict[str, Qualification]) -> str:
    q = qualifications.get(qid)
    return q.label if q else qid
