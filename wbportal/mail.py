"""Outgoing mail over SMTP, configured by environment variables (WBPORTAL_SMTP_HOST, _PORT,
_USER, _PASSWORD, _STARTTLS, WBPORTAL_MAIL_FROM).

`WBPORTAL_MAIL_FILE` instead appends every mail to that file (mbox) and prints one line per
mail: `wbportal demo` uses it, so the demo's invitations, calls for offers and their answer links
can be followed without a mail server."""
from __future__ import annotations

import mailbox
import os
import smtplib
import sys
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from .german import BERLIN


class Mailer:
    def __init__(self, host: str | None = None, port: int | None = None, sender: str | None = None):
        self.host = host or os.environ.get("WBPORTAL_SMTP_HOST", "localhost")
        self.port = port or int(os.environ.get("WBPORTAL_SMTP_PORT", "25"))
        self.sender = sender or os.environ.get("WBPORTAL_MAIL_FROM", "weiterbildungsportal@localhost")
        self.user = os.environ.get("WBPORTAL_SMTP_USER")
        self.password = os.environ.get("WBPORTAL_SMTP_PASSWORD")
        self.starttls = os.environ.get("WBPORTAL_SMTP_STARTTLS") == "1"
        self.file = None if host else os.environ.get("WBPORTAL_MAIL_FILE")  # an explicit SMTP host wins

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message["Date"] = format_datetime(datetime.now(BERLIN))  # mail programs show it in local time
        message.set_content(body)
        if self.file:
            box = mailbox.mbox(self.file)
            try:
                box.lock()
                box.add(message)
                box.flush()
            finally:
                box.unlock()
                box.close()
            print(f"mail to {to}: {subject} (saved in {self.file})", file=sys.stderr, flush=True)
            return
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(message)
