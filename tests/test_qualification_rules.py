"""Due-date rules of the qualification matrix, as a table (tests/fixtures/qualifications/rules.yaml):
month arithmetic, valid-until dates, what a cell says, the reason of a renewal need, which
renewals are due and where knowledge may be lost. The expected values in the table were worked
out by hand from the rules."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from wbportal.qualifications.model import CellState, Holding, Person, Qualification
from wbportal.qualifications.rules import (add_months, cell, due_holdings, knowledge_risks, renewal_reason,
                                           valid_until)

TABLE = yaml.safe_load((Path(__file__).parent / "fixtures" / "qualifications" / "rules.yaml")
                       .read_text(encoding="utf-8"))
QUALIFICATIONS = {qid: Qualification(id=qid, **spec) for qid, spec in TABLE["qualifications"].items()}


def _people(spec: dict) -> list[Person]:
    return [Person(id=pid, company_id=1, **fields) for pid, fields in spec.items()]


def _holdings(rows: list) -> list[Holding]:
    return [Holding(id=n, staff_id=pid, qualification=qid, acquired=acquired, valid_until=entered)
            for n, (pid, qid, acquired, entered) in enumerate(rows, 1)]


@pytest.mark.parametrize("day, months, expected", TABLE["add_months"], ids=lambda v: str(v))
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize("qid, acquired, entered, expected", TABLE["valid_until"])
def test_valid_until(qid, acquired, entered, expected):
    assert valid_until(QUALIFICATIONS[qid], acquired, entered) == expected


@pytest.mark.parametrize("case", TABLE["cells"], ids=[c["name"] for c in TABLE["cells"]])
def test_cell(case):
    q = QUALIFICATIONS[case["q"]]
    spec = case["holding"]
    holding = None if spec is None else Holding(id=1, staff_id=1, qualification=q.id, **spec)
    got = cell(q, holding, case["required"], case["today"])
    assert (got.state, got.text, got.valid_until, got.days_left) == (
        CellState(case["state"]), case["text"], case["valid_until"], case["days_left"])


def test_cell_rejects_another_qualifications_holding():
    with pytest.raises(ValueError):
        cell(QUALIFICATIONS["ersthelfer"], Holding(1, 1, "stapler"), True, date(2026, 1, 1))


@pytest.mark.parametrize("qid, count, earliest, today, expected", TABLE["reasons"])
def test_renewal_reason(qid, count, earliest, today, expected):
    assert renewal_reason(QUALIFICATIONS[qid], count, earliest, today) == expected


def test_renewal_reason_needs_someone():
    with pytest.raises(ValueError):
        renewal_reason(QUALIFICATIONS["ersthelfer"], 0, date(2027, 4, 30))


def test_due_holdings():
    spec = TABLE["due"]
    due = due_holdings(QUALIFICATIONS, _people(spec["people"]), _holdings(spec["holdings"]), spec["today"])
    assert [{"q": d.qualification.id, "people": [p.name for p in d.people], "earliest": d.earliest,
             "reason": d.reason(spec["today"])} for d in due] == spec["expected"]


def test_due_holdings_accepts_a_list_of_qualifications():
    spec = TABLE["due"]
    as_list = due_holdings(list(QUALIFICATIONS.values()), _people(spec["people"]),
                           _holdings(spec["holdings"]), spec["today"])
    assert [d.qualification.id for d in as_list] == [e["q"] for e in spec["expected"]]


@pytest.mark.parametrize("case", TABLE["risks"]["cases"], ids=lambda c: f"years={c['years']}")
def test_knowledge_risks(case):
    spec = TABLE["risks"]
    risks = knowledge_risks(QUALIFICATIONS, _people(spec["people"]), _holdings(spec["holdings"]),
                            spec["today"], years=case["years"])
    assert [{"q": r.qualification.id, "holders": [p.name for p in r.holders], "single": r.single,
             "leaving": r.leaving, "leaving_by": r.leaving_by, "text": r.text} for r in risks] == case["expected"]
