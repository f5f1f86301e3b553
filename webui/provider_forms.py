"""Forms of the provider area and of the office's provider management, with the German words
for the correctable fields and their values.

The rules are those of webui/forms.py (German messages at the field, 422 with the input kept,
German numbers through the normalizer's price parser, dd.mm.yyyy dates, places the gazetteer
knows) plus the schema's: a correction is stored only as record values the schema accepts, and a
hand-entered offer is normalized by `normalize.build_offer` before it is saved.
"""
from __future__ import annotations

import re
from datetime import date

from wtforms.validators import InputRequired, Optional, StopValidation, ValidationError

from normalize import enums, parse_price, taxonomy
from normalize.enums import CERTIFICATE_LABELS, FORMAT_LABELS, FUNDING_LABELS
from normalize.schema import Location
from wbportal.german import datum, offer_dates
from wbportal.providers.accounts import LABOUR_TYPES
from wbportal.roles import OrgKind

from .filters import de_hours, de_price
from .forms import (COMPANY_MAX, EMAIL_MAX, PLACE_MAX, Choice, Choices, CleanText, EmailAddress, GermanDateField,
                    GermanNumberField, KnownPlace, MaxLength, NotBefore, PortalForm, TrimmedArea, email_problem,
                    known_place, required)

TITLE_MAX, DESCRIPTION_MAX, WORDING_MAX, NAME_MAX, STREET_MAX, URL_MAX = 300, 8000, 300, 200, 200, 500

# -- the office's invitation ------------------------------------------------------------------------
# art -> (organisation kind, labour-market type)
KINDS = {"anbieter": (OrgKind.provider, ""), "agentur": (OrgKind.labour, LABOUR_TYPES[0]),
         "jobcenter": (OrgKind.labour, LABOUR_TYPES[1]), "kammer": (OrgKind.labour, LABOUR_TYPES[2]),
         "wirtschaft": (OrgKind.labour, LABOUR_TYPES[3])}
KIND_LABELS = {"anbieter": "Bildungsanbieter", "agentur": "Arbeitsmarktakteur: Agentur für Arbeit",
               "jobcenter": "Arbeitsmarktakteur: Jobcenter", "kammer": "Arbeitsmarktakteur: Kammer",
               "wirtschaft": "Arbeitsmarktakteur: Wirtschaftsförderung"}


class InviteForm(PortalForm):
    art = Choice(choices=list(KINDS), default="anbieter")
    name = CleanText(validators=[required("Bitte geben Sie den Namen der Organisation an."), MaxLength(COMPANY_MAX)])
    email = CleanText(validators=[EmailAddress()])
    sources = Choices(choices=[])

    def validate_sources(self, field):
        if field.data and self.art.data != "anbieter":
            raise ValidationError("Quellen gehören nur zu Bildungsanbietern. Bitte wählen Sie keine Quelle aus "
                                  "oder laden Sie einen Bildungsanbieter ein.")


class SourcesForm(PortalForm):
    sources = Choices(choices=[])


# -- corrections of crawled offers -----------------------------------------------------------------
FIELD_LABELS = {"title": "Titel", "description": "Beschreibung", "dates": "Beginn und Ende",
                "schedule_text": "Termine und Zeiten (Wortlaut)", "price": "Preis", "duration": "Dauer",
                "format": "Lernform", "place": "Ort", "category": "Bereich", "funding": "Förderung",
                "certificate": "Abschluss", "registration_deadline": "Anmeldeschluss", "contact": "Kontakt"}

WARNING_TEXTS = {"missing": "fehlt", "not_understood": "nicht verstanden", "past": "liegt in der Vergangenheit",
                 "other_category": "kein Bereich erkannt („Sonstiges“)"}


def warning_text(warning) -> str:
    """"Preis: fehlt", "Preis: nicht verstanden („nach Absprache“)" for a wbportal.providers.quality warning."""
    from .office_labels import field_label

    label = field_label(warning.field)
    if warning.kind == "other_category":
        return f"Bereich: {WARNING_TEXTS['other_category']}"
    text = f"{label}: {WARNING_TEXTS.get(warning.kind, warning.kind)}"
    return f"{text} („{warning.text}“)" if warning.text else text


def _nothing(value) -> bool:
    return value in (None, "", [], {})


