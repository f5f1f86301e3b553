"""The provider's answer link: signed, expiring, single-purpose and revocable.

The token carries the recipient's id and its current nonce, signed with the portal's secret key
under the salt "call-answer" (a password-reset or e-mail token cannot be used here, nor this one
there). It expires after LINK_DAYS; the office revokes it by giving the recipient a new nonce
(the old token's nonce then no longer matches), which also serves as "send a new link".
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from enum import Enum

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "call-answer"
LINK_DAYS = 45
MAX_AGE = LINK_DAYS * 24 * 3600


class LinkProblem(str, Enum):
    invalid = "invalid"   # tampered, truncated, another purpose's token: 400
    expired = "expired"   # older than LINK_DAYS: 410
    revoked = "revoked"   # the office revoked it or sent a newer one: 410


class LinkError(Exception):
    def __init__(self, problem: LinkProblem):
        super().__init__(problem.value)
        self.problem = problem


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def answer_token(secret: str, recipient_id: int, nonce: str) -> str:
    return _serializer(secret).dumps([recipient_id, nonce])


def read_token(secret: str, token: str, max_age: int = MAX_AGE) -> tuple[int, str]:
    """(recipient id, nonce) of a good token; LinkError(invalid/expired) otherwise. Whether the
    nonce is still the recipient's (not revoked) is checked by `check_recipient`."""
    try:
        payload = _serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired:
        raise LinkError(LinkProblem.expired) from None
    except (BadSignature, UnicodeError, ValueError, TypeError):
        raise LinkError(LinkProblem.invalid) from None
    if (not isinstance(payload, list) or len(payload) != 2 or not isinstance(payload[0], int)
            or not isinstance(payload[1], str)):
        raise LinkError(LinkProblem.invalid)
    return payload[0], payload[1]


def check_recipient(recipient, nonce: str):
    """The recipient if the token's nonce is still its own and the link is not revoked."""
    if recipient is None:
        raise LinkError(LinkProblem.invalid)
    if recipient.revoked or recipient.nonce != nonce:
        raise LinkError(LinkProblem.revoked)
    return recipient


def valid_until(now: datetime | None = None) -> datetime:
    """When a link made now stops working (for the mail's "der Link gilt bis ...")."""
    return (now or datetime.now(timezone.utc)) + timedelta(seconds=MAX_AGE)
