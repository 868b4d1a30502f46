"""Receipts of forms that created a record: a form sent twice (a double click, a resubmit
after a lost answer) creates its record once.

The mechanism of registration and intake, shared: the form carries a one-time token, and the
token is stored, unique, in the transaction that creates the record. The second sending finds
the receipt and is sent where the first one went; two sendings at the same moment collide on
the unique token, and the later one is rolled back.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from ..common.clock import utcnow
from ..extensions import db

TOKEN_LENGTH = 64


class FormReceipt(db.Model):
    __tablename__ = "form_receipt"

    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                                index=True)
    # Where the first sending led (the record it created, on its page).
    url: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def usable(token: str | None) -> str | None:
    token = (token or "").strip()
    return token if 0 < len(token) <= TOKEN_LENGTH else None


def receipt_url(user, token: str | None) -> str | None:
    """Where the form with this token led, if `user` sent it already."""
    token = usable(token)
    if token is None:
        return None
    return db.session.scalar(select(FormReceipt.url).where(FormReceipt.token == token,
                                                           FormReceipt.user_id == user.id))


def keep_receipt(user, token: str | None, url: str) -> None:
    """Store the receipt with the record it names (flushed: a twin sending fails here)."""
    token = usable(token)
    if token is not None:
        db.session.add(FormReceipt(token=token, user_id=user.id, url=url[:500]))
        db.session.flush()