def show(field: str, part: dict | None) -> str:
    """A correction field's value in German, e.g. for "Ihre Seite zeigt jetzt: …"."""
    part = part or {}
    if field == "dates":
        return offer_dates(part)
    if field == "price":
        text = part.get("price_text")
        return text or de_price(part.get("price_eur"))
    if field == "duration":
        return part.get("duration_text") or de_hours(part.get("duration_hours")) or "nicht angegeben"
    if field == "format":
        return FORMAT_LABELS.get(part.get("format"), part.get("format") or "")
    if field == "place":
        loc = part.get("location") or {}
        town = " ".join(x for x in (loc.get("postal_code"), loc.get("town")) if x)
        return ", ".join(x for x in (loc.get("name"), loc.get("street"), town) if x) or "kein Ort"
    if field == "category":
        from normalize import category_label
        return category_label(part.get("category") or "sonstiges")
    if field == "funding":
        return ", ".join(FUNDING_LABELS.get(f, f) for f in part.get("funding") or []) or "keine"
    if field == "certificate":
        return CERTIFICATE_LABELS.get(part.get("certificate"), "keiner") if part.get("certificate") else "keiner"
    if field == "registration_deadline":
        return datum(part.get("registration_deadline")) or "keiner"
    if field == "contact":
        contact = part.get("contact") or {}
        return " · ".join(x for x in (contact.get("email"), contact.get("phone")) if x) or "keiner"
    if field == "schedule_text":
        return part.get("schedule_text") or "nicht angegeben"
    value = part.get(field)
    return "nicht angegeben" if _nothing(value) else str(value)


PHONE = re.compile(r"^[+\d][\d /()\-]{4,30}$")


class PriceText(CleanText):
    """A price as the provider writes it ("1.450,00 € zzgl. MwSt.", "kostenfrei", "auf Anfrage"),
    read by the normalizer's price parser; `parsed` is its PriceParse."""

    parsed = None

    def pre_validate(self, form):
        if not self.data:
            return
        if len(self.data) > WORDING_MAX:
            raise StopValidation(f"Bitte kürzen Sie auf höchstens {WORDING_MAX} Zeichen.")
        self.parsed = parse_price(self.data)
        if self.parsed.amount is None and not self.parsed.on_request:
            raise StopValidation("Diesen Preis verstehen wir nicht. Bitte geben Sie ihn als Zahl an, zum Beispiel "
                                 "1.450,00 € – oder „kostenfrei“ bzw. „auf Anfrage“.")


class Phone:
    def __call__(self, form, field):
        if field.data and not PHONE.match(field.data):
            raise ValidationError("Bitte geben Sie eine Telefonnummer wie 03733 555-0 oder +49 3733 5550 an.")


class OptionalEmail:
    def __call__(self, form, field):
        if field.data:
            problem = email_problem(field.data)
            if problem:
                raise StopValidation(problem)


class BookingUrl:
    def __call__(self, form, field):
        if field.data and not re.match(r"^https?://[^\s/]+\.[^\s]+$", field.data):
            raise ValidationError("Bitte geben Sie eine vollständige Adresse an, die mit https:// beginnt.")


def _location(name: str, street: str, postal_code: str, town: str) -> dict:
    """A Location from the form: the town (or postal code) as the gazetteer knows it, with its
    coordinates (the form has checked that the gazetteer knows it)."""
    known = known_place(town)
    code = postal_code or (known.postal_codes[0] if len(known.postal_codes) == 1 else None)
    return Location(name=name or None, street=street or None, postal_code=code, town=known.name,
                    lat=known.lat, lon=known.lon).model_dump(mode="json")


class PlaceCheck:
    """Postal code (if given) and town must fit together."""

    def __call__(self, form, field):
        code = form.postal_code.data
        if not code:
            return
        if not (code.isdigit() and len(code) == 5):
            raise StopValidation("Bitte geben Sie eine fünfstellige Postleitzahl an.")
        known = known_place(form.town.data) if form.town.data else None
        if known is not None and known.postal_codes and code not in known.postal_codes:
            raise ValidationError(f"Die Postleitzahl {code} gehört nicht zu {known.name} "
                                  f"({', '.join(known.postal_codes)}).")


class CategoryChoice(Choice):
    def pre_validate(self, form):
        if not self.data:
            raise StopValidation("Bitte wählen Sie den Bereich, in dem Suchende das Angebot finden sollen.")
        super().pre_validate(form)


class TitleForm(PortalForm):
    title = CleanText(validators=[required("Bitte geben Sie einen Titel an."), MaxLength(TITLE_MAX)])

    def value(self, record):
        return {"title": self.title.data}


