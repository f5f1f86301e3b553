"""Verbundkurse, the firms' side: a firm whose needs are in a call sees the accepted proposal
(provider, dates, place, price per person) and confirms seats or declines; the public page of a
confirmed course shows its free seats, and a firm that was not in the call can ask for seats
there (the office decides).

Only firms take seats: the office is sent to its own call page, providers and labour-market
actors are refused by the decorator. A firm sees only calls its needs are in; another call's id
is "not found". No page here names another firm."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from wbportal import audit
from wbportal.calls import mails, workflow
from wbportal.calls.model import SEAT_STATUSES, CallStatus, SeatStatus

from . import background
from wbportal.roles import Role

from .accounts import login_required, roles_required

# a seat is a firm's promise: only firms' users give it (the office grants requests on its call page)
firm_required = roles_required(Role.company)
from .call_forms import SeatsForm
from .call_support import db, mails_to, office_addresses, office_link, send_all, store, template_helpers

bp = Blueprint("verbundkurse", __name__, url_prefix="/verbundkurse")
bp.context_processor(template_helpers)


def _company_name() -> str:
    return g.user.company_name


@bp.route("/")
@login_required
def index():
    if g.user.is_admin:
        return redirect(url_for("anfragen.index"))
    s = store()
    calls = s.calls_of_company(g.user.company_id)
    own = {c.id: s.seat(c.id, g.user.company_id) for c in calls}
    requested = []
    for call in s.all(CallStatus.confirmed) + s.all(CallStatus.cancelled):
        seat = s.seat(call.id, g.user.company_id)
        if seat is not None and call.id not in own:
            requested.append((call, seat))
    return render_template("seats_index.html", calls=calls, own=own, requested=requested,
                           accepted={c.id: workflow.accepted(s, c) for c in calls}, CallStatus=CallStatus)


def _my_call(call_id: int):
    """The call if this firm's needs are in it (and the office sent it); else 404."""
    s = store()
    call = s.get(call_id)
    if call is None or call.status is CallStatus.draft or not s.heads_of_company(call_id, g.user.company_id):
        abort(404)
    return call


def _most(call) -> int:
    """Seats this firm may confirm: its heads in the call, at most the free seats left."""
    s = store()
    heads = s.heads_of_company(call.id, g.user.company_id)
    left = workflow.seats_left(s, call, except_company=g.user.company_id)
    return heads if left is None else min(heads, left)


def _show_page(call, form: SeatsForm | None = None, status: int = 200):
    s = store()
    return render_template("seats_show.html", call=call, chosen=workflow.accepted(s, call),
                           seat=s.seat(call.id, g.user.company_id), heads=s.heads_of_company(call.id, g.user.company_id),
                           most=_most(call), form=form, errors=form.first_errors() if form is not None and status == 422
                           else {}, confirmed=s.confirmed_seats(call.id), seats_left=workflow.seats_left(s, call),
                           open=call.status in SEAT_STATUSES, CallStatus=CallStatus, facts=mails), status


@bp.route("/<int:call_id>")
@login_required
def show(call_id: int):
    if g.user.is_admin:
        return redirect(url_for("anfragen.show", call_id=call_id))
    return _show_page(_my_call(call_id))


@bp.route("/<int:call_id>/plaetze", methods=["POST"])
@firm_required
def seats(call_id: int):
    call = _my_call(call_id)
    if call.status not in SEAT_STATUSES:
        flash("Für diese Anfrage können gerade keine Plätze bestätigt werden.")
        return redirect(url_for("verbundkurse.show", call_id=call_id))
    s = store()
    decline = request.form.get("aktion") == "absagen"
    if decline:
        s.set_seat(call_id, g.user.company_id, 0, SeatStatus.declined, g.user.id)
        people = 0
    else:
        form = SeatsForm(request.form, most=_most(call))
        if not form.validate():
            return _show_page(call, form, 422)
        people = int(form.seats.data)
        s.set_seat(call_id, g.user.company_id, people, SeatStatus.confirmed, g.user.id)
    audit.record(db(), g.user.email, "seat.declined" if decline else "seat.confirmed", workflow.subject(call_id),
                 company=_company_name(), seats=people)
    if call.status is CallStatus.confirmed:
        background.start_publish()  # the Verbundkurs's free seats in the catalogue
    chosen = workflow.accepted(s, call)
    failed = send_all(mails_to(office_addresses(), mails.seat_to_office(
        call, _company_name(), people, s.confirmed_seats(call_id), chosen[0].min_heads if chosen else None,
        office_link(call_id))))
    saved = ("Ihre Absage ist gespeichert." if decline else
             f"Ihre Zusage für {people} {'Person' if people == 1 else 'Personen'} ist gespeichert.")
    flash(saved + (" Die Koordinierungsstelle sieht sie im Portal; die E-Mail an sie konnte gerade nicht verschickt "
                   "werden." if failed else " Die Koordinierungsstelle ist informiert."))
    return redirect(url_for("verbundkurse.show", call_id=call_id))


# -- the public page of a confirmed course --------------------------------------------------------
def _confirmed_call(call_id: int):
    call = store().get(call_id)
    if call is None or call.status is not CallStatus.confirmed:
        abort(404)
    return call


def _course_page(call, form: SeatsForm | None = None, status: int = 200):
    s = store()
    chosen = workflow.accepted(s, call)
    if chosen is None:
        abort(404)
    member = seat = None
    if g.get("user") is not None and g.user.is_company:
        member = bool(s.heads_of_company(call.id, g.user.company_id))
        seat = s.seat(call.id, g.user.company_id)
    left = workflow.seats_left(s, call)
    return render_template("seats_course.html", call=call, chosen=chosen, seats_left=left, member=member, seat=seat,
                           form=form, errors=form.first_errors() if form is not None and status == 422 else {},
                           facts=mails), status


@bp.route("/kurs/<int:call_id>")
def course(call_id: int):
    return _course_page(_confirmed_call(call_id))


@bp.route("/kurs/<int:call_id>/anfragen", methods=["POST"])
@firm_required
def request_seat(call_id: int):
    """A firm outside the call asks for seats; the office grants or declines on the call page."""
    call = _confirmed_call(call_id)
    s = store()
    if s.heads_of_company(call_id, g.user.company_id):
        return redirect(url_for("verbundkurse.show", call_id=call_id))
    existing = s.seat(call_id, g.user.company_id)
    if existing is not None and existing.status is not SeatStatus.declined:
        flash("Ihre Firma hat für diesen Kurs schon Plätze angefragt.")
        return redirect(url_for("verbundkurse.course", call_id=call_id))
    left = workflow.seats_left(s, call)
    form = SeatsForm(request.form, most=left if left is not None else 1000)
    if not form.validate():
        return _course_page(call, form, 422)
    people = int(form.seats.data)
    s.set_seat(call_id, g.user.company_id, people, SeatStatus.requested, g.user.id)
    audit.record(db(), g.user.email, "seat.requested", workflow.subject(call_id), company=_company_name(), seats=people)
    failed = send_all(mails_to(office_addresses(), mails.request_to_office(call, _company_name(), people,
                                                                           office_link(call_id))))
    flash(f"Ihre Anfrage über {people} {'Platz' if people == 1 else 'Plätze'} ist gespeichert; die Koordinierungsstelle "
          f"entscheidet und meldet sich per E-Mail." + (" (Die Benachrichtigung der Koordinierungsstelle per E-Mail "
                                                         "konnte gerade nicht verschickt werden; sie sieht Ihre Anfrage "
                                                         "im Portal.)" if failed else ""))
    return redirect(url_for("verbundkurse.course", call_id=call_id))
