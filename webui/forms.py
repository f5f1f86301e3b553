"""Server-side validation of every form with user input (WTForms via Flask-WTF).

Why one module: the same rules (e-mail syntax, password rules, a place the gazetteer knows,
German numbers, an end not before the start, lengths that fit the database columns) must give the
same German message at the field on every page. The browser's own checks (required, maxlength) are
only a convenience; these run on the server and a form with errors is answered with 422 and shown
again with what the user typed.

CSRF stays with the app-wide CSRFProtect (every POST is checked there, the templates carry the
token), so the forms here switch WTForms' own CSRF field off.

Password rules (also in README): at least 10 and at most 128 characters, not only one repeated
character, and not the e-mail address itself.
"""
from __future__ import annotations

import difflib
import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import Field, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, StopValidation, ValidationError

from normalize import enums, gazetteer
from normalize.prices import parse_price

# column sizes in wbportal/db/tables.py
EMAIL_MAX = 254
PASSWORD_MIN, PASSWORD_MAX = 10, 128
COMPANY_MAX = SECTOR_MAX = CONTACT_MAX = 200
TOPIC_MAX, PLACE_MAX, NOTES_MAX = 300, 80, 2000
NAME_MAX = JOB_MAX = 120
LABEL_MAX = SEARCH_MAX = 200

EMAIL_MESSAGE = "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@firma.de."
# local@domain.tld: no spaces, one @, a dot in the domain, a top-level domain of two letters or more
_EMAIL = re.compile(r"^[^@\s]{1,64}@(?:[^@\s.]+\.)+[^@\s.]{2,}$")


# -- plain checks (usable without a form, e.g. by the account page) --------------------------------
def email_problem(text: str | None) -> str | None:
    """German message if `text` is not an e-mail address, else None."""
    text = (text or "").strip()
    if not text:
        return "Bitte geben Sie Ihre E-Mail-Adresse an."
    if len(text) > EMAIL_MAX:
        return f"Die E-Mail-Adresse darf höchstens {EMAIL_MAX} Zeichen lang sein."
    if not _EMAIL.match(text):
        return EMAIL_MESSAGE
    return None


def password_problem(password: str | None, email: str | None = None) -> str | None:
    """German message if `password` breaks the password rules, else None."""
    password = password or ""
    if len(password) < PASSWORD_MIN:
        return f"Bitte wählen Sie ein Passwort mit mindestens {PASSWORD_MIN} Zeichen."
    if len(password) > PASSWORD_MAX:
        return f"Das Passwort darf höchstens {PASSWORD_MAX} Zeichen lang sein."
    if len(set(password)) == 1:
        return "Bitte wählen Sie ein Passwort, das nicht nur aus einem Zeichen besteht."
    if email and password.strip().lower() == email.strip().lower():
        return "Bitte verwenden Sie nicht Ihre E-Mail-Adresse als Passwort."
    return None


def place_suggestions(text: str, limit: int = 3) -> list[str]:
    """Nearest gazetteer town names (or a town for a near-miss postal code) for a mistyped place."""
    text = (text or "").strip()
    gaz = gazetteer()
    if text.isdigit():
        codes = [code for town in gaz.towns.values() for code in town.postal_codes]
        close = difflib.get_close_matches(text, codes, n=limit, cutoff=0.6)
        return list(dict.fromkeys(f"{code} {gaz.lookup(None, code).name}" for code in close))
    keys: dict[str, str] = {}
    for name in gaz.towns:  # the whole name and its first part ("Annaberg" of "Annaberg-Buchholz")
        keys.setdefault(name.lower(), name)
        keys.setdefault(re.split(r"[-/ (]", name)[0].lower(), name)
    close = difflib.get_close_matches(text.lower(), list(keys), n=limit * 2, cutoff=0.6)
    return list(dict.fromkeys(keys[c] for c in close))[:limit]


def known_place(text: str | None):
    """The gazetteer town for a town name or a five-digit postal code, or None."""
    text = (text or "").strip()[:PLACE_MAX]
    if not text:
        return None
    if text.isdigit() and len(text) == 5:
        return gazetteer().lookup(None, text)
    return gazetteer().lookup(text)


def german_number(text: str | None) -> float | None:
    """"1.000" -> 1000, "400 €" -> 400, "1.450,50" -> 1450.5 (the normalizer's price parser);
    None where the text is no number. Raises ValueError for text that is not a number."""
    text = (text or "").strip()
    if not text:
        return None
    parsed = parse_price(text)
    if parsed.amount is None or parsed.extra_fees or parsed.instalments:
        raise ValueError(text)
    return parsed.amount


