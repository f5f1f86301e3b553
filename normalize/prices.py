"""German price texts: "1.450,00 €", "49,- €", "ab 290 €", "kostenfrei", "zzgl. Prüfungsgebühr 160 €"."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

def _amount(tag: str = "") -> str:
    return (rf"(?P<num{tag}>\d{{1,3}}(?:[.\s]\d{{3}})+(?!\d)|\d+)"
            rf"(?:,(?P<cents{tag}>\d{{1,2}}|-{{1,2}}|–)|\.(?P<dcents{tag}>\d{{2}})(?!\d))?")


_AMOUNT = _amount()
_CUR = r"(?:€|EUR\b|Euro\b)"
_PRICE = re.compile(rf"(?:{_CUR}\s*{_amount('a')}|{_amount('b')}\s*{_CUR})", re.I)
_BARE = re.compile(rf"^\s*{_AMOUNT}\s*$")
_FREE = re.compile(r"kostenfrei|kostenlos|gebührenfrei|entgeltfrei|unentgeltlich|ohne Gebühr|"
                   r"keine (?:Kurs)?gebühr|frei für|^\s*frei\s*$|\bgratis\b|Eintritt frei", re.I)
_ON_REQUEST = re.compile(r"auf Anfrage|nach Vereinbarung|individuell|Angebot anfordern", re.I)
_EXTRA = re.compile(r"(?:zzgl\.?|zuzüglich|plus|\+)\s*(?:der\s+|einer\s+)?(?:\w+[- ])?"
                    r"(?:prüfung|gebühr|material|lehrmittel|skript|unterlagen|verpflegung)", re.I)
_NET = re.compile(r"zzgl\.?\s*(?:\d+\s*%\s*)?(?:der\s+)?(?:gesetzl\.?\s*)?(?:MwSt|Mehrwertsteuer|USt)|netto", re.I)
_GROSS_MARK = re.compile(r"inkl\.?\s*(?:\d+\s*%\s*)?(?:MwSt|Mehrwertsteuer|USt)|brutto", re.I)
_REDUCED = re.compile(r"ermäßigt|ermässigt|Ermäßigung|reduziert|Mitglieder", re.I)
_INSTALMENT = re.compile(rf"(?P<n>\d+)\s*(?:Monats)?raten\s*(?:à|a|zu|je|von)\s*{_CUR}?\s*"
                         rf"(?P<rate>\d{{1,3}}(?:\.\d{{3}})*|\d+)(?:,(?P<rc>\d{{2}}|-))?", re.I)
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
    inst = _INSTALMENT.search(text)
    if inst:
        rate = _value(inst["rate"], inst["rc"])
        result.instalments = (int(inst["n"]), rate)
        text = text[: inst.start()] + " " + text[inst.end():]
    result.net = bool(_NET.search(text)) and not _GROSS_MARK.search(text)
    result.from_price = bool(_FROM.search(text))
    main: list[float] = []
    for m in _PRICE.finditer(text):
        value = _value(m["numa"] or m["numb"], m["centsa"] or m["centsb"] or m["dcentsa"] or m["dcentsb"])
        before = text[max(0, m.start() - 40): m.start()]
        if _EXTRA.search(before) and main:
            result.extra_fees.append(value)
        elif _REDUCED.search(before) and main:
            result.reduced = value
        else:
            main.append(value)
    if not main and not result.extra_fees:
        bare = _BARE.match(text)
        if bare:
            main.append(_value(bare["num"], bare["cents"] or bare["dcents"]))
    if main:
        result.amount = main[0]
    elif result.instalments:
        n, rate = result.instalments
        result.amount = round(n * rate, 2)
    if result.amount is None and _FREE.search(text):
        result.amount, result.free = 0.0, True
    elif result.amount == 0:
        result.free = True
    if result.amount is None and _ON_REQUEST.search(text):
        result.on_request = True
    return result
