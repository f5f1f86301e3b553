"""Calls for offers (Angebotsanfragen), the office's side: create a call from a joint-course
group, unmet needs or a hand-picked set of needs; pick providers from the directory and send the
call (one mail with its own signed link each); compare the answers side by side with totals and
distances; ask back; accept one answer and one of its dates; decide seat requests; confirm the
course once enough seats are confirmed; cancel at any step. Every step is in the audit log and
shown as the call's history.

A mail server that is down never loses a step: the step is saved, recipients not reached stay
"not sent", and the page says so in German (the office sends again later)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from normalize import taxonomy
from wbportal import audit
from wbportal.calls import mails, workflow
from wbportal.calls.links import valid_until
from wbportal.calls.model import (OPEN_FOR_RECIPIENTS, STATUS_LABELS, Call, CallStatus, SeatStatus, Sender)
from wbportal.config import load_sources
from wbportal.needs.demand import joint_groups, need_rows
from wbportal.needs.model import OfficeStatus
from wbportal.providers.directory import provider_directory
from wbportal.yamlfile import ConfigError

from . import background
from .accounts import admin_required
from .call_forms import AcceptChoice, CallForm, CancelForm, MessageForm
from .call_support import (Mail, answer_link, company_addresses, company_link, course_link, db, mails_to,
                           not_sent_message, seats_index_link, send_all, store, template_helpers)
from .query import to_int

bp = Blueprint("anfragen", __name__, url_prefix="/koordinierung/anfragen")
bp.context_processor(template_helpers)


def _needs():
    return current_app.extensions["needs"]


def _call_or_404(call_id: int) -> Call:
    call = store().get(call_id)
    if call is None:
        abort(404)
    return call


def _categories():
    return [(c.id, c.label) for c in taxonomy().values()]


def _call_form(formdata=None, call: Call | None = None) -> CallForm:
    data = {name: getattr(call, name) for name in Call.EDITABLE} if call is not None and formdata is None else None
    return CallForm(formdata=formdata, data=data).set_choices(taxonomy())


def _sources():
    try:
        return load_sources(current_app.config["SOURCES_FILE"])
    except (ConfigError, OSError) as exc:
        flash(f"sources.yaml kann nicht gelesen werden ({exc}); es werden nur Anbieter mit Konto angezeigt.")
        return None


def _actor() -> str:
    return g.user.email


# -- the list -------------------------------------------------------------------------------------
@bp.route("/")
@admin_required
def index():
    wanted = request.args.get("status", "")
    status = CallStatus(wanted) if wanted in CallStatus._value2member_map_ else None
    calls = store().all(status)
    history = {c.id: audit.entries(db(), subject=workflow.subject(c.id), limit=20) for c in calls}
    return render_template("calls_index.html", calls=calls, status=status, statuses=list(CallStatus),
                           history=history, labels=STATUS_LABELS)


# -- a new call -----------------------------------------------------------------------------------
def _picked_needs(values) -> list:
    ids = [to_int(v, 0, 0, 2**31 - 1) for v in values][:200]
    return [(n, name) for n, name in _needs().by_ids([i for i in ids if i]) if not n.paused]


def _picker():
    """The list of active needs to pick from, with the joint-course groups as ready-made picks."""
    rows = need_rows(_needs(), None)
    return render_template("calls_pick.html", rows=rows, groups=joint_groups(rows),
                           office_labels={s.value: s.label for s in OfficeStatus})


def _form_page(form: CallForm, picked, call_id: int | None = None, status: int = 200, error: str | None = None):
    return render_template("calls_form.html", form=form, picked=picked, call_id=call_id, categories=_categories(),
                           errors=form.first_errors() if status != 200 else {}, error=error), status


@bp.route("/neu", methods=["GET", "POST"])
@admin_required
def new():
    if request.method == "POST":
        picked = _picked_needs(request.form.getlist("bedarf"))
        form = _call_form(request.form)
        valid = form.validate()
        if not picked:
            return _form_page(form, picked, status=422, error="Bitte wählen Sie mindestens einen Bedarf aus.")
        if not valid:
            return _form_page(form, picked, status=422)
        call = Call(**form.values(), origin=("bedarfe:" + ",".join(str(n.id) for n, _ in picked))[:120])
        call_id = workflow.create(store(), db(), call, [n for n, _ in picked], _actor(), g.user.id)
        flash("Die Anfrage ist als Entwurf gespeichert. Wählen Sie jetzt die Anbieter aus und versenden Sie sie.")
        return redirect(url_for("anfragen.show", call_id=call_id))
    picked = _picked_needs(request.args.getlist("bedarf"))
    if not picked:
        return _picker()
    draft = workflow.draft_from_needs([n for n, _ in picked])
    return _form_page(_call_form(call=draft), picked)


@bp.route("/<int:call_id>/bearbeiten", methods=["GET", "POST"])
@admin_required
def edit(call_id: int):
    call = _call_or_404(call_id)
    if call.status is not CallStatus.draft:
        flash("Eine versandte Anfrage kann nicht mehr geändert werden. Sie können sie absagen und neu anlegen.")
        return redirect(url_for("anfragen.show", call_id=call_id))
    picked = _needs().by_ids([n.need_id for n in store().needs(call_id)])
    if request.method == "POST":
        form = _call_form(request.form)
        if not form.validate():
            return _form_page(form, picked, call_id, 422)
        store().update(call_id, Call(**form.values(), origin=call.origin))
        audit.record(db(), _actor(), "call.updated", workflow.subject(call_id), topic=form.topic.data)
        flash("Die Änderungen sind gespeichert.")
        return redirect(url_for("anfragen.show", call_id=call_id))
    return _form_page(_call_form(call=call), picked, call_id)


# -- one call: recipients, answers, seats, history ------------------------------------------------
def _entry_key(recipient) -> str:
    return f"org:{recipient.company_id}" if recipient.company_id else f"source:{recipient.source_key}"


def _show_page(call: Call, status: int = 200, errors: dict | None = None):
    s = store()
    recipients = s.recipients(call.id)
    by_recipient = {r.id: r for r in recipients}
    needs = _needs().by_ids([n.need_id for n in s.needs(call.id)])
    heads = {n.need_id: n.heads for n in s.needs(call.id)}
    places = [n.place for n, _ in needs]
    answers = []
    for a in s.answers(call.id):
        answers.append({"answer": a, "recipient": by_recipient.get(a.recipient_id), "total": a.total(call.head_count),
                        "distance": workflow.distances(a, places)})
    offers = sorted((x for x in answers if x["answer"].is_offer),
                    key=lambda x: (x["answer"].price_per_person is None, x["answer"].price_per_person or 0))
    declines = [x for x in answers if not x["answer"].is_offer]
    answered = {a["answer"].recipient_id for a in answers}
    directory = []
    if call.status in OPEN_FOR_RECIPIENTS:
        taken = {_entry_key(r) for r in recipients}
        directory = [e for e in provider_directory(db(), _sources()) if e.key not in taken]
    seats = s.seats(call.id)
    accounts = current_app.extensions["accounts"]
    names = {seat.company_id: (accounts.company(seat.company_id) or {}).get("name", "?") for seat in seats}
    chosen = workflow.accepted(s, call)
    return render_template(
        "calls_show.html", call=call, needs=needs, heads=heads, recipients=recipients, offers=offers,
        declines=declines, answered=answered, messages=s.messages(call.id), directory=directory, seats=seats,
        seat_names=names, confirmed=s.confirmed_seats(call.id), chosen=chosen,
        minimum_reached=workflow.minimum_reached(s, call), seats_left=workflow.seats_left(s, call),
        region=workflow.region(call), history=audit.entries(db(), subject=workflow.subject(call.id)),
        errors=errors or {}, SeatStatus=SeatStatus, CallStatus=CallStatus,
        open_for_recipients=call.status in OPEN_FOR_RECIPIENTS), status


@bp.route("/<int:call_id>")
@admin_required
def show(call_id: int):
    return _show_page(_call_or_404(call_id))


def _back(call_id: int):
    return redirect(url_for("anfragen.show", call_id=call_id))


# -- sending --------------------------------------------------------------------------------------
def _send(call: Call, recipients) -> tuple[list, list[str]]:
    """Mails the call to each recipient with its own link; returns (reached, failed addresses)."""
    region = workflow.region(call)
    reached, failed = [], []
    until = valid_until()
    for r in recipients:
        subject, body = mails.call_to_provider(call, region, answer_link(r), until)
        if send_all([Mail(r.email, subject, body)]):
            failed.append(r.email)
        else:
            reached.append(r)
    return reached, failed


@bp.route("/<int:call_id>/senden", methods=["POST"])
@admin_required
def send(call_id: int):
    call = _call_or_404(call_id)
    if call.status not in OPEN_FOR_RECIPIENTS:
        flash("Diese Anfrage kann nicht mehr an weitere Anbieter gehen.")
        return _back(call_id)
    s = store()
    picked = request.form.getlist("anbieter")
    entries = {e.key: e for e in provider_directory(db(), _sources())}
    unknown = [k for k in picked if k not in entries or not entries[k].email]
    if unknown:
        return _show_page(call, 422, {"anbieter": "Bitte wählen Sie nur Anbieter mit E-Mail-Adresse aus der Liste."})
    taken = {_entry_key(r) for r in s.recipients(call_id)}
    for key in dict.fromkeys(picked):
        if key in taken:
            continue
        entry = entries[key]
        s.add_recipient(call_id, provider_name=entry.name, email=entry.email, company_id=entry.company_id,
                        source_key=None if entry.company_id else entry.source_keys[0])
    waiting = [r for r in s.recipients(call_id) if not r.sent and not r.revoked]
    if not waiting:
        return _show_page(call, 422, {"anbieter": "Bitte wählen Sie mindestens einen Anbieter aus."})
    reached, failed = _send(call, waiting)
    workflow.mark_reached(s, db(), _needs(), call, reached, _actor())
    if reached:
        flash(f"Die Anfrage ist an {len(reached)} {'Anbieter' if len(reached) == 1 else 'Anbieter'} verschickt.")
    if failed:
        flash(f"An {len(failed)} Anbieter ({', '.join(failed)}) konnte die Anfrage nicht verschickt werden, weil der "
              f"E-Mail-Versand gestört ist. Die Anfrage und die Auswahl sind gespeichert; bitte versuchen Sie es "
              f"später mit „Noch nicht erreichte Anbieter anschreiben“ erneut.")
    return _back(call_id)


def _recipient_or_404(call: Call, recipient_id: int):
    recipient = store().recipient(recipient_id)
    if recipient is None or recipient.call_id != call.id:
        abort(404)
    return recipient


@bp.route("/<int:call_id>/empfaenger/<int:recipient_id>/widerrufen", methods=["POST"])
@admin_required
def revoke(call_id: int, recipient_id: int):
    call = _call_or_404(call_id)
    recipient = _recipient_or_404(call, recipient_id)
    store().revoke(recipient.id)
    audit.record(db(), _actor(), "call.link_revoked", workflow.subject(call_id), provider=recipient.provider_name)
    flash(f"Der Link von {recipient.provider_name} ist widerrufen und funktioniert nicht mehr.")
    return _back(call_id)


@bp.route("/<int:call_id>/empfaenger/<int:recipient_id>/neuer-link", methods=["POST"])
@admin_required
def renew(call_id: int, recipient_id: int):
    """A new link (the old one stops working), mailed to the provider at once."""
    call = _call_or_404(call_id)
    recipient = _recipient_or_404(call, recipient_id)
    if call.status in (CallStatus.draft, CallStatus.cancelled):
        flash("Für diese Anfrage werden keine Links verschickt.")
        return _back(call_id)
    store().renew(recipient.id)
    recipient = store().recipient(recipient.id)
    audit.record(db(), _actor(), "call.link_renewed", workflow.subject(call_id), provider=recipient.provider_name)
    reached, failed = _send(call, [recipient])
    if reached:
        store().mark_sent(recipient.id)
        flash(f"{recipient.provider_name} hat einen neuen Link bekommen; der alte funktioniert nicht mehr.")
    else:
        flash(not_sent_message(failed, "Der alte Link ist ungültig, ein neuer ist erstellt."))
    return _back(call_id)


# -- asking back ----------------------------------------------------------------------------------
@bp.route("/<int:call_id>/nachfrage/<int:recipient_id>", methods=["POST"])
@admin_required
def ask(call_id: int, recipient_id: int):
    call = _call_or_404(call_id)
    recipient = _recipient_or_404(call, recipient_id)
    if call.status is CallStatus.cancelled or not recipient.sent or recipient.revoked:
        flash("An diesen Anbieter kann zu dieser Anfrage keine Rückfrage gehen (Anfrage abgesagt, noch nicht "
              "verschickt oder Link widerrufen).")
        return _back(call_id)
    form = MessageForm(request.form)
    if not form.validate():
        return _show_page(call, 422, {f"text-{recipient_id}": form.first_errors()["text"]})
    store().add_message(recipient, Sender.office, form.text.data)
    audit.record(db(), _actor(), "call.asked", workflow.subject(call_id), provider=recipient.provider_name)
    failed = send_all(mails_to([recipient.email], mails.ask_back(call, form.text.data, answer_link(recipient))))
    flash(not_sent_message(failed, "Die Rückfrage ist gespeichert und auf der Antwortseite des Anbieters zu sehen.")
          if failed else f"Die Rückfrage ist an {recipient.provider_name} verschickt.")
    return _back(call_id)


# -- accepting ------------------------------------------------------------------------------------
@bp.route("/<int:call_id>/annehmen", methods=["POST"])
@admin_required
def accept(call_id: int):
    call = _call_or_404(call_id)
    s = store()
    choice = AcceptChoice.parse(request.form.get("wahl", ""))
    chosen = s.answer(choice.answer_id) if choice else None
    if choice is None or chosen is None or chosen.call_id != call.id:
        return _show_page(call, 422, {"wahl": "Bitte wählen Sie ein Angebot und einen seiner Termine aus."})
    if call.status is not CallStatus.answers:
        flash("Diese Anfrage nimmt kein Angebot mehr an (sie ist schon vergeben oder abgesagt).")
        return _back(call_id)
    if not workflow.accept(s, db(), call, chosen, choice.proposal, _actor()):
        return _show_page(call, 422, {"wahl": "Bitte wählen Sie ein Angebot und einen seiner Termine aus."})
    call = s.get(call_id)
    answer, proposal, recipient = workflow.accepted(s, call)
    outgoing = [Mail(recipient.email, *mails.accepted_to_provider(call, answer, proposal, answer_link(recipient)))]
    outgoing += [Mail(r.email, *mails.not_accepted_to_provider(call)) for r in s.recipients(call_id)
                 if r.id != recipient.id and r.sent and not r.revoked]
    for company_id in sorted({n.company_id for n in s.needs(call_id)}):
        outgoing += mails_to(company_addresses(company_id), mails.accepted_to_company(
            call, recipient.provider_name, answer, proposal, company_link(call_id)))
    failed = send_all(outgoing)
    saved = f"Das Angebot von {recipient.provider_name} ist angenommen; die Firmen können jetzt ihre Plätze bestätigen."
    flash(not_sent_message(failed, saved) if failed else saved + " Anbieter und Firmen sind per E-Mail informiert.")
    return _back(call_id)


# -- confirming the course ------------------------------------------------------------------------
def _seat_firms(call_id: int) -> list[tuple[int, str, int]]:
    accounts = current_app.extensions["accounts"]
    return [(seat.company_id, (accounts.company(seat.company_id) or {}).get("name", "?"), seat.seats)
            for seat in store().seats(call_id) if seat.status is SeatStatus.confirmed and seat.seats > 0]


@bp.route("/<int:call_id>/bestaetigen", methods=["POST"])
@admin_required
def confirm(call_id: int):
    call = _call_or_404(call_id)
    s = store()
    if call.status is not CallStatus.accepted:
        flash("Nur eine Anfrage mit angenommenem Angebot kann als Kurs bestätigt werden.")
        return _back(call_id)
    if not workflow.confirm(s, db(), _needs(), call, _actor()):
        chosen = workflow.accepted(s, call)
        flash(f"Es sind erst {s.confirmed_seats(call_id)} Plätze zugesagt; der Kurs braucht mindestens "
              f"{chosen[0].min_heads if chosen else '?'}.")
        return _back(call_id)
    background.start_publish()
    call = s.get(call_id)
    answer, proposal, recipient = workflow.accepted(s, call)
    firms = _seat_firms(call_id)
    outgoing = [Mail(recipient.email, *mails.confirmed_to_provider(
        call, proposal, [(name, seats) for _, name, seats in firms], answer_link(recipient)))]
    for company_id, _, seats in firms:
        outgoing += mails_to(company_addresses(company_id), mails.confirmed_to_company(
            call, recipient.provider_name, proposal, seats, company_link(call_id)))
    failed = send_all(outgoing)
    saved = "Der Kurs ist bestätigt und erscheint als Verbundkurs in der Suche."
    flash(not_sent_message(failed, saved) if failed else saved + " Anbieter und Firmen sind per E-Mail informiert.")
    return _back(call_id)


# -- seat requests of firms outside the call -------------------------------------------------------
@bp.route("/<int:call_id>/platz/<int:seat_id>", methods=["POST"])
@admin_required
def seat_request(call_id: int, seat_id: int):
    call = _call_or_404(call_id)
    s = store()
    seat = s.seat_by_id(call_id, seat_id)
    if seat is None:
        abort(404)
    if seat.status is not SeatStatus.requested or call.status is not CallStatus.confirmed:
        flash("Über diese Platzanfrage ist schon entschieden.")
        return _back(call_id)
    grant = request.form.get("entscheidung") == "zusagen"
    if grant:
        left = workflow.seats_left(s, call)
        if left is not None and seat.seats > left:
            flash(f"Es sind nur noch {left} Plätze frei; die Anfrage über {seat.seats} Plätze kann so nicht "
                  f"zugesagt werden.")
            return _back(call_id)
        s.set_seat(call_id, seat.company_id, seat.seats, SeatStatus.confirmed, seat.user_id)
        for n in s.needs(call_id):
            if n.company_id == seat.company_id:
                _needs().set_office_status(n.need_id, OfficeStatus.served)
        background.start_publish()
        text = mails.seat_granted(call, seat.seats, course_link(call_id))
    else:
        s.set_seat(call_id, seat.company_id, seat.seats, SeatStatus.declined, seat.user_id)
        text = mails.seat_refused(call, course_link(call_id))
    company = (current_app.extensions["accounts"].company(seat.company_id) or {}).get("name", "?")
    audit.record(db(), _actor(), "seat.granted" if grant else "seat.refused", workflow.subject(call_id),
                 company=company, seats=seat.seats)
    failed = send_all(mails_to(company_addresses(seat.company_id), text))
    saved = f"Die Platzanfrage von {company} ist {'zugesagt' if grant else 'abgelehnt'}."
    flash(not_sent_message(failed, saved) if failed else saved + " Die Firma ist per E-Mail informiert.")
    return _back(call_id)


# -- cancelling -----------------------------------------------------------------------------------
@bp.route("/<int:call_id>/absagen", methods=["POST"])
@admin_required
def cancel(call_id: int):
    call = _call_or_404(call_id)
    s = store()
    form = CancelForm(request.form)
    if not form.validate():
        return _show_page(call, 422, {"reason": form.first_errors()["reason"]})
    if not workflow.cancel(s, db(), _needs(), call, _actor(), form.reason.data):
        flash("Diese Anfrage ist schon abgesagt.")
        return _back(call_id)
    cancelled = s.get(call_id)
    outgoing = [Mail(r.email, *mails.cancelled_to_provider(cancelled, form.reason.data))
                for r in s.recipients(call_id) if r.sent and not r.revoked]
    told = {n.company_id for n in s.needs(call_id)} if call.status in (CallStatus.accepted, CallStatus.confirmed) else set()
    told |= {seat.company_id for seat in s.seats(call_id) if seat.status is not SeatStatus.declined}
    for company_id in sorted(told):
        outgoing += mails_to(company_addresses(company_id),
                             mails.cancelled_to_company(cancelled, form.reason.data, seats_index_link()))
    if call.status is CallStatus.confirmed:
        background.start_publish()  # the Verbundkurs leaves the catalogue
    failed = send_all(outgoing)
    saved = "Die Anfrage ist abgesagt."
    flash(not_sent_message(failed, saved) if failed else
          saved + (" Alle Beteiligten sind per E-Mail informiert." if outgoing else ""))
    return _back(call_id)