# -- WTForms validators and fields ----------------------------------------------------------------
class EmailAddress:
    def __call__(self, form, field):
        problem = email_problem(field.data)
        if problem:
            raise StopValidation(problem)


class PasswordRules:
    """The password rules; `email_field` names the form's e-mail field (password != address)."""

    def __init__(self, email_field: str | None = None):
        self.email_field = email_field

    def __call__(self, form, field):
        email = form[self.email_field].data if self.email_field else getattr(form, "account_email", None)
        problem = password_problem(field.data, email)
        if problem:
            raise StopValidation(problem)


class SameAs:
    def __init__(self, other: str, message: str):
        self.other, self.message = other, message

    def __call__(self, form, field):
        if field.data != form[self.other].data:
            raise ValidationError(self.message)


class MaxLength:
    def __init__(self, maximum: int):
        self.maximum = maximum

    def __call__(self, form, field):
        if field.data and len(field.data) > self.maximum:
            raise ValidationError(f"Bitte kürzen Sie auf höchstens {self.maximum} Zeichen "
                                  f"(jetzt {len(field.data)}).")


class KnownPlace:
    """A town name or postal code the gazetteer knows; else a message with the nearest names."""

    def __call__(self, form, field):
        if not field.data:
            return
        if known_place(field.data) is None:
            suggestions = place_suggestions(field.data)
            message = f"Den Ort „{field.data[:PLACE_MAX]}“ kennen wir nicht."
            if suggestions:
                message += " Meinten Sie: " + ", ".join(suggestions) + "?"
            else:
                message += " Bitte geben Sie eine Stadt oder Gemeinde in Sachsen oder eine Postleitzahl an."
            field.suggestions = suggestions
            raise ValidationError(message)


class PostalCode:
    def __call__(self, form, field):
        if not (field.data.isdigit() and len(field.data) == 5):
            raise StopValidation("Bitte geben Sie eine fünfstellige Postleitzahl an.")


class NotBefore:
    """This date field is not before `start_field` (end of a range)."""

    def __init__(self, start_field: str, message: str):
        self.start_field, self.message = start_field, message

    def __call__(self, form, field):
        start = form[self.start_field].data
        if field.data and start and field.data < start:
            raise ValidationError(self.message)


class Trimmed(StringField):
    """Text with surrounding blanks removed (a name of only spaces counts as empty)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = (self.data or "").strip()


class TrimmedArea(TextAreaField):
    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = (self.data or "").strip()


class GermanNumberField(Field):
    """A number as Germans write it: "1.000", "400 €", "1.450,50"; `whole` for counts.
    `raw` keeps what the user typed, so the form shows it again after an error."""

    widget = StringField.widget

    def __init__(self, label=None, validators=None, whole: bool = False, low: float | None = 0,
                 high: float | None = None, invalid_message: str | None = None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.whole, self.low, self.high = whole, low, high
        self.invalid_message = invalid_message  # replaces the parse and range messages where given
        self.raw = ""

    def _value(self):
        if self.raw:
            return self.raw
        if self.data is None:
            return ""
        return str(int(self.data)) if float(self.data).is_integer() else f"{self.data:.2f}".replace(".", ",")

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()[:40]
        try:
            self.data = german_number(self.raw)
        except ValueError:
            self.data = None
            raise ValueError(self.invalid_message
                             or "Bitte geben Sie eine Zahl an, zum Beispiel 1.000 oder 1.450,50.") from None

    def pre_validate(self, form):
        if self.data is None:
            return
        if self.whole and not float(self.data).is_integer():
            raise StopValidation(self.invalid_message or "Bitte geben Sie eine ganze Zahl an.")
        if self.low is not None and self.data < self.low:
            raise StopValidation(self.invalid_message or f"Bitte geben Sie mindestens {self.low:g} an.")
        if self.high is not None and self.data > self.high:
            raise StopValidation(self.invalid_message or f"Bitte geben Sie höchstens {self.high:g} an.")
        if self.whole:
            self.data = int(self.data)


class GermanDateField(Field):
    """A date as the browser's date input sends it (yyyy-mm-dd) or as typed: dd.mm.yyyy."""

    widget = StringField.widget

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.raw = ""

    def _value(self):
        return self.raw or (self.data.isoformat() if self.data else "")

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()[:20]
        self.data = None
        if not self.raw:
            return
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", self.raw)
        try:
            self.data = (date(int(match[3]), int(match[2]), int(match[1])) if match
                         else date.fromisoformat(self.raw))
        except ValueError:
            raise ValueError("Bitte geben Sie ein Datum wie 31.12.2026 an.") from None


