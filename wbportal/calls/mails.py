"""The German mails of a call for offers, as (subject, body) pairs; the caller sends them.

Providers learn topic, heads, number of firms, region, window, format, budget and deadline, but
no firm's name until that firm confirmed a seat (then in the course-confirmed mail). Firms learn
the accepted provider, dates, place and price. Every mail names the page where the step is done.
"""
from __future__ import annotations

from datetime import datetime

from normalize import FORMAT_LABELS, category_label

from ..german import datum, datum_zeit
from ..users import OFFICE
from .model import Answer, Call, Proposal

GREETING = "Guten Tag,\n\n"
SIGNATURE = f"\n\nMit freundlichen Grüßen\n{OFFICE}\n"


def euro(value: float | None) -> str:
    """1450.5 -> "1.450,50 €"; whole euros without cents."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text.removesuffix(',00')} €"


def window(call: Call) -> str:
    if call.earliest and call.latest:
        return f"Beginn zwischen {datum(call.earliest)} und {datum(call.latest)}"
    if call.earliest:
        return f"Beginn ab {datum(call.earliest)}"
    if call.latest:
        return f"Beginn bis spätestens {datum(call.latest)}"
    return "Zeitraum nach Absprache"


def formats(call: Call) -> str:
    return ", ".join(FORMAT_LABELS.get(f, f) for f in call.formats) or "jede Lernform"


def proposal_text(p: Proposal) -> str:
    when = datum(p.start_date) if p.start_date == p.end_date else f"{datum(p.start_date)} – {datum(p.end_date)}"
    extra = [x for x in (p.times, f"{p.sessions} Termine" if p.sessions else "") if x]
    return when + (f" ({', '.join(extra)})" if extra else "")


def venue(chosen: Answer) -> str:
    if chosen.online:
        return "online"
    return ", ".join(x for x in (chosen.place, chosen.town) if x) or "nach Absprache"


def call_facts(call: Call, region: str) -> str:
    """The call as a provider sees it (no firm names)."""
    lines = [f"Thema: {call.topic}"]
    if call.category:
        lines.append(f"Bereich: {category_label(call.category)}")
    lines += [f"Teilnehmende: {call.head_count} Personen aus {call.company_count} "
              f"{'Firma' if call.company_count == 1 else 'Firmen'}",
              f"Region: {region}", f"Zeitraum: {window(call)}", f"Lernform: {formats(call)}",
              f"Budget je Person: {euro(call.budget_per_person) if call.budget_per_person is not None else 'offen'}"]
    if call.deadline:
        lines.append(f"Antwort erbeten bis: {datum(call.deadline)}")
    if call.notes:
        lines.append(f"Hinweise: {call.notes}")
    return "\n".join(lines)


# -- to providers ---------------------------------------------------------------------------------
def call_to_provider(call: Call, region: str, link: str, link_valid_until: datetime) -> tuple[str, str]:
    return (f"Angebotsanfrage: {call.topic} für {call.head_count} Personen",
            f"{GREETING}die Koordinierungsstelle des Weiterbildungsverbunds Erzgebirge sucht für mehrere Firmen "
            f"aus der Region einen gemeinsamen Kurs und bittet Sie um ein Angebot.\n\n{call_facts(call, region)}\n\n"
            f"Über diesen persönlichen Link sehen Sie die Anfrage und können mit bis zu drei Terminvorschlägen "
            f"antworten oder absagen (ein Konto ist nicht nötig):\n\n{link}\n\n"
            f"Der Link gilt bis {datum_zeit(link_valid_until)} Uhr. Bitte geben Sie ihn nicht weiter." + SIGNATURE)


def ask_back(call: Call, text: str, link: str) -> tuple[str, str]:
    return (f"Rückfrage zu Ihrem Angebot: {call.topic}",
            f"{GREETING}die Koordinierungsstelle hat eine Rückfrage zu Ihrer Antwort auf die Anfrage "
            f"„{call.topic}“:\n\n{text}\n\nSie können hier antworten und Ihr Angebot anpassen:\n\n{link}" + SIGNATURE)


def accepted_to_provider(call: Call, chosen: Answer, proposal: Proposal, link: str) -> tuple[str, str]:
    return (f"Ihr Angebot ist angenommen: {call.topic}",
            f"{GREETING}die Koordinierungsstelle nimmt Ihr Angebot für „{call.topic}“ an:\n\n"
            f"Termin: {proposal_text(proposal)}\nOrt: {venue(chosen)}\nPreis je Person: {euro(chosen.price_per_person)}\n\n"
            f"Die Firmen bestätigen jetzt ihre Plätze. Sobald mindestens {chosen.min_heads} Plätze zugesagt sind, "
            f"bestätigt die Koordinierungsstelle den Kurs und Sie erhalten die Namen der teilnehmenden Firmen.\n\n"
            f"Stand der Anfrage: {link}" + SIGNATURE)


def not_accepted_to_provider(call: Call) -> tuple[str, str]:
    return (f"Anfrage vergeben: {call.topic}",
            f"{GREETING}vielen Dank für Ihre Rückmeldung zur Anfrage „{call.topic}“. Die Koordinierungsstelle hat "
            f"sich für ein anderes Angebot entschieden. Wir kommen gern bei der nächsten Anfrage auf Sie zu." + SIGNATURE)


def confirmed_to_provider(call: Call, proposal: Proposal, firms: list[tuple[str, int]], link: str) -> tuple[str, str]:
    names = "\n".join(f"- {name}: {seats} {'Platz' if seats == 1 else 'Plätze'}" for name, seats in firms)
    total = sum(seats for _, seats in firms)
    return (f"Kurs bestätigt: {call.topic}",
            f"{GREETING}der Verbundkurs „{call.topic}“ ({proposal_text(proposal)}) findet statt. "
            f"Zugesagt haben {total} Personen aus diesen Firmen:\n\n{names}\n\n"
            f"Bitte stimmen Sie Anmeldung und Rechnung direkt mit den Firmen ab.\n\nZur Anfrage: {link}" + SIGNATURE)


def cancelled_to_provider(call: Call, reason: str) -> tuple[str, str]:
    why = f"\n\nGrund: {reason}" if reason else ""
    return (f"Anfrage abgesagt: {call.topic}",
            f"{GREETING}die Koordinierungsstelle hat die Anfrage „{call.topic}“ abgesagt.{why}\n\n"
            f"Ihr Link zur Anfrage zeigt nur noch diesen Stand." + SIGNATURE)


# -- to firms -------------------------------------------------------------------------------------
def accepted_to_company(call: Call, provider: str, chosen: Answer, proposal: Proposal, link: str) -> tuple[str, str]:
    return (f"Gemeinsamer Kurs: bitte Plätze bestätigen – {call.topic}",
            f"{GREETING}für Ihren Weiterbildungsbedarf „{call.topic}“ hat die Koordinierungsstelle mit mehreren "
            f"Firmen aus der Region ein Angebot eingeholt und angenommen:\n\nAnbieter: {provider}\n"
            f"Termin: {proposal_text(proposal)}\nOrt: {venue(chosen)}\nPreis je Person: {euro(chosen.price_per_person)}\n\n"
            f"Bitte bestätigen Sie hier, mit wie vielen Personen Ihre Firma teilnimmt, oder sagen Sie ab:\n\n{link}\n\n"
            f"Der Kurs findet statt, sobald mindestens {chosen.min_heads} Plätze zugesagt sind." + SIGNATURE)


def confirmed_to_company(call: Call, provider: str, proposal: Proposal, seats: int, link: str) -> tuple[str, str]:
    return (f"Kurs findet statt: {call.topic}",
            f"{GREETING}der Verbundkurs „{call.topic}“ bei {provider} ({proposal_text(proposal)}) findet statt. "
            f"Für Ihre Firma sind {seats} {'Platz' if seats == 1 else 'Plätze'} zugesagt. Der Anbieter meldet sich "
            f"zur Anmeldung bei Ihnen.\n\nZum Kurs: {link}" + SIGNATURE)


def cancelled_to_company(call: Call, reason: str, link: str) -> tuple[str, str]:
    why = f"\n\nGrund: {reason}" if reason else ""
    return (f"Gemeinsamer Kurs abgesagt: {call.topic}",
            f"{GREETING}die Koordinierungsstelle hat den gemeinsamen Kurs „{call.topic}“ abgesagt.{why}\n\n"
            f"Ihr Weiterbildungsbedarf bleibt gespeichert; wir melden uns, sobald es ein neues Angebot gibt.\n\n{link}"
            + SIGNATURE)


def seat_granted(call: Call, seats: int, link: str) -> tuple[str, str]:
    return (f"Platz im Verbundkurs zugesagt: {call.topic}",
            f"{GREETING}die Koordinierungsstelle hat Ihre Anfrage angenommen: Ihre Firma hat {seats} "
            f"{'Platz' if seats == 1 else 'Plätze'} im Verbundkurs „{call.topic}“.\n\n{link}" + SIGNATURE)


def seat_refused(call: Call, link: str) -> tuple[str, str]:
    return (f"Platz im Verbundkurs nicht möglich: {call.topic}",
            f"{GREETING}leider kann die Koordinierungsstelle Ihrer Firma keinen Platz im Verbundkurs "
            f"„{call.topic}“ zusagen.\n\n{link}" + SIGNATURE)


# -- to the office --------------------------------------------------------------------------------
def answer_in(call: Call, provider: str, declined: bool, changed: bool, link: str) -> tuple[str, str]:
    what = "hat abgesagt" if declined else ("hat sein Angebot geändert" if changed else "hat ein Angebot geschickt")
    return (f"Antwort auf Anfrage „{call.topic}“: {provider}",
            f"{GREETING}{provider} {what}.\n\nZum Vergleich der Antworten: {link}" + SIGNATURE)


def reply_in(call: Call, provider: str, text: str, link: str) -> tuple[str, str]:
    return (f"Nachricht von {provider} zu „{call.topic}“",
            f"{GREETING}{provider} schreibt zur Anfrage „{call.topic}“:\n\n{text}\n\n{link}" + SIGNATURE)


def seat_to_office(call: Call, company: str, seats: int, confirmed: int, minimum: int | None,
                   link: str) -> tuple[str, str]:
    told = f"{company} nimmt mit {seats} {'Person' if seats == 1 else 'Personen'} teil" if seats else f"{company} sagt ab"
    return (f"Platzzusage zu „{call.topic}“: {company}",
            f"{GREETING}{told}. Zugesagt sind jetzt {confirmed} Plätze"
            f"{f' (Mindestzahl {minimum})' if minimum else ''}.\n\n{link}" + SIGNATURE)


def request_to_office(call: Call, company: str, seats: int, link: str) -> tuple[str, str]:
    return (f"Platzanfrage zum Verbundkurs „{call.topic}“: {company}",
            f"{GREETING}{company} fragt {seats} {'Platz' if seats == 1 else 'Plätze'} im Verbundkurs "
            f"„{call.topic}“ an. Bitte sagen Sie zu oder ab:\n\n{link}" + SIGNATURE)
