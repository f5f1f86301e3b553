"""Property-based tests: no input makes a parser raise; results stay within their types.

The default run tries a few hundred examples per parser; `make fuzz` (WBP_FUZZ_EXAMPLES=10000)
is the long target. Strategies mix free text with the pieces German course pages are made of,
so that the fuzzer reaches the interesting branches, not only random noise.
"""
from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import (classify, detect_certificate, detect_funding, parse_dates, parse_duration, parse_format,
                       parse_place, parse_price, taxonomy)

EXAMPLES = int(os.environ.get("WBP_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from([
    "12.01.2027", "15.06.", " - ", "–", "bis", "vom", "ab", "KW 12/2027", "KW 99/2027", "31.02.2027", "29.02.2027",
    "00.00.0000", "2027-13-45", "2027-03-04T09:00:00+01:00", "März", "Mai", "3.", "Mo.,", "dienstags", "8:00", "25:99",
    "Uhr", "10 Termine", "Termin auf Anfrage", "laufender Einstieg", "€", "EUR", "1.450,00", "49,-", "9.999.999,99",
    "kostenfrei", "zzgl. MwSt.", "zzgl. Prüfungsgebühr", "12 Raten à", "ermäßigt", "UE", "Std.", "x", "à", "Tage",
    "Wochen", "PT30H", "P", "Online", "Präsenz", "Blended", "Inhouse", "09456", "Annaberg", "Aue", "Straße 5",
    "(", ")", ",", "\n", "Raum 2", "Bildungsgutschein", "nicht", "kein", "AZAV", "QCG", "IHK-Prüfung", "DGUV",
    "Zertifikat", "Schweißen", "Stapler", "Excel", "&amp;", "<b>", "\u00ad", "ß", "ä", "0", "9" * 30,
])
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=12).map(" ".join),
                 st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=12).map("".join))
REFERENCE = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@FUZZ
@given(TEXT, REFERENCE)
def test_parse_dates_never_raises(text, reference):
    got = parse_dates(text, reference=reference)
    assert got.start is None or got.end is None or got.start <= got.end
    assert got.start is not None or not got.sessions


@FUZZ
@given(TEXT)
def test_parse_price_never_raises(text):
    got = parse_price(text)
    assert got.amount is None or got.amount >= 0
    assert not (got.free and got.amount)


@FUZZ
@given(TEXT)
def test_parse_duration_never_raises(text):
    got = parse_duration(text)
    assert got.hours is None or got.hours >= 0
    assert got.time_model in (None, "fulltime", "parttime")


@FUZZ
@given(TEXT)
def test_parse_place_and_format_never_raise(text):
    place = parse_place(text)
    assert place.postal_code is None or (len(place.postal_code) == 5 and place.postal_code.isdigit())
    assert (place.lat is None) == (place.lon is None)
    assert parse_format(text) in (None, "onsite", "online", "blended", "selfpaced")


@FUZZ
@given(TEXT, TEXT)
def test_classify_and_detectors_never_raise(title, description):
    assert classify(title, description) in taxonomy()
    assert set(detect_funding(description)) <= {"bildungsgutschein", "qcg", "aufstiegs_bafoeg", "weiterbildungsscheck"}
    assert detect_certificate(description) in (None, "ihk_exam", "hwk_exam", "state_exam", "dguv",
                                               "provider_certificate", "attendance")
