"""The shipped qualification catalogue (wbportal/data/qualifications.yaml): loading and validation.

Maintainers edit the file by hand; like sources.yaml, every error names the file, the line, the
entry and what was expected: `qualifications.yaml:12: qualification 'ersthelfer': validity: ...`.
Intervals are data: a firm may tighten them by entering a holding's valid-until date.
"""
from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from normalize import taxonomy

from ..yamlfile import ConfigError, LineMap, load_yaml
from .model import OWN_PREFIX, Qualification

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "qualifications.yaml"

MAX_MONTHS = 600  # 50 years: anything longer is a typo, "none" says "does not expire"
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")
_VALIDITY_EXPECTED = "expected 'yearly', 'none' or 'months: N' (N whole months, 1 to 600)"


class _Entry(BaseModel):
    """One catalogue entry as written in the file."""

    model_config = ConfigDict(extra="forbid")

    id: str
    label: str
    legal_basis: str = ""
    validity: object
    lead_days: object = 60
    search: str = ""
    category: str = ""

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value):
        if not isinstance(value, str) or not value or not set(value) <= _ID_CHARS \
                or not value[0].isalpha():
            raise ValueError(f"expected an ascii snake_case id (a-z, 0-9, _; starting with a letter), got {value!r}")
        if value.startswith(OWN_PREFIX):
            raise ValueError(f"catalogue ids must not start with '{OWN_PREFIX}' "
                             f"(reserved for a company's own qualifications), got {value!r}")
        return value

    @field_validator("label", mode="before")
    @classmethod
    def _label(cls, value):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"expected the German label as text, got {value!r}")
        return value.strip()

    @field_validator("legal_basis", "search", "category", mode="before")
    @classmethod
    def _text(cls, value):
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        return value.strip()

    @field_validator("validity", mode="before")
    @classmethod
    def _validity(cls, value):
        """-> months (int) or None for "does not expire"."""
        if value == "yearly":
            return 12
        if value == "none":
            return None
        if isinstance(value, dict) and set(value) == {"months"}:
            months = value["months"]
            if isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= MAX_MONTHS:
                return months
            raise ValueError(f"months: expected a whole number of months, 1 to {MAX_MONTHS}, got {months!r}")
        raise ValueError(f"{_VALIDITY_EXPECTED}, got {value!r}")

    @field_validator("lead_days", mode="before")
    @classmethod
    def _lead_days(cls, value):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise ValueError(f"expected a whole number of days, 0 or more, got {value!r}")

    @field_validator("category")
    @classmethod
    def _category(cls, value):
        known = taxonomy()
        if value and value not in known:
            close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of {', '.join(known)}"
            raise ValueError(f"unknown category {value!r} (ids from normalize/data/categories.yaml); {hint}")
        return value


_FIELDS = list(_Entry.model_fields)


def _explain(err: dict) -> str:
    field = ".".join(str(p) for p in err["loc"]) or "entry"
    if err["type"] == "missing":
        return f"{field}: required but missing"
    if err["type"] == "extra_forbidden":
        close = difflib.get_close_matches(str(err["loc"][-1]), _FIELDS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"expected one of {', '.join(_FIELDS)}"
        return f"unknown key '{field}'; {hint}"
    return f"{field}: {err['msg'].removeprefix('Value error, ')}"


def _entry(path: Path, lines: LineMap, index: int, spec) -> Qualification:
    where = ("qualifications", index)
    name = f"qualification '{spec['id']}'" if isinstance(spec, dict) and isinstance(spec.get("id"), str) \
        else f"qualification #{index + 1}"
    if not isinstance(spec, dict):
        raise ConfigError(path, lines.line_for(where), f"{name}: expected a mapping of id, label, validity, ...")
    try:
        entry = _Entry(**{str(k): v for k, v in spec.items()})
    except ValidationError as exc:
        # An unknown key first: a misspelt "lable" also makes "label" missing.
        err = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        loc = tuple(err["loc"])
        if loc == ("validity",) and isinstance(spec.get("validity"), dict) and "months" in spec["validity"]:
            loc += ("months",)
        raise ConfigError(path, lines.line_for(where + loc), f"{name}: {_explain(err)}") from None
    if entry.validity is not None and entry.lead_days >= entry.validity * 28:
        raise ConfigError(path, lines.line_for(where + ("lead_days",)),
                          f"{name}: lead_days: {entry.lead_days} days is not shorter than the validity "
                          f"({entry.validity} months); expected fewer than {entry.validity * 28} days")
    if not entry.search and not entry.category:
        raise ConfigError(path, lines.line_for(where),
                          f"{name}: needs 'search' (words that find offers) or 'category' (a taxonomy id), or both")
    return Qualification(id=entry.id, label=entry.label, legal_basis=entry.legal_basis,
                         validity_months=entry.validity, lead_days=entry.lead_days,
                         search=entry.search, category=entry.category)


def check_catalogue(path: str | Path | None = None) -> list[Qualification]:
    """Read and validate a catalogue file; the qualifications in the file's order.
    Raises ConfigError naming file, line, entry and the problem."""
    path = Path(path) if path is not None else DEFAULT_PATH
    data, lines = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("qualifications"), list):
        raise ConfigError(path, lines.line_for(("qualifications",)),
                          "expected a top-level key 'qualifications:' with a list of entries")
    extra = sorted(set(data) - {"qualifications"}, key=str)
    if extra:
        raise ConfigError(path, lines.line_for((extra[0],)),
                          f"unknown top-level key '{extra[0]}'; expected only 'qualifications'")
    if not data["qualifications"]:
        raise ConfigError(path, lines.line_for(("qualifications",)), "the list of qualifications is empty")
    found: dict[str, tuple[Qualification, int]] = {}
    for index, spec in enumerate(data["qualifications"]):
        q = _entry(path, lines, index, spec)
        line = lines.line_for(("qualifications", index, "id"))
        if q.id in found:
            raise ConfigError(path, line, f"qualification '{q.id}': duplicate id "
                                          f"(first defined on line {found[q.id][1]}); ids must be unique")
        found[q.id] = (q, line)
    return [q for q, _ in found.values()]


@lru_cache(maxsize=1)
def _default() -> tuple[Qualification, ...]:
    return tuple(check_catalogue(DEFAULT_PATH))


def load_catalogue(path: str | Path | None = None) -> dict[str, Qualification]:
    """Qualifications by id, in the file's order. Without a path: the shipped catalogue, read once."""
    qualifications = _default() if path is None else check_catalogue(path)
    return {q.id: q for q in qualifications}


def _validity_words(q: Qualification) -> str:
    if q.validity_months is None:
        return "no expiry"
    return ("yearly" if q.validity_months == 12 else f"every {q.validity_months} months") + \
        f", remind {q.lead_days} days ahead"


def cmd_qualifications_check(args) -> int:
    """`wbportal qualifications check [--file F]`: validate a catalogue file (args.file; None:
    the shipped one), print one line per entry. A bad file raises ConfigError (cli.main prints it)."""
    path = Path(args.file) if getattr(args, "file", None) else DEFAULT_PATH
    qualifications = check_catalogue(path)
    for q in qualifications:
        finds = ", ".join(part for part in (f"search '{q.search}'" if q.search else "",
                                            f"category {q.category}" if q.category else "") if part)
        print(f"{q.id}: {_validity_words(q)}; {finds} — {q.label} ({q.legal_basis or 'no legal basis given'})")
    print(f"{path}: {len(qualifications)} qualifications OK")
    return 0
