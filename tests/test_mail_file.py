"""WBPORTAL_MAIL_FILE: the demo's mails land in an mbox file instead of a mail server."""
from __future__ import annotations

import mailbox
from email import policy
from email.parser import BytesParser

from wbportal.mail import Mailer


def test_mail_file_keeps_every_mail_readable(tmp_path, monkeypatch, capsys):
    path = tmp_path / "mail.mbox"
    monkeypatch.setenv("WBPORTAL_MAIL_FILE", str(path))
    mailer = Mailer()
    mailer.send("anbieter@example.org", "Angebotsanfrage: Staplerschein", "Link: http://x/antwort/abc")
    mailer.send("firma@example.org", "Verbundkurs bestätigt", "Guten Tag")
    box = mailbox.mbox(str(path), factory=lambda f: BytesParser(policy=policy.default).parse(f))
    messages = [(m["To"], m["Subject"], m.get_content()) for m in box]
    assert messages == [("anbieter@example.org", "Angebotsanfrage: Staplerschein", "Link: http://x/antwort/abc\n"),
                        ("firma@example.org", "Verbundkurs bestätigt", "Guten Tag\n")]
    assert "mail to anbieter@example.org: Angebotsanfrage: Staplerschein" in capsys.readouterr().err


def test_an_explicit_smtp_host_wins_over_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("WBPORTAL_MAIL_FILE", str(tmp_path / "mail.mbox"))
    assert Mailer("127.0.0.1", 2525).file is None