class DescriptionForm(PortalForm):
    description = TrimmedArea(validators=[required("Bitte geben Sie eine Beschreibung an."), MaxLength(DESCRIPTION_MAX)])

    def value(self, record):
        return {"description": self.description.data}


class StartOrRolling:
    """The start rule of a correction's dates and of a hand-entered offer: a start date in a
    plausible year, or "laufender Einstieg" (WTForms calls `validate_start` on either form)."""

    def validate_start(self, field):
        if not field.data and self.rolling.data != "1":
            raise ValidationError("Bitte geben Sie den Beginn an (TT.MM.JJJJ) oder wählen Sie „laufender Einstieg“.")
        if field.data and not 2000 <= field.data.year <= 2100:
            raise ValidationError("Bitte geben Sie ein Datum zwischen 2000 und 2100 an (TT.MM.JJJJ).")


class DatesForm(StartOrRolling, PortalForm):
    start = GermanDateField()  # no Optional(): validate_start must also run on an empty field
    end = GermanDateField(validators=[NotBefore("start", "Das Ende liegt vor dem Beginn. Bitte prüfen "
                                                                     "Sie die beiden Daten.")])
    rolling = Choice(choices=["", "1"], default="")

    def validate_end(self, field):
        if field.data and not self.start.data:
            raise ValidationError("Ein Ende ohne Beginn können wir nicht anzeigen. Bitte geben Sie auch den Beginn an.")

    def value(self, record):
        start = self.start.data
        end = self.end.data or start
        return {"start_date": start.isoformat() if start else None, "end_date": end.isoformat() if end else None,
                "rolling_start": self.rolling.data == "1"}


class ScheduleForm(PortalForm):
    schedule_text = CleanText(validators=[required("Bitte beschreiben Sie Termine und Zeiten, zum Beispiel "
                                                   "„dienstags 18:00–19:30 Uhr, 10 Termine“."), MaxLength(WORDING_MAX)])

    def value(self, record):
        from normalize import parse_dates
        from normalize.schedule import derive_schedule

        start = date.fromisoformat(record["start_date"]) if record.get("start_date") else None
        schedule = derive_schedule([], parse_dates(self.schedule_text.data, start))
        return {"schedule_text": self.schedule_text.data,
                "schedule": schedule.model_dump(mode="json") if schedule is not None else None}


class PriceForm(PortalForm):
    price = PriceText(validators=[required("Bitte geben Sie den Preis an, zum Beispiel 1.450,00 €.")])

    def value(self, record):
        parsed = self.price.parsed or parse_price(self.price.data)
        return {"price_eur": parsed.amount, "price_text": self.price.data, "price_remarks": list(parsed.remarks)}


class DurationForm(PortalForm):
    duration_hours = GermanNumberField(low=0.5, high=10000, validators=[InputRequired(
        "Bitte geben Sie die Dauer in Stunden an, zum Beispiel 40 oder 7,5.")], invalid_message=(
        "Bitte geben Sie die Dauer in Stunden als Zahl an (0,5 bis 10.000), zum Beispiel 40 oder 7,5."))

    def value(self, record):
        return {"duration_hours": float(self.duration_hours.data), "duration_text": de_hours(float(self.duration_hours.data))}


class FormatForm(PortalForm):
    format = Choice(choices=list(enums.FORMATS))

    def value(self, record):
        return {"format": self.format.data}


class PlaceForm(PortalForm):
    location_name = CleanText(validators=[MaxLength(NAME_MAX)])
    street = CleanText(validators=[MaxLength(STREET_MAX)])
    postal_code = CleanText(validators=[PlaceCheck()])
    town = CleanText(validators=[required("Bitte geben Sie den Ort an (Stadt oder Gemeinde)."), MaxLength(PLACE_MAX),
                                 KnownPlace()])

    def value(self, record):
        return {"location": _location(self.location_name.data, self.street.data, self.postal_code.data, self.town.data)}


