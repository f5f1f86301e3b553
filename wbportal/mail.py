"""Outgoing mail over SMTP, configured by environment variables (WBPORTAL_SMTP_HOST, _PORT,
_USER, _PASSWORD, _STARTTLS, WBPORTAL_MAIL_FROM)."""
from __future__ import annotations

import os
import smtplib
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

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message["Date"] = format_datetime(datetime.now(BERLIN))  # mail programs show it in local time
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(message)
