"""The provider's answer to a call for offers: through the signed link of its mail (no account),
or logged in as a user of a provider organisation the call went to (`/antwort/meine`).

The page shows the call without any firm's name (region, heads, window, format, budget), the
provider's answer (up to three date proposals, place or online, price per person, minimum and
maximum heads, notes) or its decline, and the conversation with the office. The answer can be
changed until the office accepted one. Names of firms appear only for the accepted provider and
only for firms that confirmed a seat.

A bad link never gives a 500: a tampered or foreign token is 400, an expired or revoked one 410,
each with a German page. Every POST counts against a rate limit per client address and per
recipient (wbportal.calls.ratelimit; German 429 page)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from wbportal import audit
from wbportal.calls import mails, workflow
from wbportal.calls.links import LinkError, LinkProblem, check_recipient, read_token
from wbportal.calls.model import OPEN_FOR_ANSWERS, AnswerStatus, CallStatus, Proposal, SeatStatus, Sender
from wbportal.calls.ratelimit import allow

from .accounts import provider_required
from .call_forms import AnswerForm, DeclineForm, MessageForm
from .call_support import db, mails_to, office_addresses, office_link, send_all, store, template_helpers
from .forms import known_place

bp = Blueprint("antwort", __name__, url_prefix="/antwort")
bp.context_processor(template_helpers)

LINK_STATUS = {LinkProblem.invalid: 400, LinkProblem.expired: 410, LinkProblem.revoked: 410}


def _answer_form(formdata=None, answer=None) -> AnswerForm:
    data = None
    if formdata is None and answer is not None and answer.is_offer:
        data = {"online": "1" if answer.online else "", "town": answer.town, "street": answer.place,
                "price": answer.price_per_person, "min_heads": answer.min_heads, "max_heads": answer.max_heads,
                "notes": answer.notes}
        for i, p in enumerate(answer.proposals[:3], start=1):
            data |= {f"start{i}": p.start_date, f"end{i}": p.end_date, f"times{i}": p.times, f"sessions{i}": p.sessions}
    return AnswerForm(formdata=formdata, data=data)


def _named_firms(call, recipient) -> list[tuple[str, int]]:
    """Firms with a confirmed seat, for the accepted provider only (never before a firm confirmed)."""
    chosen = workflow.accepted(store(), call)
    if chosen is None or chosen[2] is None or chosen[2].id != recipient.id:
        return []
    accounts = current_app.extensions["accounts"]
    return [((accounts.company(s.company_id) or {}).get("name", "?"), s.seats) for s in store().seats(call.id)
            if s.status is SeatStatus.confirmed and s.seats > 0]


def _page(recipient, *, token: str | None, answer_form=None, decline_form=None, message_form=None,
          status: int = 200):
    s = store()
    call = s.get(recipient.call_id)
    answer = s.answer_of(recipient.id)
    errors = {}
    for form in (answer_form, decline_form, message_form):
        if form is not None and status == 422:
            errors |= form.first_errors()
    chosen = workflow.accepted(s, call)
    return render_template(
        "answer_page.html", call=call, recipient=recipient, answer=answer, token=token,
        form=answer_form or _answer_form(answer=answer), decline_form=decline_form or DeclineForm(),
        message_form=message_form or MessageForm(), errors=errors, region=workflow.region(call),
        facts=mails, messages=s.messages(call.id, recipient.id), open=call.status in OPEN_FOR_ANSWERS,
        chosen=chosen, mine_accepted=chosen is not None and chosen[2] is not None and chosen[2].id == recipient.id,
        firms=_named_firms(call, recipient), confirmed=s.confirmed_seats(call.id), CallStatus=CallStatus,
        action=url_for("antwort.page", token=token) if token else url_for("antwort.mine_answer", recipient_id=recipient.id),
    ), status


def _link_refused(problem: LinkProblem):
    return render_template("answer_invalid.html", problem=problem.value), LINK_STATUS[problem]


def _limited(recipient) -> bool:
    return not allow(db(), [f"answer-ip:{request.remote_addr or '?'}", f"answer:{recipient.id}"])


def _handle_post(recipient, token: str | None, actor: str):
    """The three forms of the page: offer (art=angebot), decline (art=absage), message (art=nachricht)."""
    if _limited(recipient):
        return render_template("answer_limit.html"), 429
    s = store()
    call = s.get(recipient.call_id)
    kind = request.form.get("art", "")
    back = redirect(url_for("antwort.page", token=token) if token else
                    url_for("antwort.mine_answer", recipient_id=recipient.id))
    if kind == "nachricht":
        form = MessageForm(request.form)
        if call.status is CallStatus.cancelled:
            flash("Die Anfrage ist abgesagt; Nachrichten sind nicht mehr möglich.")
            return back
        if not form.validate():
            return _page(recipient, token=token, message_form=form, status=422)
        s.add_message(recipient, Sender.provider, form.text.data)
        audit.record(db(), actor, "call.replied", workflow.subject(call.id), provider=recipient.provider_name)
        failed = send_all(mails_to(office_addresses(), mails.reply_in(call, recipient.provider_name, form.text.data,
                                                                      office_link(call.id))))
        flash("Ihre Nachricht ist gespeichert." + (" Die Koordinierungsstelle sieht sie im Portal; die Benachrichtigung "
                                                   "per E-Mail konnte gerade nicht verschickt werden." if failed else
                                                   " Die Koordinierungsstelle ist benachrichtigt."))
        return back
    if kind not in ("angebot", "absage"):
        abort(400)
    if call.status not in OPEN_FOR_ANSWERS:
        flash("Diese Anfrage nimmt keine Antworten mehr an." if call.status is not CallStatus.draft else
              "Diese Anfrage ist noch nicht freigegeben.")
        return back
    if kind == "absage":
        form = DeclineForm(request.form)
        if not form.validate():
            return _page(recipient, token=token, decline_form=form, status=422)
        first = workflow.answer(s, db(), call, recipient, actor, status=AnswerStatus.declined,
                                decline_reason=form.reason.data)
        saved = "Ihre Absage ist gespeichert. Vielen Dank für Ihre Rückmeldung."
    else:
        form = AnswerForm(request.form)
        if not form.validate():
            return _page(recipient, token=token, answer_form=form, status=422)
        online = form.online.data == "1"
        town = known_place(form.town.data)
        first = workflow.answer(
            s, db(), call, recipient, actor, status=AnswerStatus.offer,
            proposals=[Proposal(*p) for p in form.proposals()], online=online,
            town="" if online or town is None else town.name, place="" if online else form.street.data,
            price_per_person=float(form.price.data), min_heads=int(form.min_heads.data),
            max_heads=int(form.max_heads.data), notes=form.notes.data)
        saved = ("Vielen Dank, Ihr Angebot ist gespeichert. Sie können es ändern, bis die Koordinierungsstelle ein "
                 "Angebot angenommen hat.")
    failed = send_all(mails_to(office_addresses(), mails.answer_in(call, recipient.provider_name, kind == "absage",
                                                                   not first, office_link(call.id))))
    flash(saved + (" Die Koordinierungsstelle sieht es im Portal; die Benachrichtigung per E-Mail konnte gerade nicht "
                   "verschickt werden." if failed else ""))
    return back


# -- by signed link -------------------------------------------------------------------------------
def _by_token(token: str):
    """The recipient of a good, current link; LinkError otherwise."""
    recipient_id, nonce = read_token(current_app.config["SECRET_KEY"], token)
    if not 0 < recipient_id < 2**31:
        raise LinkError(LinkProblem.invalid)
    recipient = check_recipient(store().recipient(recipient_id), nonce)
    if not recipient.sent:
        raise LinkError(LinkProblem.revoked)
    return recipient


@bp.route("/<token>", methods=["GET", "POST"])
def page(token: str):
    if len(token) > 500:
        return _link_refused(LinkProblem.invalid)
    try:
        recipient = _by_token(token)
    except LinkError as exc:
        return _link_refused(exc.problem)
    if request.method == "POST":
        return _handle_post(recipient, token, f"Anbieter-Link: {recipient.provider_name}")
    return _page(recipient, token=token)


# -- logged-in provider users ---------------------------------------------------------------------
@bp.route("/meine")
@provider_required
def mine():
    s = store()
    rows = []
    for r in s.recipients_of_organisation(g.user.company_id):
        call = s.get(r.call_id)
        if call is not None:
            rows.append({"recipient": r, "call": call, "answer": s.answer_of(r.id)})
    return render_template("answer_mine.html", rows=rows)


def _own_recipient(recipient_id: int):
    recipient = store().recipient(recipient_id)
    if recipient is None or recipient.company_id != g.user.company_id or not recipient.sent:
        abort(404)  # another provider's call does not exist for this one
    if recipient.revoked:
        return None
    return recipient


@bp.route("/meine/<int:recipient_id>", methods=["GET", "POST"])
@provider_required
def mine_answer(recipient_id: int):
    recipient = _own_recipient(recipient_id)
    if recipient is None:
        return _link_refused(LinkProblem.revoked)
    if request.method == "POST":
        return _handle_post(recipient, None, g.user.email)
    return _page(recipient, token=None)
