""""Mein Konto": one page where a user manages their own account – password, e-mail address
(changed only after the new address confirmed a mailed link), notifications, their data and
leaving – and where the company's Kümmerer keep the company data and the list of colleagues.

Every section is its own small form (POST, then redirect with a German message); a wrong entry
shows the page again with the message at the field. Office admins get the personal sections
only: the office has no company data or colleagues to manage here.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import (Blueprint, abort, current_app, flash, g, redirect, render_template, request, session,
                   url_for)
from itsdangerous import BadData, URLSafeTimedSerializer

from normalize import gazetteer
from wbportal.company_data import delete_company, export_user
from wbportal.german import datum_zeit
from wbportal.users import AccountError, DigestFrequency

from .accounts import SIZES, accounts, any_user_required, base_url, send_reset_link
from .downloads import json_download
from .forms import email_problem, password_problem
from .workspace import clean_text, kuemmerer_required

bp = Blueprint("konto", __name__)

EMAIL_SALT, EMAIL_MAX_AGE = "email-change", 3600 * 24  # its own salt: a reset or opt-out token is no use here
INVALID = 422  # a form with errors, shown again with the message at the field (as webui/forms.py does)
MAIL_DOWN = ("Die E-Mail konnte gerade nicht verschickt werden, weil der E-Mail-Versand gestört ist. "
             "Es wurde nichts geändert. Bitte versuchen Sie es später erneut.")


def _db():
    return current_app.extensions["db"]


def _mailer():
    return current_app.extensions["mailer"]


def _may_manage_company() -> bool:
    """Company data and colleagues are kept by the company's Kümmerer (the first user of a company
    always is one); colleagues see them read-only; the office has none here."""
    return not g.user.is_admin and g.user.kuemmerer


def _page(errors: dict | None = None, values: dict | None = None, status: int = 200):
    """The account page; `errors` maps a field id to its German message, `values` refills fields."""
    company = members = kuemmerer = None
    if not g.user.is_admin:
        company = accounts().company(g.user.company_id)
        members = accounts().users_of(g.user.company_id)
        kuemmerer = [m.email for m in members if m.kuemmerer]
    return render_template("konto.html", errors=errors or {}, values=values or {}, company=company,
                           members=members, kuemmerer=kuemmerer, may_manage=_may_manage_company(), sizes=SIZES,
                           frequencies=list(DigestFrequency)), status


def _check_password(field: str) -> str | None:
    """None if the current password is right; else the German message (login's rate limit applies,
    so the form cannot be used to guess)."""
    try:
        accounts().login(g.user.email, request.form.get(field, ""), request.remote_addr or "?")
    except AccountError as exc:
        return str(exc) if "Zu viele" in str(exc) else "Das aktuelle Passwort stimmt nicht."
    return None


@bp.route("/konto")
@any_user_required
def index():
    return _page()


# -- password ---------------------------------------------------------------------------------------
@bp.route("/konto/passwort", methods=["POST"])
@any_user_required
def password():
    new, repeat = request.form.get("new_password", ""), request.form.get("new_password2", "")
    errors = {}
    problem = password_problem(new, g.user.email)  # the registration's rules
    if problem:
        errors["new_password"] = problem
    elif new != repeat:
        errors["new_password2"] = "Die beiden Passwörter stimmen nicht überein."
    wrong = _check_password("current_password")
    if wrong:
        errors["current_password"] = wrong
    if errors:
        return _page(errors, status=INVALID)
    accounts().set_password(g.user.id, new)
    flash("Ihr neues Passwort ist gespeichert.")
    return redirect(url_for("konto.index"))


# -- e-mail address: a signed, expiring link to the new address ------------------------------------
def _email_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=EMAIL_SALT)


@bp.route("/konto/email", methods=["POST"])
@any_user_required
def email():
    new = clean_text(request.form.get("new_email"), 254).lower()
    errors = {}
    problem = email_problem(new)
    if problem:
        errors["new_email"] = problem
    elif new == g.user.email:
        errors["new_email"] = "Das ist schon Ihre E-Mail-Adresse."
    elif accounts().user_by_email(new) is not None:
        errors["new_email"] = "Mit dieser E-Mail-Adresse ist bereits ein anderes Konto angelegt."
    wrong = _check_password("email_password")
    if wrong:
        errors["email_password"] = wrong
    if errors:
        return _page(errors, {"new_email": new}, status=INVALID)
    token = _email_serializer().dumps({"user": g.user.id, "old": g.user.email, "new": new})
    link = f"{base_url()}{url_for('konto.confirm_email', token=token)}"
    body = (f"Guten Tag,\n\nim Weiterbildungsportal Erzgebirge soll die E-Mail-Adresse des Kontos {g.user.email} "
            f"({g.user.company_name}) zu dieser Adresse wechseln. Bitte bestätigen Sie das über diesen Link "
            f"(er gilt 24 Stunden, bis {datum_zeit(datetime.now(timezone.utc) + timedelta(seconds=EMAIL_MAX_AGE))} Uhr):"
            f"\n\n{link}\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; "
            f"dann bleibt alles, wie es ist.\n")
    try:
        _mailer().send(new, "E-Mail-Adresse bestätigen – Weiterbildungsportal Erzgebirge", body)
    except OSError:  # no mail server reachable: nothing is pending, nothing changed
        current_app.logger.exception("e-mail change confirmation not sent")
        return _page({"new_email": MAIL_DOWN}, {"new_email": new}, status=503)
    flash(f"Wir haben einen Bestätigungslink an {new} geschickt. Erst wenn Sie ihn öffnen, ändert sich Ihre "
          f"Adresse; bis dahin melden Sie sich weiter mit {g.user.email} an.")
    return redirect(url_for("konto.index"))


def _email_request(token: str) -> dict | None:
    try:
        data = _email_serializer().loads(token, max_age=EMAIL_MAX_AGE)
    except BadData:  # expired, broken, forged or signed for another purpose
        return None
    if not (isinstance(data, dict) and isinstance(data.get("user"), int) and isinstance(data.get("old"), str)
            and isinstance(data.get("new"), str)):
        return None
    return data


@bp.route("/konto/email/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """Opened from the mail: a page with one button (a mail scanner fetching the link changes
    nothing); the button changes the address if it still is the one the request was made for."""
    data = _email_request(token)
    user = accounts().user_by_id(data["user"]) if data else None
    if user is None:
        return render_template("konto_email.html", problem="Dieser Link ist abgelaufen oder ungültig. Bitte fordern "
                               "Sie unter „Mein Konto“ einen neuen an.", new=None), 400
    if user.email != data["old"]:
        return render_template("konto_email.html", problem="Dieser Link ist schon benutzt oder gehört zu einer "
                               "älteren Anfrage.", new=None), 400
    if request.method == "POST":
        try:
            accounts().change_email(user.id, data["old"], data["new"])
        except AccountError as exc:
            return render_template("konto_email.html", problem=str(exc), new=None), 400
        try:  # the old address learns of the change, so that a hijacked session is noticed
            _mailer().send(data["old"], "Ihre E-Mail-Adresse wurde geändert – Weiterbildungsportal Erzgebirge",
                           f"Guten Tag,\n\ndie E-Mail-Adresse Ihres Kontos im Weiterbildungsportal Erzgebirge ist "
                           f"jetzt {data['new']}. Wenn Sie das nicht waren, wenden Sie sich bitte an die "
                           f"Koordinierungsstelle.\n")
        except OSError:
            current_app.logger.exception("notice of the e-mail change to the old address not sent")
        flash(f"Ihre E-Mail-Adresse ist jetzt {data['new']}. Bitte melden Sie sich künftig damit an.")
        if session.get("user_id") == user.id:
            return redirect(url_for("konto.index"))
        return redirect(url_for("accounts.login"))
    return render_template("konto_email.html", problem=None, new=data["new"])


# -- company data (Kümmerer) -----------------------------------------------------------------------
@bp.route("/konto/firma", methods=["POST"])
@kuemmerer_required
def company():
    form = {name: clean_text(request.form.get(name), 200) for name in ("name", "postal_code", "size", "sector",
                                                                        "contact")}
    errors = {}
    if not form["name"]:
        errors["company_name"] = "Bitte geben Sie den Firmennamen an."
    if not (form["postal_code"].isdigit() and len(form["postal_code"]) == 5):
        errors["postal_code"] = "Bitte geben Sie eine fünfstellige Postleitzahl an."
    elif gazetteer().lookup(postal_code=form["postal_code"]) is None:
        errors["postal_code"] = ("Diese Postleitzahl kennen wir nicht. Bitte geben Sie die Postleitzahl Ihres "
                                 "Standorts in der Region an.")
    if form["size"] not in SIZES:
        errors["size"] = "Bitte wählen Sie eine Firmengröße aus der Liste."
    if errors:
        return _page(errors, {"company": form}, status=INVALID)
    old = accounts().company(g.user.company_id)
    accounts().update_company(g.user.company_id, **form)
    if old and old["postal_code"] != form["postal_code"]:
        from wbportal.qualifications.workspace import Workspace
        Workspace(_db()).sync_renewal_needs(g.user.company_id, form["postal_code"])  # needs move to the new town
    flash("Die Firmendaten sind gespeichert.")
    return redirect(url_for("konto.index") + "#firma")


# -- colleagues (Kümmerer) -------------------------------------------------------------------------
def _colleague(user_id: int):
    """A user of the own company other than oneself; 404 for anyone else (another firm's users
    do not exist here)."""
    other = accounts().user_by_id(user_id)
    if other is None or other.company_id != g.user.company_id:
        abort(404)
    return other


@bp.route("/konto/kollegen/<int:user_id>/entfernen", methods=["GET", "POST"])
@kuemmerer_required
def remove_colleague(user_id: int):
    other = _colleague(user_id)
    if other.id == g.user.id:
        flash("Ihr eigenes Konto entfernen Sie unter „Konto löschen“.")
        return redirect(url_for("konto.index") + "#kollegen")
    if request.method == "POST":
        accounts().delete_user(g.user.company_id, other.id)
        flash(f"{other.email} hat keinen Zugang mehr zu {g.user.company_name}.")
        return redirect(url_for("konto.index") + "#kollegen")
    return render_template("konto_remove.html", other=other)


@bp.route("/konto/kollegen/<int:user_id>/einladung", methods=["POST"])
@kuemmerer_required
def reinvite(user_id: int):
    other = _colleague(user_id)
    if other.id == g.user.id:
        abort(404)
    try:
        send_reset_link(other, invited_by=g.user.email)
    except OSError:
        current_app.logger.exception("repeated invitation not sent")
        return _page({f"member-{other.id}": "Die Einladung konnte gerade nicht verschickt werden, weil der "
                      "E-Mail-Versand gestört ist. Bitte versuchen Sie es später erneut."}, status=503)
    flash(f"Die Einladung an {other.email} ist erneut verschickt (der Link gilt 24 Stunden).")
    return redirect(url_for("konto.index") + "#kollegen")


# -- notifications ---------------------------------------------------------------------------------
@bp.route("/konto/benachrichtigungen", methods=["POST"])
@any_user_required
def notifications():
    try:
        frequency = DigestFrequency(request.form.get("frequency", ""))
    except ValueError:
        return _page({"frequency": "Bitte wählen Sie, wie oft Sie benachrichtigt werden möchten."}, status=INVALID)
    accounts().set_digest_frequency(g.user.id, frequency)
    flash("Sie bekommen keine Benachrichtigungen mehr." if frequency is DigestFrequency.off
          else f"Sie bekommen neue passende Angebote {frequency.label}.")
    return redirect(url_for("konto.index") + "#benachrichtigungen")


# -- own data and leaving --------------------------------------------------------------------------
@bp.route("/konto/meine-daten.json")
@any_user_required
def my_data():
    return json_download(export_user(_db(), g.user.id), "meine-daten.json")


def _leave_refusal(members) -> str | None:
    if g.user.is_admin:
        if not any(m.is_admin and m.id != g.user.id for m in members):
            return ("Sie sind der einzige Zugang der Koordinierungsstelle. Bitte legen Sie zuerst einen weiteren an "
                    "(wbportal admin add).")
        return None
    if len(members) > 1 and g.user.kuemmerer and not any(m.kuemmerer and m.id != g.user.id for m in members):
        return ("Sie sind der einzige Kümmerer Ihrer Firma. Bitte ernennen Sie zuerst eine andere Person zum "
                "Kümmerer oder löschen Sie das ganze Firmenkonto.")
    return None


@bp.route("/konto/austreten", methods=["GET", "POST"])
@any_user_required
def leave():
    """Deletes the own user account; the last user of a company takes the company with them."""
    members = accounts().users_of(g.user.company_id)
    refusal = _leave_refusal(members)
    last = not g.user.is_admin and len(members) == 1
    if request.method == "POST" and refusal is None:
        wrong = _check_password("password")
        if wrong:
            return render_template("konto_leave.html", refusal=None, last=last, error=wrong), 400
        if last:
            delete_company(_db(), g.user.company_id)
        else:
            accounts().delete_user(g.user.company_id, g.user.id)
        session.clear()
        flash("Ihr Firmenkonto und alle Daten dazu sind gelöscht." if last else "Ihr Zugang ist gelöscht.")
        return redirect(url_for("search.index"))
    status = 400 if refusal and request.method == "POST" else 200
    return render_template("konto_leave.html", refusal=refusal, last=last, error=None), status
