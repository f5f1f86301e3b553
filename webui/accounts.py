"""Company accounts: register, log in, log out. Forms are CSRF-protected (Flask-WTF); the session
cookie is HttpOnly, SameSite=Lax and Secure behind HTTPS; failed logins are rate limited."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import wraps

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for

from wbportal.office import is_disabled
from wbportal.german import datum_zeit
from wbportal.roles import Role
from wbportal.users import AccountError

from .forms import SIZES, EmailForm, LoginForm, RegisterForm, ResetForm

bp = Blueprint("accounts", __name__)
DISABLED_MESSAGE = ("Ihr Zugang ist von der Koordinierungsstelle gesperrt. Bitte wenden Sie sich an die "
                    "Koordinierungsstelle, wenn Sie das für einen Irrtum halten.")


def accounts():
    return current_app.extensions["accounts"]


def load_user() -> None:
    """The logged-in user; with the database down the request goes on as anonymous (search and
    offers come from the index) instead of failing before it starts."""
    from sqlalchemy.exc import SQLAlchemyError

    user_id = session.get("user_id")
    try:
        g.user = accounts().user_by_id(user_id) if user_id else None
        if g.user is not None and is_disabled(current_app.extensions["db"], g.user.id):
            g.user = None  # blocked by the office while logged in: from now on treated as logged out
    except SQLAlchemyError:
        current_app.logger.exception("database unavailable: request served as anonymous")
        g.user = None


def roles_required(*roles: Role):
    """A view for logged-in users of these roles only: anonymous visitors go to the login page,
    users of another role get 403. Every view that needs a login names its roles through this
    (tests/test_roles.py walks the URL map with every role)."""
    allowed = {r.value for r in roles}

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.get("user") is None:
                return redirect(url_for("accounts.login", weiter=request.full_path))
            if g.user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)
        wrapped.allowed_roles = frozenset(allowed)
        return wrapped
    return decorator


# company-side pages (needs, matches, watch list); the office has always seen them too
login_required = roles_required(Role.company, Role.admin)
admin_required = roles_required(Role.admin)
provider_required = roles_required(Role.provider)
any_user_required = roles_required(*Role)  # "Mein Konto": every logged-in user


def local_path(target: str | None, fallback: str) -> str:
    """`target` if it is a path of this site, else `fallback`: a link or form cannot send people
    elsewhere ("//host" and absolute URLs are refused)."""
    return target if target and target.startswith("/") and not target.startswith("//") else fallback


def home_of(user) -> str:
    """Where a user lands after logging in or setting a password: the first page of their role."""
    if user.is_admin:
        return url_for("admin.sources")
    if user.is_provider:
        return url_for("anbieter.index")
    if user.is_labour:
        return url_for("nachfrage.index")
    return url_for("needs.index")


def _safe_next(target: str | None) -> str:
    return local_path(target, url_for("needs.index"))


@bp.route("/konto/registrieren", methods=["GET", "POST"])
def register():
    form = request.form
    if request.method == "POST":
        checked = RegisterForm(form)
        if not checked.validate():
            return render_template("account_register.html", error=None, errors=checked.first_errors(), form=form,
                                   sizes=SIZES), 422
        try:
            user = accounts().register(company=checked.company.data, postal_code=checked.postal_code.data,
                                       size=checked.size.data, sector=checked.sector.data,
                                       contact=checked.contact.data, email=checked.email.data,
                                       password=checked.password.data)
        except AccountError as exc:
            return render_template("account_register.html", error=str(exc), errors={}, form=form, sizes=SIZES), 400
        session.clear()
        session["user_id"] = user.id
        flash("Willkommen! Ihr Firmenkonto ist angelegt.")
        return redirect(url_for("needs.index"))
    return render_template("account_register.html", error=None, errors={}, form=form, sizes=SIZES)


@bp.route("/konto/anmelden", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        checked = LoginForm(request.form)
        email = request.form.get("email", "")[:254]
        if not checked.validate():
            return render_template("account_login.html", error=None, errors=checked.first_errors(), email=email), 422
        try:
            user = accounts().login(checked.email.data, checked.password.data, request.remote_addr or "?")
        except AccountError as exc:
            return render_template("account_login.html", error=str(exc), errors={}, email=email), 400
        if is_disabled(current_app.extensions["db"], user.id):  # told only after the right password
            return render_template("account_login.html", error=DISABLED_MESSAGE, errors={}, email=email), 403
        session.clear()
        session["user_id"] = user.id
        return redirect(local_path(request.args.get("weiter"), home_of(user)))
    return render_template("account_login.html", error=None, errors={}, email="")


@bp.route("/konto/abmelden", methods=["POST"])
def logout():
    session.clear()
    flash("Sie sind abgemeldet.")
    return redirect(url_for("search.index"))


# -- password reset and invitations (a mailed, signed, time-limited link) ------------------------
RESET_SALT, RESET_MAX_AGE = "password-reset", 3600 * 24


def _serializer():
    from itsdangerous import URLSafeTimedSerializer
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def base_url() -> str:
    """Where mailed and calendar links point: the one BASE_URL setting, else this request's host."""
    return (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")


def send_reset_link(user, invited_by: str | None = None, invitation: str | None = None) -> None:
    """`invitation`: the opening sentences of an invitation the office sends (provider and
    labour-market accounts); `invited_by`: a colleague's invitation to a firm."""
    link = f"{base_url()}{url_for('accounts.reset', token=_serializer().dumps(user.id))}"
    valid_until = datum_zeit(datetime.now(timezone.utc) + timedelta(seconds=RESET_MAX_AGE))  # Berlin time
    if invitation:
        subject = "Einladung zum Weiterbildungsportal Erzgebirge"
        body = (f"Guten Tag,\n\n{invitation}\n\nBitte legen Sie hier Ihr Passwort fest (der Link gilt 24 Stunden, "
                f"bis {valid_until} Uhr):\n\n{link}\n\nIhre Anmeldung ist danach Ihre E-Mail-Adresse {user.email}.\n")
    elif invited_by:
        subject = "Einladung zum Weiterbildungsportal Erzgebirge"
        body = (f"Guten Tag,\n\n{invited_by} hat Sie eingeladen, die Weiterbildungsbedarfe von {user.company_name} "
                f"im Weiterbildungsportal Erzgebirge mit zu pflegen. Bitte legen Sie hier Ihr Passwort fest "
                f"(der Link gilt 24 Stunden, bis {valid_until} Uhr):\n\n{link}\n")
    else:
        subject = "Passwort zurücksetzen – Weiterbildungsportal Erzgebirge"
        body = (f"Guten Tag,\n\nüber diesen Link legen Sie ein neues Passwort fest (er gilt 24 Stunden, bis {valid_until} Uhr):\n\n{link}\n\n"
                f"Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.\n")
    current_app.extensions["mailer"].send(user.email, subject, body)


@bp.route("/konto/passwort-vergessen", methods=["GET", "POST"])
def forgot():
    if request.method == "POST":
        checked = EmailForm(request.form)
        if not checked.validate():
            return render_template("account_forgot.html", errors=checked.first_errors(),
                                   email=request.form.get("email", "")[:254]), 422
        user = accounts().user_by_email(checked.email.data)
        if user is not None:
            try:
                send_reset_link(user)
            except OSError:
                current_app.logger.exception("password reset mail not sent")
        # the same answer whether or not the address has an account
        flash("Wenn zu dieser Adresse ein Konto besteht, haben wir einen Link zum Zurücksetzen geschickt.")
        return redirect(url_for("accounts.login"))
    return render_template("account_forgot.html", errors={}, email="")


@bp.route("/konto/passwort-neu/<token>", methods=["GET", "POST"])
def reset(token: str):
    try:
        user_id = _serializer().loads(token, max_age=RESET_MAX_AGE)
    except Exception:  # noqa: BLE001 - expired, broken or forged
        return render_template("account_reset.html", invalid=True, error=None, errors={}), 400
    if request.method == "POST":
        checked = ResetForm(request.form)
        user = accounts().user_by_id(int(user_id))
        checked.account_email = user.email if user else None
        if not checked.validate():
            return render_template("account_reset.html", invalid=False, error=None, errors=checked.first_errors()), 422
        try:
            accounts().set_password(int(user_id), checked.password.data)
        except AccountError as exc:
            return render_template("account_reset.html", invalid=False, error=str(exc), errors={}), 400
        session.clear()
        session["user_id"] = int(user_id)
        flash("Ihr neues Passwort ist gespeichert.")
        return redirect(home_of(accounts().user_by_id(int(user_id))))
    return render_template("account_reset.html", invalid=False, error=None, errors={})


@bp.route("/firma/einladen", methods=["GET", "POST"])
@login_required
def invite():
    if request.method == "POST":
        import secrets
        checked = EmailForm(request.form)
        email = checked.email.data
        errors = checked.first_errors() if not checked.validate() else {}
        if not errors and accounts().user_by_email(email):
            errors = {"email": "Zu dieser E-Mail-Adresse gibt es schon einen Zugang. Bitte geben Sie eine neue an."}
        if errors:
            return render_template("account_invite.html", error=None, errors=errors, email=request.form.get("email", "")[:254],
                                   members=accounts().users_of(g.user.company_id)), 422
        user = accounts().add_user(g.user.company_id, email, secrets.token_urlsafe(24))
        try:
            send_reset_link(user, invited_by=g.user.email)
        except OSError:  # no mail server reachable: refuse, so no account waits for a mail that never came
            current_app.logger.exception("invitation mail to a new colleague not sent")
            accounts().delete_user(g.user.company_id, user.id)
            return render_template("account_invite.html", members=accounts().users_of(g.user.company_id), errors={}, email=email,
                                   error="Die Einladung konnte gerade nicht verschickt werden, weil der E-Mail-Versand "
                                         "gestört ist. Es wurde kein Konto angelegt. Bitte versuchen Sie es später erneut."), 503
        flash(f"Die Einladung an {email} ist verschickt.")
        return redirect(url_for("accounts.invite"))
    return render_template("account_invite.html", error=None, errors={}, email="",
                           members=accounts().users_of(g.user.company_id))


@bp.route("/benachrichtigungen/abbestellen/<token>")
def opt_out(token: str):
    from wbportal.needs.digest import user_from_token
    user_id = user_from_token(current_app.config["SECRET_KEY"], token)
    if user_id is None or accounts().user_by_id(user_id) is None:
        abort(404)
    accounts().set_digest(user_id, False)
    return render_template("account_opt_out.html")
