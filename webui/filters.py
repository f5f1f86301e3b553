"""Jinja filters for German display of dates, prices, durations and enums.

Dates and times: `datum` (dd.mm.yyyy) and `datum_zeit` (dd.mm.yyyy hh:mm, Europe/Berlin) take
plain dates and the store's UTC time stamps alike; they are wbportal.german's, which mails and CSV
exports use too, so every page, mail and file shows the same text. `de_date` is the older name of
`datum`, kept so that templates using it keep working; `de_dates` is a run's date range."""
from __future__ import annotations

from markupsafe import Markup, escape

from normalize import category_label
from normalize.enums import CERTIFICATE_LABELS, FORMAT_LABELS, FUNDING_LABELS, MONTH_NAMES
from wbportal.german import datum, datum_zeit, offer_dates

# FORMAT_LABELS, FUNDING_LABELS, CERTIFICATE_LABELS and MONTHS (German month names) are the schema's,
# defined once in normalize/enums.py; the facet and band labels below follow index/fields.py.
FACET_LABELS = {"category": "Thema", "town": "Ort", "district": "Region", "format": "Lernform",
                "funding": "Förderung", "provider_facet": "Anbieter", "certificate": "Abschluss",
                "start_month": "Beginn", "duration_band": "Dauer", "price_band": "Preis"}
DURATION_BAND_LABELS = {"upto8h": "bis 1 Tag (8 Std.)", "8to24h": "bis 3 Tage", "24to80h": "bis 2 Wochen",
                        "over80h": "länger"}
PRICE_BAND_LABELS = {"free": "kostenfrei", "upto250": "bis 250 €", "250to1000": "250 bis 1.000 €",
                     "1000to3000": "1.000 bis 3.000 €", "over3000": "über 3.000 €"}
MONTHS = MONTH_NAMES


de_date = datum
de_dates = offer_dates


def de_price(value: float | None) -> str:
    if value is None:
        return "Preis auf Anfrage"
    if value == 0:
        return "kostenfrei"
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text.removesuffix(',00')} €"


def de_hours(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:g}".replace(".", ",")
    return f"{text} Stunden"


def facet_label(value: str, name: str) -> str:
    if name == "category":
        return category_label(value)
    if name == "format":
        return FORMAT_LABELS.get(value, value)
    if name == "funding":
        return FUNDING_LABELS.get(value, value)
    if name == "certificate":
        return CERTIFICATE_LABELS.get(value, value)
    if name == "duration_band":
        return DURATION_BAND_LABELS.get(value, value)
    if name == "price_band":
        return PRICE_BAND_LABELS.get(value, value)
    if name == "start_month" and len(value) == 6 and value.isdigit() and 1 <= int(value[4:]) <= 12:
        return f"{MONTHS[int(value[4:]) - 1]} {value[:4]}"
    return value


def de_km(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.0f} km" if value >= 10 else f"{value:.1f} km".replace(".", ",")


def safe_highlight(snippet: str) -> Markup:
    """Escape the scraped snippet entirely, then turn the index's match sentinels into <mark>."""
    from index.search import MARK_END, MARK_START

    text = str(escape(snippet or ""))
    return Markup(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def safe_url(url: str | None) -> str:
    """Only http(s) links from scraped data reach an href; anything else becomes inert."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else "#"


def register(app) -> None:
    app.jinja_env.filters.update(datum=datum, datum_zeit=datum_zeit,
                                 de_date=de_date, de_dates=de_dates, de_price=de_price, de_hours=de_hours, de_km=de_km,
                                 facet_label=facet_label, category_label=category_label,
                                 safe_highlight=safe_highlight, safe_url=safe_url)
    app.jinja_env.globals.update(FORMAT_LABELS=FORMAT_LABELS, FUNDING_LABELS=FUNDING_LABELS,
                                 FACET_LABELS=FACET_LABELS, CERTIFICATE_LABELS=CERTIFICATE_LABELS)
