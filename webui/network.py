"""The firm's people around the matrix: who is a Kümmerer (granted and revoked by Kümmerer),
whether colleagues may read the matrix, the opt-in network directory of Kümmerer across firms,
and the company's own data: export everything, delete the account."""
from __future__ import annotations


from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from sqlalchemy import select

from normalize import gazetteer
from wbportal.catalogue import now_iso
from wbportal.company_data import delete_company, export_company
from wbportal.db.tables import companies, kuemmerer_profiles, users
from wbportal.users import AccountError

from .accounts import accounts, login_required
from .downloads import json_download
from .forms import NetworkProfileForm, SwitchForm
from .workspace import kuemmerer_required

bp = Blueprint("network", __name__)


def _db():
    return current_app.extensions["db"]


# -- roles in the firm ----------------------------------------------------------------------------
@bp.route("/firma/kuemmerer")
@kuemmerer_required
def team():
    company = accounts().company(g.user.company_id)
    return render_template("team.html", members=accounts().users_of(g.user.company_id), company=company)


def _switch_ok(name: str) -> bool:
    form = SwitchForm(request.form)
    form[name].validate(form)
    return not form[name].errors


def _team_refused():
    """A switch with a value other than 0/1 (a changed request): say so, change nothing."""
    company = accounts().company(g.user.company_id)
    return render_template("team.html", members=accounts().users_of(g.user.company_id), company=company,
                           error="Diese Angabe können wir nicht verarbeiten. Bitte nutzen Sie die Schaltflächen "
                                 "auf dieser Seite."), 422


@bp.route("/firma/kuemmerer/<int:user_id>", methods=["POST"])
@kuemmerer_required
def set_role(user_id: int):
    if user_id not in {u.id for u in accounts().users_of(g.user.company_id)}:
        abort(404)  # a user of another company does not exist here
    if not _switch_ok("kuemmerer"):
        return _team_refused()
    on = request.form.get("kuemmerer") == "1"
    try:
        accounts().set_kuemmerer(g.user.company_id, user_id, on)
    except LookupError:
        abort(404)  # a user of another company does not exist here
    except AccountError as exc:
        flash(str(exc))
        return redirect(url_for("network.team"))
    flash("Die Rolle ist vergeben." if on else "Die Rolle ist entzogen.")
    return redirect(url_for("network.team"))


@bp.route("/firma/matrix-sichtbarkeit", methods=["POST"])
@kuemmerer_required
def matrix_visibility():
    if not _switch_ok("alle"):
        return _team_refused()
    on = request.form.get("alle") == "1"
    accounts().set_matrix_for_all(g.user.company_id, on)
    flash("Alle Kolleginnen und Kollegen können die Matrix jetzt lesen." if on
          else "Nur Kümmerer sehen die Matrix.")
    return redirect(url_for("network.team"))


# -- the network directory ------------------------------------------------------------------------
def _profile(user_id: int) -> dict | None:
    with _db().engine.connect() as conn:
        row = conn.execute(select(kuemmerer_profiles).where(kuemmerer_profiles.c.user_id == user_id)).first()
    return dict(row._mapping) if row else None


def _network_allowed() -> bool:
    return g.user.is_admin or g.user.kuemmerer


@bp.route("/netzwerk")
@login_required
def directory():
    if not _network_allowed():
        abort(403)
    area, topic = request.args.get("region", "")[:80], request.args.get("thema", "").strip()[:80]
    query = (select(kuemmerer_profiles, companies.c.name.label("company"))
             .join(users, users.c.id == kuemmerer_profiles.c.user_id)
             .join(companies, companies.c.id == users.c.company_id)
             .where(kuemmerer_profiles.c.visible.is_(True), users.c.kuemmerer.is_(True))
             .order_by(kuemmerer_profiles.c.display_name))
    with _db().engine.connect() as conn:
        entries = [dict(r._mapping) for r in conn.execute(query)]
    for e in entries:
        town = gazetteer().lookup(e["town"]) if e["town"] else None
        e["district"] = town.district if town else ""
    areas = sorted({e["district"] for e in entries if e["district"]})
    if area:
        entries = [e for e in entries if e["district"] == area]
    if topic:
        entries = [e for e in entries if topic.casefold() in (e["topics"] + " " + e["industry"]).casefold()]
    return render_template("network.html", entries=entries, areas=areas, area=area, topic=topic,
                           own=None if g.user.is_admin else _profile(g.user.id))


