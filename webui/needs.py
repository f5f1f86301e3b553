"""A company's training needs: create (also from the current search), edit, pause, delete, and
the matching offers with explanations. A company only ever sees its own needs."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from normalize import enums, taxonomy
from wbportal.needs import Need
from wbportal.needs.matching import match_need

from .accounts import accounts, local_path, login_required
from .query import to_date, to_int

bp = Blueprint("needs", __name__)
FORMATS, FUNDING = enums.FORMATS, enums.FUNDINGS


def need_from_form(form) -> Need:
    return Need(
        topic=form.get("topic", "").strip()[:300],
        category=form.get("category") if form.get("category") in taxonomy() else "",
        employees=to_int(form.get("employees"), 1, 1, 10000),
        earliest=to_date(form.get("earliest")), latest=to_date(form.get("latest")),
        place=form.get("place", "").strip()[:80],
        radius_km=to_int(form.get("radius_km"), 50, 1, 500),
        formats=[f for f in form.getlist("formats") if f in FORMATS],
        time_model=form.get("time_model") if form.get("time_model") in enums.TIME_MODELS else "",
        max_price=to_int(form.get("max_price"), None, 0, 10**6),
        funding=[f for f in form.getlist("funding") if f in FUNDING],
        notes=form.get("notes", "").strip()[:2000],
    )


def need_from_search(args) -> Need:
    """"Diese Suche als Bedarf speichern": the search's words and filters as a need."""
    category = (args.getlist("category") or [""])[0]
    return Need(topic=args.get("q", "")[:300], category=category if category in taxonomy() else "",
                earliest=to_date(args.get("from")), latest=to_date(args.get("to")),
                place=args.get("near", "")[:80], radius_km=to_int(args.get("radius"), 50, 1, 500),
                formats=[f for f in args.getlist("format") if f in FORMATS],
                max_price=to_int(args.get("max_price"), None, 0, 10**6),
                funding=[f for f in args.getlist("funding") if f in FUNDING])


def needs_store():
    return current_app.extensions["needs"]


def _own(need_id: int) -> Need:
    need = needs_store().get(g.user.company_id, need_id)
    if need is None:
        abort(404)  # another company's need does not exist for this company
    return need


@bp.route("/bedarfe")
@login_required
def index():
    return render_template("needs.html", needs=needs_store().of_company(g.user.company_id))


@bp.route("/bedarfe/neu", methods=["GET", "POST"])
@login_required
def create():
    if request.method == "POST":
        need = need_from_form(request.form)
        if not need.topic:
            return render_template("need_form.html", need=need, error="Bitte beschreiben Sie das Thema.",
                                   **_choices()), 400
        need_id = needs_store().save(g.user.company_id, need)
        flash("Der Bedarf ist gespeichert.")
        return redirect(url_for("needs.show", need_id=need_id))
    return render_template("need_form.html", need=need_from_search(request.args), error=None, **_choices())


@bp.route("/bedarfe/<int:need_id>/bearbeiten", methods=["GET", "POST"])
@login_required
def edit(need_id: int):
    need = _own(need_id)
    if request.method == "POST":
        changed = need_from_form(request.form)
        if not changed.topic:
            return render_template("need_form.html", need=changed.with_changes(id=need_id),
                                   error="Bitte beschreiben Sie das Thema.", **_choices()), 400
        needs_store().save(g.user.company_id, changed, need_id)
        flash("Die Änderungen sind gespeichert.")
        return redirect(url_for("needs.show", need_id=need_id))
    return render_template("need_form.html", need=need, error=None, **_choices())


@bp.route("/bedarfe/<int:need_id>/pausieren", methods=["POST"])
@login_required
def pause(need_id: int):
    need = _own(need_id)
    needs_store().set_paused(g.user.company_id, need_id, not need.paused)
    return redirect(url_for("needs.show", need_id=need_id))


@bp.route("/bedarfe/<int:need_id>/loeschen", methods=["POST"])
@login_required
def delete(need_id: int):
    _own(need_id)
    needs_store().delete(g.user.company_id, need_id)
    flash("Der Bedarf ist gelöscht.")
    return redirect(url_for("needs.index"))


@bp.route("/bedarfe/<int:need_id>")
@login_required
def show(need_id: int):
    need = _own(need_id)
    matches, near = match_need(current_app.extensions["searcher"], need)
    seen = need.last_viewed
    new = {m.record["id"] for m in matches if seen and (m.record.get("first_seen") or "") > seen}
    needs_store().mark_viewed(g.user.company_id, need_id)
    return render_template("need.html", need=need, matches=matches, near=near, new=new, first_visit=not seen,
                           watched=set(accounts().watched(g.user.id)))


@bp.route("/merkliste")
@login_required
def watchlist():
    searcher = current_app.extensions["searcher"]
    records = [r for r in (searcher.get(i) for i in accounts().watched(g.user.id)) if r]
    return render_template("watchlist.html", records=records)


@bp.route("/merkliste/<offer_id>", methods=["POST"])
@login_required
def toggle_watch(offer_id: str):
    if current_app.extensions["searcher"].get(offer_id[:100]) is None:
        abort(404)
    on = accounts().toggle_watch(g.user.id, offer_id[:100])
    flash("Auf die Merkliste gesetzt." if on else "Von der Merkliste genommen.")
    target = request.form.get("zurueck", "")
    return redirect(local_path(target, url_for("needs.watchlist")))


def _choices() -> dict:
    return {"categories": [(c.id, c.label) for c in taxonomy().values()], "formats": FORMATS, "funding": FUNDING}
