"""The e-mail digest: after an index update, each company user gets one mail with the offers
that newly match their company's needs. Each match is mailed to a user once; every mail has an
opt-out link. Users who chose the weekly digest get it on Mondays only; what matched in between
was never marked as mailed, so Monday's mail holds everything since their last digest."""
from __future__ import annotations

from datetime import date, datetime

from itsdangerous import URLSafeSerializer

from ..german import BERLIN, offer_dates
from .matching import match_need

SALT = "digest-opt-out"


def opt_out_token(secret: str, user_id: int) -> str:
    return URLSafeSerializer(secret, salt=SALT).dumps(user_id)


def user_from_token(secret: str, token: str) -> int | None:
    try:
        return int(URLSafeSerializer(secret, salt=SALT).loads(token))
    except Exception:  # noqa: BLE001 - any broken or forged token
        return None


WEEKLY_DAY = 0  # Monday, a day the morning-digest job of schedules.yaml runs


def send_digests(accounts, need_store, searcher, mailer, *, base_url: str, secret: str,
                 today: date | None = None) -> int:
    """Mails sent. `today` (default: the date in Europe/Berlin) decides who of the weekly users
    is due."""
    sent = 0
    today = today or datetime.now(BERLIN).date()
    for user in accounts.digest_users():
        if user.digest_weekly and today.weekday() != WEEKLY_DAY:
            continue
        sections, ids = [], []
        renewals, notices = [], []
        for need in need_store.of_company(user.company_id):
            if need.origin.startswith("renewal:") and user.kuemmerer:
                notice = f"renewal-{need.id}-{need.latest or 'x'}-{need.employees}"[:80]
                renewals.append(f"- {need.reason}")
                notices.append(notice)
            if need.paused:
                continue
            matches = match_need(searcher, need, near=False).matches
            # one line per course that has dates not mailed yet, naming the first new date
            unmailed = set(accounts.unmailed(user.id, [r["id"] for m in matches for r in (m.record, *m.other_runs)]))
            lines = []
            for m in matches:
                fresh = [r for r in (m.record, *m.other_runs) if r["id"] in unmailed]
                if not fresh:
                    continue
                more = {0: "", 1: " (und 1 weiterer neuer Termin)"}.get(len(fresh) - 1,
                                                                       f" (und {len(fresh) - 1} weitere neue Termine)")
                lines.append(f"- {m.record['title']} ({m.record['provider']}), Termin: {offer_dates(fresh[0])}{more}\n"
                             f"  passt: {', '.join(m.fits)}\n"
                             f"  {base_url}/angebot/{fresh[0]['id']}")
                new_ids = [r["id"] for r in fresh]
                ids += [i for i in new_ids if i not in ids]
            if lines:
                sections.append(f"Zu Ihrem Bedarf „{need.topic}“:\n" + "\n".join(lines))
        new_notices = accounts.unmailed(user.id, notices)
        if new_notices:  # due renewals are listed whenever something about them changed
            sections.insert(0, "Fällige Auffrischungen laut Ihrer Qualifikationsmatrix:\n" + "\n".join(renewals)
                            + f"\n  {base_url}/qualifikationen?faellig=90")
            ids += new_notices
        if not sections:
            continue
        body = (f"Guten Tag,\n\nhier ist Neues aus dem Weiterbildungsportal Erzgebirge für {user.company_name}:\n\n"
                + "\n\n".join(sections) +
                f"\n\nIhre Bedarfe: {base_url}/bedarfe\n\nWie oft diese E-Mail kommt, stellen Sie unter „Mein Konto“ ein: "
                f"{base_url}/konto#benachrichtigungen\nSie möchten diese Benachrichtigung nicht mehr erhalten? "
                f"{base_url}/benachrichtigungen/abbestellen/{opt_out_token(secret, user.id)}\n")
        offers = len([i for i in ids if not i.startswith("renewal-")])
        subject = (f"{offers} neue passende Weiterbildungsangebote" if offers
                   else "Fällige Auffrischungen in Ihrer Qualifikationsmatrix")
        mailer.send(user.email, subject, body)
        accounts.mark_mailed(user.id, ids)
        sent += 1
    return sent
