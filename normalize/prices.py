"""German price texts: "1.450,00 €", "49,- €", "ab 290 €", "kostenfrei", "zzgl. Prüfungsgebühr 160 €"."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

def _amount(tag: str = "") -> str:
    return (rf"(?P<num{tag}>\d{{1,3}}(?:[.\s]\d{{3}})+(?!\d)|\d+)"
            rf"(?:,(?P<cents{tag}>\d{{1,2}}|-{{1,2}}|–)|\.(?P<dcents{tag}>\d{{2}})(?!\d)|\.-)?")


_AMOUNT = _amount()
_CUR = r"(?:€|EUR\b|Euro\b)"
_PRICE = re.compile(rf"(?:{_CUR}\s*{_amount('a')}|{_amount('b')}\s*{_CUR})", re.I)
_BARE = re.compile(rf"^\s*{_AMOUNT}\s*$")
_FREE = re.compile(r"kostenfrei|kostenlos|gebührenfrei|entgeltfrei|unentgeltlich|ohne Gebühr|gebühr\w*:?\s*entfällt|"
                   r"keine (?:Kurs)?gebühr|frei für|^\s*frei\s*$|\bgratis\b|Eintritt frei", re.I)
_ON_REQUEST = re.compile(r"auf Anfrage|nach Vereinbarung|nach Absprache|individuell|Angebot anfordern", re.I)
_EXTRA = re.compile(r"(?:zzgl\.?|zuzüglich|plus|\+)\s*(?:der\s+|einer\s+)?(?:\w+[- ])?"
                    r"(?:prüfung|gebühr|material|lehrmittel|skript|unterlagen|verpflegung)", re.I)
_NET = re.compile(r"(?:zzgl\.?|zuzüglich|\+|plus)\s*(?:\d+\s*%\s*)?(?:der\s+)?(?:gesetzl\.?\s*)?(?:MwSt|Mehrwertsteuer|USt)|"
                  r"netto", re.I)
_GROSS_MARK = re.compile(r"inkl\.?\s*(?:\d+\s*%\s*)?(?:MwSt|Mehrwertsteuer|USt)|brutto", re.I)
_REDUCED = re.compile(r"ermäßigt|ermässigt|Ermäßigung|\berm\.|reduziert|(?<!nicht)(?<!nicht-)mitglieder|Schüler|"
                      r"Studierende|Azubis|Auszubildende", re.I)
_REGULAR = re.compile(r"Nicht-?mitglieder|regulär|Normalpreis|Vollzahler", re.I)
_FEE_AFTER = re.compile(r"^\s*(?:für\s+)?(?:\w+[- ])?(?:lehrmittel|material|skript|unterlagen|prüfung|verpflegung|"
                        r"lernmittel|bücher)", re.I)
_FEE_BEFORE = re.compile(r"(?:prüfungsgebühr|prüfungsentgelt|lehrmittel|material|skript|verpflegung)\w*[^€\d]{0,40}$", re.I)
_INSTALMENT = re.compile(rf"(?P<n>\d+)\s*(?:monatliche[n]?\s+)?(?:Monats)?raten\s*(?:à|a|zu je|zu|je|von)\s*{_CUR}?\s*"
                         rf"(?P<rate>\d{{1,3}}(?:\.\d{{3}})*|\d+)(?:,(?P<rc>\d{{2}}|-))?", re.I)
_INSTALMENT_X = re.compile(rf"(?P<n>\d+)\s*(?:x|×)\s*{_CUR}?\s*(?P<rate>\d{{1,3}}(?:\.\d{{3}})*|\d+)(?:,(?P<rc>\d{{2}}|-))?",
                           re.I)
_FROM = re.compile(r"\bab\s*(?:€\s*)?\d", re.I)


@dataclass
class PriceParse:
    """What a price text says; `amount` is what one participant pays for the course itself."""

    amount: float | None = None
    free: bool = False
    from_price: bool = False
    net: bool = False
    on_request: bool = False
    reduced: float | None = None
    extra_fees: list[float] = field(default_factory=list)
    instalments: tuple[int, float] | None = None
    remarks: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _value(num: str, cents: str | None) -> float:
    whole = int(re.sub(r"[.\s]", "", num))
    frac = int(cents) / (10 ** len(cents)) if cents and cents.isdigit() else 0.0
    return round(whole + frac, 2)


def parse_price(text: str | int | float | None) -> PriceParse:
    """Parse a price; unknown wording gives amount None, never a guess."""
    result = PriceParse()
    if text is None:
        return result
    if isinstance(text, (int, float)):
        result.amount = float(text)
        result.free = result.amount == 0
        return result
    text = " ".join(str(text).replace("\xa0", " ").split())
    if not text:
        return result
    original = text
    lowered = text.lower()
    inst = _INSTALMENT.search(text) or (_INSTALMENT_X.search(text) if "rate" in lowered else None)
    if inst:
        rate = _value(inst["rate"], inst["rc"])
        result.instalments = (int(inst["n"]), rate)
        text = text[: inst.start()] + " " + text[inst.end():]
    result.net = bool(_NET.search(text)) and not _GROSS_MARK.search(text)
    result.from_price = bool(_FROM.search(text))
    main: list[float] = []
    main_spans: list[str] = []
    regular: float | None = None
    previous_end = 0
    for m in _PRICE.finditer(text):
        value = _value(m["numa"] or m["numb"], m["centsa"] or m["centsb"] or m["dcentsa"] or m["dcentsb"])
        before = text[previous_end: m.start()]
        after = text[m.end(): m.end() + 30]
        previous_end = m.end()
        if main and (_EXTRA.search(before) or _FEE_BEFORE.search(before) or _FEE_AFTER.search(after)
                     or re.search(r"(?:zzgl\.?|zuzüglich|plus|\+)\s*$", before, re.I)):
            result.extra_fees.append(value)
        elif _REGULAR.search(before):
            regular = value
        elif _REDUCED.search(before) or (main and re.match(r"^\s*\(?\s*ermäßigt|^\s*erm\.", after, re.I)):
            result.reduced = value
        else:
            main.append(value)
            main_spans.append(m[0])
    if regular is not None:
        main.insert(0, regular)
    if result.reduced is None and "mitglied" in lowered and re.search(r"(?<!nicht)mitglieder\w*\s*(?:kostenfrei|kostenlos|frei)\b|"
                                             r"(?:kostenfrei|kostenlos) für (?!nicht)mitglieder", text, re.I):
        result.reduced = 0.0
    if not main and not result.extra_fees:
        bare = _BARE.match(text)
        if bare:
            main.append(_value(bare["num"], bare["cents"] or bare["dcents"]))
    if main:
        result.amount = main[0]
    elif result.instalments:
        n, rate = result.instalments
        result.amount = round(n * rate, 2)
    result.remarks = price_remarks(original, main_spans[0] if main_spans and main and main[0] == result.amount else None)
    if result.amount is None and _FREE.search(text) and result.reduced != 0.0:
        result.amount, result.free = 0.0, True
    elif result.amount == 0:
        result.free = True
    if result.amount is None and _ON_REQUEST.search(text):
        result.on_request = True
    if result.amount is None and not result.on_request and result.reduced is None:
        result.warnings.append(f"no price found in {text[:80]!r}")
    return result


_REMARK_SPLIT = re.compile(r"[;()\[\]|]|,\s+|\s+[-–]\s+|\n")
# A label is a whole word: "Kosten: 90 €" loses "Kosten", "kostenlos" is not "Kosten" + "los".
_LABEL = re.compile(r"^(?:(?:Preis|Kosten|Entgelt|(?:Teilnahme|Kurs|Lehrgangs)?gebühr|Teilnahmeentgelt)(?![^\W\d_])\s*:?\s*)?"
                    r"(?:ab\b\s*)?", re.I)
_NOT_A_REMARK = re.compile(r"^(?:ab|je|nur|pro|preis|kosten|entgelt|gebühr|teilnahmegebühr|€|eur|euro)?$", re.I)


def price_remarks(text: str, amount_text: str | None) -> list[str]:
    """What a price text says besides the amount itself, in the provider's words and order:
    "4.850,00 € zzgl. IHK-Prüfungsgebühr, zahlbar in 10 Raten à 485,00 €" gives
    ["zzgl. IHK-Prüfungsgebühr", "zahlbar in 10 Raten à 485,00 €"]. A bare number has none."""
    if amount_text:
        text = text.replace(amount_text, " ", 1)
    remarks = []
    for part in _REMARK_SPLIT.split(text):
        part = _LABEL.sub("", " ".join(part.split())).strip(" .,:;-–")
        if _FREE.fullmatch(part) or _ON_REQUEST.fullmatch(part):
            continue  # the amount's own wording ("kostenfrei", "auf Anfrage") is no remark
        if part and re.search(r"[^\W\d_]{2}", part) and not _NOT_A_REMARK.match(part):
            if part.lower().startswith(("zzgl", "inkl", "erm", "mwst")) and not part.endswith("."):
                part += "." if re.search(r"\b(?:zzgl|inkl|erm|MwSt)$", part, re.I) else ""
            remarks.append(part)
    return remarks
