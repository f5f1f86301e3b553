"""What the pages of calls for offers share (office, provider answers, firms' seats): the store,
the links that go into mails, sending a batch of mails without losing the step when the mail
server is down, and who gets them (a firm's users, the office's users)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for
from sqlalchemy import select

from wbportal.calls import CallStore
from wbportal.calls.links import answer_token
from wbportal.db.tables import users
from wbportal.roles import Role

from .accounts import base_url


def db():
    return current_app.extensions["db"]


def store() -> CallStore:
    return CallStore(db())


def answer_link(recipient) -> str:
    token = answer_token(current_app.config["SECRET_KEY"], recipient.id, recipient.nonce)
    return f"{base_url()}{url_for('antwort.page', token=token)}"


def office_link(call_id: int) -> str:
    return f"{base_url()}{url_for('anfragen.show', call_id=call_id)}"


def company_link(call_id: int) -> str:
    return f"{base_url()}{url_for('verbundkurse.show', call_id=call_id)}"


def seats_index_link() -> str:
    return f"{base_url()}{url_for('verbundkurse.index')}"


def course_link(call_id: int) -> str:
    return f"{base_url()}{url_for('verbundkurse.course', call_id=call_id)}"


@dataclass
class Mail:
    to: str
    subject: str
    body: str


def send_all(mails: list[Mail]) -> list[str]:
    """Sends each mail; returns the addresses that could not be reached (mail server down)."""
    failed = []
    mailer = current_app.extensions["mailer"]
    for mail in mails:
        try:
            mailer.send(mail.to, mail.subject, mail.body)
        except OSError:
            current_app.logger.exception("mail about a call for offers to %s not sent", mail.to)
            failed.append(mail.to)
    return failed


def mails_to(addresses: list[str], text: tuple[str, str]) -> list[Mail]:
    return [Mail(a, *text) for a in addresses]


def company_addresses(company_id: int) -> list[str]:
    """The firm's users who are not blocked."""
    with db().engine.connect() as conn:
        return [r.email for r in conn.execute(select(users.c.email).where(
            users.c.company_id == company_id, users.c.disabled.is_(False)).order_by(users.c.id))]


def office_addresses() -> list[str]:
    with db().engine.connect() as conn:
        return [r.email for r in conn.execute(select(users.c.email).where(
            users.c.role == Role.admin.value, users.c.disabled.is_(False)).order_by(users.c.id))]


def not_sent_message(failed: list[str], saved: str) -> str:
    """The German note after a step whose mails did not all go out: the step itself is kept."""
    who = "eine Adresse" if len(failed) == 1 else f"{len(failed)} Adressen"
    return (f"{saved} Die E-Mail an {who} konnte aber gerade nicht verschickt werden, weil der E-Mail-Versand "
            f"gestört ist ({', '.join(failed[:5])}{' …' if len(failed) > 5 else ''}).")


def template_helpers() -> dict:
    """The German wording of mails.py for the templates of all three blueprints (one wording)."""
    from wbportal.calls import mails
    from wbportal.calls.model import history_label

    return {"euro": mails.euro, "proposal_text": mails.proposal_text, "venue": mails.venue,
            "facts_window": mails.window, "facts_formats": mails.formats, "history_label": history_label}
