"""Company accounts: register, log in, log out. Forms are CSRF-protected (Flask-WTF); the session
cookie is HttpOnly, SameSite=Lax and Secure behind HTTPS; failed logins are rate limited."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for

from wbportal.accounts import AccountError

bp = Blueprint("accounts", __name__)
SIZES = ("1-9", "10-49", "50-249", "250+")


def accounts():
    return current_app.extensions["accounts"]


def load_user() -> None:
    user_id = session.get("user_id")
    g.user = accounts().user_by_id(user_id) if user_id else None


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            return redirect(url_for("accounts.login", weiter=request.full_path))
        return view(*args, **kwargs)
    return wrapped


def admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            return redirect(url_for("accounts.login", weiter=request.full_path))
        if not g.user.is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def _safe_next(target: str | None) -> str:
    """Only paths of this site: a login link cannot send people elsewhere."""
    return target if target and target.startswith("/") and not target.startswith("//") else url_for("needs.index")


@bp.route("/konto/registrieren", methods=["GET", "POST"])
def register():
    form = request.form
    if request.method == "POST":
        missing = [label for name, label in (("company", "Firmenname"), ("postal_code", "Postleitzahl"),
                                             ("email", "E-Mail-Adresse")) if not form.get(name, "").strip()]
        try:
            if missing:
                raise AccountError(f"Bitte füllen Sie aus: {', '.join(missing)}.")
            if not (form["postal_code"].strip().isdigit() and len(form["postal_code"].strip()) == 5):
                raise AccountError("Bitte geben Sie eine fünfstellige Postleitzahl an.")
            if form.get("password") != form.get("password2"):
                raise AccountError("Die beiden Passwörter stimmen nicht überein.")
            user = accounts().register(company=form["company"][:200], postal_code=form["postal_code"],
                                       size=form.get("size") if form.get("size") in SIZES else SIZES[0],
                                       sector=form.get("sector", "")[:200], contact=form.get("contact", "")[:200],
                                       email=form["email"][:254], password=form.get("password", ""))
        except AccountError as exc:
            return render_template("account_register.html", error=str(exc), form=form, sizes=SIZES), 400
        session.clear()
        session["user_id"] = user.id
        flash("Willkommen! Ihr Firmenkonto ist angelegt.")
        return redirect(url_for("needs.index"))
    return render_template("account_register.html", error=None, form=form, sizes=SIZES)


@bp.route("/konto/anmelden", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        try:
            user = accounts().login(request.form.get("email", "")[:254], request.form.get("password", ""),
                                    request.remote_addr or "?")
        except AccountError as exc:
            return render_template("account_login.html", error=str(exc), email=request.form.get("email", "")), 400
        session.clear()
        session["user_id"] = user.id
        return redirect(_safe_next(request.args.get("weiter")))
    return render_template("account_login.html", error=None, email="")


@bp.route("/konto/abmelden", methods=["POST"])
def logout():
    session.clear()
    flash("Sie sind abgemeldet.")
    return redirect(url_for("search.index"))