def _values(choices) -> set[str]:
    """The allowed values; choices are plain strings (labels live in the templates)."""
    return {c if isinstance(c, str) else c[0] for c in choices or []}


class Choice(SelectField):
    """A select whose unknown values get a German message (not WTForms' English one)."""

    def pre_validate(self, form):
        if self.data not in _values(self.choices):
            raise StopValidation("Bitte wählen Sie einen der angebotenen Werte.")


class Choices(SelectMultipleField):
    """Checkboxes; values outside the offered ones are refused with a German message."""

    def pre_validate(self, form):
        allowed = _values(self.choices)
        if any(value not in allowed for value in self.data or []):
            raise StopValidation("Bitte wählen Sie nur angebotene Werte.")


def required(message: str) -> DataRequired:
    return DataRequired(message=message)


class PortalForm(FlaskForm):
    """Base of every form here; CSRF is checked app-wide by CSRFProtect."""

    class Meta:
        csrf = False
        locales = ("de_DE", "de")

    def first_errors(self) -> dict[str, str]:
        """Field name -> its first message (templates show one message per field)."""
        return {name: messages[0] for name, messages in self.errors.items() if messages}


# -- the forms ------------------------------------------------------------------------------------
SIZES = ("1-9", "10-49", "50-249", "250+")


class RegisterForm(PortalForm):
    company = Trimmed(validators=[required("Bitte geben Sie den Firmennamen an."), MaxLength(COMPANY_MAX)])
    postal_code = Trimmed(validators=[required("Bitte geben Sie die Postleitzahl an."), PostalCode()])
    size = Choice(choices=list(SIZES), default=SIZES[0])
    sector = Trimmed(validators=[MaxLength(SECTOR_MAX)])
    contact = Trimmed(validators=[MaxLength(CONTACT_MAX)])
    email = Trimmed(validators=[EmailAddress()])
    password = StringField(validators=[PasswordRules("email")])
    password2 = StringField(validators=[SameAs("password", "Die beiden Passwörter stimmen nicht überein.")])


class LoginForm(PortalForm):
    # no syntax rule here: an address the office created by hand must still be able to log in
    email = Trimmed(validators=[required("Bitte geben Sie Ihre E-Mail-Adresse an."), MaxLength(EMAIL_MAX)])
    password = StringField(validators=[required("Bitte geben Sie Ihr Passwort ein.")])


class EmailForm(PortalForm):
    """Forgotten password and inviting a colleague: one e-mail address."""

    email = Trimmed(validators=[EmailAddress()])


class ResetForm(PortalForm):
    password = StringField(validators=[PasswordRules()])
    password2 = StringField(validators=[SameAs("password", "Die beiden Passwörter stimmen nicht überein.")])


class NeedForm(PortalForm):
    """A company's training need (webui/needs.py)."""

    topic = Trimmed(validators=[required("Bitte beschreiben Sie das Thema."), MaxLength(TOPIC_MAX)])
    category = Choice(choices=[""], default="")
    employees = GermanNumberField(whole=True, low=1, high=10000, default=1)
    earliest = GermanDateField(validators=[Optional()])
    latest = GermanDateField(validators=[Optional(), NotBefore(
        "earliest", "Der späteste Beginn liegt vor dem frühesten. Bitte prüfen Sie die beiden Daten.")])
    place = Trimmed(validators=[MaxLength(PLACE_MAX), KnownPlace()])
    radius_km = GermanNumberField(whole=True, low=1, high=500, default=50)
    formats = Choices(choices=[])
    time_model = Choice(choices=["", *enums.TIME_MODELS], default="")
    max_price = GermanNumberField(low=0, high=10**6)
    funding = Choices(choices=[])
    notes = TrimmedArea(validators=[MaxLength(NOTES_MAX)])

    def set_choices(self, categories, formats, funding) -> "NeedForm":
        self.category.choices = ["", *categories]
        self.formats.choices = list(formats)
        self.funding.choices = list(funding)
        return self

    def values(self) -> dict:
        """The checked values for the Need; a price with cents becomes whole euros rounded up, so an
        offer at exactly the typed price still counts as within budget (the column holds euros)."""
        import math
        price = self.max_price.data
        return {"topic": self.topic.data, "category": self.category.data or "", "employees": int(self.employees.data or 1),
                "earliest": self.earliest.data, "latest": self.latest.data, "place": self.place.data,
                "radius_km": int(self.radius_km.data if self.radius_km.data is not None else 50),
                "formats": list(self.formats.data or []), "time_model": self.time_model.data or "",
                "max_price": None if price is None else int(math.ceil(price)),
                "funding": list(self.funding.data or []), "notes": self.notes.data}