@bp.route("/netzwerk/profil", methods=["GET", "POST"])
@kuemmerer_required
def profile():
    current = _profile(g.user.id) or {"visible": False, "display_name": "", "town": "", "industry": "",
                                      "topics": "", "contact": ""}
    if request.method == "POST":
        form = NetworkProfileForm(request.form)
        values = {name: form[name].data for name in ("display_name", "town", "industry", "topics", "contact")}
        values["visible"] = form.visible.data == "1"
        if not form.validate():
            return render_template("network_profile.html", profile=values, errors=form.first_errors(),
                                   error=None), 422
        with _db().engine.begin() as conn:
            conn.execute(kuemmerer_profiles.delete().where(kuemmerer_profiles.c.user_id == g.user.id))
            conn.execute(kuemmerer_profiles.insert().values(user_id=g.user.id, updated=now_iso(), **values))
        flash("Ihr Eintrag im Netzwerk ist sichtbar." if values["visible"] else "Ihr Eintrag ist nicht (mehr) sichtbar.")
        return redirect(url_for("network.directory"))
    return render_template("network_profile.html", profile=current, errors={}, error=None)


# -- the company's data ------------------------------------------------------------------------------
@bp.route("/konto/daten.json")
@kuemmerer_required
def export_data():
    return json_download(export_company(_db(), g.user.company_id), "firmendaten.json")


@bp.route("/konto/loeschen", methods=["GET", "POST"])
@kuemmerer_required
def delete_account():
    if request.method == "POST":
        try:
            accounts().login(g.user.email, request.form.get("password", ""), request.remote_addr or "-")
        except AccountError:
            return render_template("account_delete.html", error="Das Passwort stimmt nicht."), 400
        delete_company(_db(), g.user.company_id)
        session.clear()
        flash("Ihr Firmenkonto und alle Daten dazu sind gelöscht.")
        return redirect(url_for("search.index"))
    return render_template("account_delete.html", error=None)


# -- joint courses: the company's view of the office's groups ----------------------------------------
def _opted_in_companies() -> set[int]:
    """Companies with a Kümmerer whose network entry is visible: only they are named to others."""
    query = (select(users.c.company_id).join(kuemmerer_profiles, kuemmerer_profiles.c.user_id == users.c.id)
             .where(kuemmerer_profiles.c.visible.is_(True), users.c.kuemmerer.is_(True)))
    with _db().engine.connect() as conn:
        return {r.company_id for r in conn.execute(query)}


@bp.route("/gemeinsame-kurse")
@login_required
def joint_courses():
    """The joint-course groups the company's needs belong to; other members by name only if they
    opted into the network, else as "eine Firma aus <Region>"."""
    from wbportal.needs.demand import joint_groups, need_rows

    if g.user.is_admin:
        return redirect(url_for("admin.demand"))
    groups = [grp for grp in joint_groups(need_rows(current_app.extensions["needs"], None))
              if grp.has_company(g.user.company_id)]
    named = _opted_in_companies()
    return render_template("joint_courses.html", groups=groups, named=named, me=g.user.company_id,
                           i_am_named=g.user.company_id in named)


@bp.route("/gemeinsame-kurse/<int:need_id>", methods=["POST"])
@login_required
def join(need_id: int):
    from .query import to_int

    store = current_app.extensions["needs"]
    need = store.get(g.user.company_id, need_id)
    if need is None:
        abort(404)
    people = to_int(request.form.get("personen"), None, 0, 1000) if request.form.get("dabei") == "1" else None
    store.set_joining(g.user.company_id, need_id, people or None)
    flash(f"Sie sind mit {people} {'Person' if people == 1 else 'Personen'} dabei." if people
          else "Ihre Zusage ist zurückgenommen.")
    return redirect(url_for("network.joint_courses"))
