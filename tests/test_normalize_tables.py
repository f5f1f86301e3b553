"""Table-driven tests of the normalize parsers on wording as providers write it on their sites.

The tables live in tests/fixtures/normalize/*.yaml (the only parser tables). A case names its input
and the fields it checks; a table's `defaults` give the fields a case does not name (what the text
does not say: not free, no rolling start, ...). Expected values are what a careful human reads,
not what the parser happens to return.
A case with `xfail: "<reason>"` is a known parser gap: it is marked xfail(strict=True), so once the
parser is fixed the case fails as XPASS until its mark is removed.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from normalize import (build_offer, classify, detect_certificate, detect_funding, parse_dates, parse_duration,
                       parse_format, parse_place, parse_price, taxonomy)

TABLES = Path(__file__).parent / "fixtures" / "normalize"


def _load(name: str) -> dict:
    return yaml.safe_load((TABLES / f"{name}.yaml").read_text(encoding="utf-8"))


def _cases(table: dict, key: str = "text") -> list:
    """One pytest param per case, id = the input text (a mapping's values joined by " | "); `xfail`
    cases get a strict xfail mark. The table's `defaults` fill in the fields a case does not give."""
    params = []
    for case in table["cases"]:
        case = {**table.get("defaults", {}), **case}
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        given = case[key]
        label = " | ".join(f"{k}={v}" for k, v in given.items()) if isinstance(given, dict) else str(given)
        params.append(pytest.param(case, marks=marks, id=label or "empty"))
    return params


def _compare(got: dict, case: dict, inputs: tuple[str, ...] = ("text",)) -> None:
    """Compare the fields the case gives (an unknown field name is a typo in the table)."""
    fields = [k for k in case if k not in (*inputs, "xfail")]
    unknown = [k for k in fields if k not in got]
    assert not unknown, f"unknown field(s) in table: {unknown}"
    assert {k: got[k] for k in fields} == {k: case[k] for k in fields}


def _hhmm(value) -> str | None:
    return value.strftime("%H:%M") if value else None


DATES = _load("dates")


@pytest.mark.parametrize("case", _cases(DATES))
def test_dates(case):
    got = parse_dates(case["text"], reference=DATES["reference"])
    _compare({"start": got.start, "end": got.end, "sessions": got.sessions, "rolling": got.rolling_start,
              "on_request": got.on_request, "start_time": _hhmm(got.start_time), "end_time": _hhmm(got.end_time),
              "weekdays": got.weekdays, "session_count": got.session_count, "days": got.days}, case)


OFFER_DURATIONS = _load("offer_durations")


@pytest.mark.parametrize("case", _cases(OFFER_DURATIONS, key="raw"))
def test_offer_durations(case):
    """Hours and sessions of a whole raw item: where the parsers' results meet (build_offer)."""
    raw = {"source": "t", "provider": "Anbieter", "url": "https://t.example/kurs", "page_url": "https://t.example/kurs",
           "fetched_at": "2026-11-24T08:00:00+00:00", "title": "Kurs", **case["raw"]}
    got = build_offer(raw, reference=OFFER_DURATIONS["reference"])
    s = got.schedule
    _compare({"hours": got.duration_hours, "session_count": s.session_count if s else None,
              "start": got.start_date, "end": got.end_date,
              "times": f"{s.start_time}–{s.end_time}" if s and s.start_time and s.end_time else None,
              "dates": s.dates if s else []}, case, inputs=("raw",))


@pytest.mark.parametrize("case", _cases(_load("prices")))
def test_prices(case):
    got = parse_price(case["text"])
    _compare({"amount": got.amount, "free": got.free, "from_price": got.from_price, "net": got.net,
              "on_request": got.on_request, "reduced": got.reduced, "extra_fees": got.extra_fees,
              "instalments": list(got.instalments) if got.instalments else None}, case)


@pytest.mark.parametrize("case", _cases(_load("durations")))
def test_durations(case):
    got = parse_duration(case["text"])
    _compare({"hours": got.hours, "days": got.days, "weeks": got.weeks, "months": got.months,
              "time_model": got.time_model, "sessions": got.sessions}, case)


@pytest.mark.parametrize("case", _cases(_load("places")))
def test_places(case):
    got = parse_place(case["text"])
    _compare({"name": got.name, "street": got.street, "postal_code": got.postal_code, "town": got.town,
              "online": got.online, "inhouse": got.inhouse}, case)


@pytest.mark.parametrize("case", _cases(_load("formats")))
def test_formats(case):
    _compare({"expected": parse_format(case["text"])}, case)


@pytest.mark.parametrize("case", _cases(_load("funding")))
def test_funding(case):
    _compare({"expected": detect_funding(case["text"])}, case)


@pytest.mark.parametrize("case", _cases(_load("certificates")))
def test_certificates(case):
    _compare({"expected": detect_certificate(case["text"])}, case)


CATEGORIES = _load("categories")


@pytest.mark.parametrize("case", _cases(CATEGORIES, key="title"))
def test_categories(case):
    _compare({"expected": classify(case["title"], case.get("description", ""))}, case,
             inputs=("title", "description"))


def test_category_table_uses_existing_ids():
    ids = set(taxonomy())
    assert {c["expected"] for c in CATEGORIES["cases"]} <= ids