class CategoryForm(PortalForm):
    category = CategoryChoice(choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = list(taxonomy())

    def value(self, record):
        return {"category": self.category.data}


class FundingForm(PortalForm):
    funding = Choices(choices=list(enums.FUNDINGS))

    def value(self, record):
        return {"funding": sorted(set(self.funding.data or []))}


class CertificateForm(PortalForm):
    certificate = Choice(choices=["", *enums.CERTIFICATES], default="")

    def value(self, record):
        return {"certificate": self.certificate.data or None}


class DeadlineForm(PortalForm):
    registration_deadline = GermanDateField(validators=[Optional()])

    def validate_registration_deadline(self, field):
        if field.data and not 2000 <= field.data.year <= 2100:
            raise ValidationError("Bitte geben Sie ein Datum zwischen 2000 und 2100 an (TT.MM.JJJJ).")

    def value(self, record):
        return {"registration_deadline": self.registration_deadline.data.isoformat()
                if self.registration_deadline.data else None}


class ContactForm(PortalForm):
    contact_email = CleanText(validators=[MaxLength(EMAIL_MAX), OptionalEmail()])
    contact_phone = CleanText(validators=[Phone()])

    def validate_contact_email(self, field):
        if not field.data and not self.contact_phone.data:
            raise ValidationError("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.")

    def value(self, record):
        contact = dict(record.get("contact") or {})
        contact.update(email=self.contact_email.data or None, phone=self.contact_phone.data or None)
        contact = {k: v for k, v in contact.items() if v}
        return {"contact": contact or None}


CORRECTION_FORMS = {"title": TitleForm, "description": DescriptionForm, "dates": DatesForm,
                    "schedule_text": ScheduleForm, "price": PriceForm, "duration": DurationForm, "format": FormatForm,
                    "place": PlaceForm, "category": CategoryForm, "funding": FundingForm,
                    "certificate": CertificateForm, "registration_deadline": DeadlineForm, "contact": ContactForm}


def correction_form_data(field: str, record: dict) -> dict:
    """The form's fields filled from the offer as it is now."""
    loc = record.get("location") or {}
    contact = record.get("contact") or {}
    return {
        "title": {"title": record.get("title")},
        "description": {"description": record.get("description")},
        "dates": {"start": _date(record.get("start_date")), "end": _date(record.get("end_date")),
                  "rolling": "1" if record.get("rolling_start") else ""},
        "schedule_text": {"schedule_text": record.get("schedule_text")},
        "price": {"price": record.get("price_text") or (de_price(record["price_eur"])
                                                        if record.get("price_eur") is not None else "")},
        "duration": {"duration_hours": record.get("duration_hours")},
        "format": {"format": record.get("format")},
        "place": {"location_name": loc.get("name"), "street": loc.get("street"), "postal_code": loc.get("postal_code"),
                  "town": loc.get("town")},
        "category": {"category": record.get("category")},
        "funding": {"funding": record.get("funding") or []},
        "certificate": {"certificate": record.get("certificate") or ""},
        "registration_deadline": {"registration_deadline": _date(record.get("registration_deadline"))},
        "contact": {"contact_email": contact.get("email"), "contact_phone": contact.get("phone")},
    }[field]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# -- offers entered by hand ---------------------------------------------------------------------------
class ManualOfferForm(StartOrRolling, PortalForm):
    """A hand-entered offer: the schema's fields as a provider knows them."""

    title = CleanText(validators=[required("Bitte geben Sie einen Titel an."), MaxLength(TITLE_MAX)])
    description = TrimmedArea(validators=[required("Bitte beschreiben Sie das Angebot: Inhalte, Zielgruppe, "
                                                   "Voraussetzungen."), MaxLength(DESCRIPTION_MAX)])
    start = GermanDateField()  # no Optional(): validate_start must also run on an empty field
    end = GermanDateField(validators=[NotBefore("start", "Das Ende liegt vor dem Beginn. Bitte prüfen "
                                                                     "Sie die beiden Daten.")])
    rolling = Choice(choices=["", "1"], default="")
    times = CleanText(validators=[MaxLength(WORDING_MAX)])
    price = PriceText(validators=[required("Bitte geben Sie den Preis an, zum Beispiel 1.450,00 € – oder "
                                           "„kostenfrei“ bzw. „auf Anfrage“.")])
    duration_hours = GermanNumberField(low=0.5, high=10000, invalid_message=(
        "Bitte geben Sie die Dauer in Stunden als Zahl an (0,5 bis 10.000), zum Beispiel 40 oder 7,5."))
    format = Choice(choices=list(enums.FORMATS), default="onsite")
    location_name = CleanText(validators=[MaxLength(NAME_MAX)])
    street = CleanText(validators=[MaxLength(STREET_MAX)])
    postal_code = CleanText(validators=[PlaceCheck()])
    town = CleanText(validators=[MaxLength(PLACE_MAX), KnownPlace()])
    category = CategoryChoice(choices=[])
    funding = Choices(choices=list(enums.FUNDINGS))
    certificate = Choice(choices=["", *enums.CERTIFICATES], default="")
    deadline = GermanDateField(validators=[Optional()])
    url = CleanText(validators=[MaxLength(URL_MAX), BookingUrl()])
    contact_email = CleanText(validators=[MaxLength(EMAIL_MAX), OptionalEmail()])
    contact_phone = CleanText(validators=[Phone()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = list(taxonomy())


    def validate_end(self, field):
        last = field.data or self.start.data
        if last and last < date.today():
            target = "Das Ende" if field.data else "Der Beginn"
            raise ValidationError(f"{target} liegt in der Vergangenheit: Ein vergangenes Angebot kann niemand "
                                  f"mehr buchen.")

    def validate_town(self, field):
        if not field.data and self.format.data in ("onsite", "blended"):
            raise ValidationError("Bitte geben Sie den Ort an; nur Online- und Selbstlernangebote brauchen keinen.")

    def validate_deadline(self, field):
        if field.data and self.start.data and field.data > self.start.data:
            raise ValidationError("Der Anmeldeschluss liegt nach dem Beginn. Bitte prüfen Sie das Datum.")

    def raw_item(self) -> dict:
        """The form as a raw item (the crawlers' contract): what `normalize.build_offer` reads."""
        start, end = self.start.data, self.end.data
        onsite = self.format.data in ("onsite", "blended")
        known = known_place(self.town.data) if onsite and self.town.data else None
        hours = self.duration_hours.data
        raw = {
            "title": self.title.data, "description": self.description.data,
            "start": start.isoformat() if start else "", "end": (end or start).isoformat() if start else "",
            "schedule": "laufender Einstieg" if self.rolling.data == "1" else "",
            "times": self.times.data, "price": self.price.data,
            "duration": de_hours(float(hours)) if hours is not None else "",
            "format": self.format.data,
            "location_name": self.location_name.data if onsite else "", "street": self.street.data if onsite else "",
            "postal_code": self.postal_code.data if onsite else "", "town": known.name if known else "",
            "category": self.category.data,
            "funding": "; ".join(FUNDING_LABELS[f] for f in sorted(set(self.funding.data or []))),
            "certificate": CERTIFICATE_LABELS.get(self.certificate.data, "") if self.certificate.data else "",
            "deadline": datum(self.deadline.data) if self.deadline.data else "",
            "url": self.url.data, "contact_email": self.contact_email.data, "contact_phone": self.contact_phone.data,
        }
        return {k: v for k, v in raw.items() if v}


# build_offer's field (OfferError.field, pydantic's loc) -> the form's field
BUILD_FIELDS = {"title": "title", "description": "description", "url": "url", "start_date": "start",
                "end_date": "end", "price_eur": "price", "duration_hours": "duration_hours", "location": "town",
                "contact": "contact_email", "registration_deadline": "deadline", "category": "category",
                "format": "format", "funding": "funding", "certificate": "certificate"}


def manual_form_data(raw: dict) -> dict:
    """The form's fields from a stored raw item (editing)."""
    from normalize import detect_certificate, detect_funding
    from normalize.durations import parse_duration

    certificate = detect_certificate(raw.get("certificate") or "") if raw.get("certificate") else None
    hours = parse_duration(raw.get("duration") or "").hours if raw.get("duration") else None
    return {
        "title": raw.get("title"), "description": raw.get("description"), "start": _date(raw.get("start")),
        "end": _date(raw.get("end")) if raw.get("end") != raw.get("start") else None,
        "rolling": "1" if raw.get("schedule") == "laufender Einstieg" else "", "times": raw.get("times"),
        "price": raw.get("price"), "duration_hours": hours, "format": raw.get("format") or "onsite",
        "location_name": raw.get("location_name"), "street": raw.get("street"), "postal_code": raw.get("postal_code"),
        "town": raw.get("town"), "category": raw.get("category"),
        "funding": sorted(detect_funding(raw.get("funding") or "")),
        "certificate": getattr(certificate, "value", certificate) or "",
        "deadline": _german_date(raw.get("deadline")), "url": raw.get("url"),
        "contact_email": raw.get("contact_email"), "contact_phone": raw.get("contact_phone"),
    }


def _german_date(text: str | None) -> date | None:
    match = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", text or "")
    return date(int(match[3]), int(match[2]), int(match[1])) if match else None