# -- the Kümmerer's workspace (webui/workspace.py) ----------------------------------------------------
class CleanText(Trimmed):
    """Trimmed text without control characters (PostgreSQL refuses NUL)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = "".join(ch for ch in self.data if ch >= " " or ch == "\t").strip()


class YearField(GermanNumberField):
    """A year such as 2031; anything else gets '„abc“ ist kein Jahr'."""

    def __init__(self, label=None, validators=None, low: int = 2000, high: int = 2100, **kwargs):
        super().__init__(label, validators, whole=True, low=low, high=high, **kwargs)

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()[:20]
        self.data = int(self.raw) if re.fullmatch(r"\d{4}", self.raw) else None
        if self.raw and (self.data is None or not self.low <= self.data <= self.high):
            self.data = None
            raise ValueError(f"„{self.raw}“ ist kein Jahr. Bitte geben Sie ein Jahr wie {date.today().year + 5} an.")


class PastOrToday:
    def __call__(self, form, field):
        if field.data and field.data > date.today():
            raise ValidationError("Das Datum „erworben am“ liegt in der Zukunft. Bitte prüfen Sie es.")


class PlausibleDate:
    def __call__(self, form, field):
        if field.data and not 1950 <= field.data.year <= 2100:
            raise ValidationError("Bitte geben Sie ein Datum zwischen 1950 und 2100 an (TT.MM.JJJJ).")


class PersonForm(PortalForm):
    name = CleanText(validators=[required("Bitte geben Sie einen Namen oder ein Kürzel an."), MaxLength(NAME_MAX)])
    job = CleanText(validators=[MaxLength(JOB_MAX)])
    leaving_year = YearField()


class HoldingForm(PortalForm):
    acquired = GermanDateField(validators=[Optional(), PlausibleDate(), PastOrToday()])
    valid_until = GermanDateField(validators=[Optional(), PlausibleDate(), NotBefore(
        "acquired", "„Gültig bis“ liegt vor „erworben am“. Bitte prüfen Sie die beiden Daten.")])


class RequirementForm(PortalForm):
    job = CleanText(validators=[required("Bitte geben Sie die Tätigkeit an, für die die Qualifikation nötig ist."),
                                MaxLength(JOB_MAX)])


class OwnQualificationForm(PortalForm):
    label = CleanText(validators=[required("Bitte geben Sie eine Bezeichnung an."), MaxLength(LABEL_MAX)])
    validity_months = GermanNumberField(whole=True, low=1, high=240, invalid_message=(
        "Die Gültigkeit bitte in Monaten angeben (1 bis 240) oder leer lassen, wenn sie nicht abläuft."))
    lead_days = GermanNumberField(whole=True, low=0, high=365, default=60, invalid_message=(
        "Bitte geben Sie an, wie viele Tage vorher erinnert werden soll (0 bis 365)."))
    search = CleanText(validators=[MaxLength(SEARCH_MAX)])


# -- network profile and roles (webui/network.py) -------------------------------------------------------
class NetworkProfileForm(PortalForm):
    visible = Choice(choices=["", "1"], default="")
    display_name = CleanText(validators=[MaxLength(NAME_MAX)])
    town = CleanText(validators=[MaxLength(PLACE_MAX), KnownPlace()])
    industry = CleanText(validators=[MaxLength(120)])
    topics = CleanText(validators=[MaxLength(TOPIC_MAX)])
    contact = CleanText(validators=[MaxLength(CONTACT_MAX)])

    def validate_display_name(self, field):
        if self.visible.data == "1" and not field.data:
            raise ValidationError("Für den Eintrag im Netzwerk brauchen wir Ihren Namen.")

    def validate_contact(self, field):
        if self.visible.data == "1" and not field.data:
            raise ValidationError("Für den Eintrag im Netzwerk brauchen wir einen Kontaktweg "
                                  "(Telefon oder E-Mail-Adresse).")


class SwitchForm(PortalForm):
    """The on/off buttons of the team page (role, matrix for all): "1" or "0", nothing else."""

    kuemmerer = Choice(choices=["0", "1"])
    alle = Choice(choices=["0", "1"])
