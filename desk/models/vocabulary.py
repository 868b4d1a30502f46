"""A territory's choices among the vocabularies: built-in codes it retires, and codes of its
own (a local need) with their labels per locale. Codes stay stable; a retired code still reads
on the records that carry it, it is only no longer offered or accepted in a form."""

from datetime import datetime

from flask import g, has_app_context, has_request_context
from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.i18n import current_locale
from ..extensions import db
from ..vocab import codes
from ..vocab.codes import NEEDS, REFERRAL_OUTCOMES, REFERRAL_REASONS, label
from .types import check_in

# The vocabularies a territory may configure (name -> the stored code columns that use them).
CONFIGURABLE = ("need", "referral_reason", "referral_outcome")


class VocabCode(db.Model):
    """One code of one vocabulary in one territory: a built-in code retired there
    (`local` false), or a code the territory added (`local` true)."""

    __tablename__ = "vocab_code"
    __table_args__ = (
        UniqueConstraint("province", "vocabulary", "code"),
        check_in("vocabulary", CONFIGURABLE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    province: Mapped[str] = mapped_column(String(2), index=True)
    vocabulary: Mapped[str] = mapped_column(String(24))
    code: Mapped[str] = mapped_column(String(32))
    local: Mapped[bool] = mapped_column(default=False)
    retired_at: Mapped[datetime | None]

    label_rows: Mapped[list["VocabLabel"]] = relationship(
        back_populates="vocab_code", cascade="all, delete-orphan", order_by="VocabLabel.locale")

    @property
    def labels(self) -> dict[str, str]:
        return {row.locale: row.label for row in self.label_rows}


class VocabLabel(db.Model):
    __tablename__ = "vocab_label"
    __table_args__ = (UniqueConstraint("vocab_code_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vocab_code_id: Mapped[int] = mapped_column(ForeignKey("vocab_code.id", ondelete="CASCADE"),
                                               index=True)
    locale: Mapped[str] = mapped_column(String(8))
    label: Mapped[str] = mapped_column(String(160))

    vocab_code: Mapped[VocabCode] = relationship(back_populates="label_rows")


def _rows(province: str | None, vocabulary: str) -> list[VocabCode]:
    """The territory's rows of one vocabulary; in a request, all its vocabularies are read
    once (a form asks for several, some more than once)."""
    if not province:
        return []
    if not has_request_context():
        return list(db.session.scalars(select(VocabCode).where(
            VocabCode.province == province, VocabCode.vocabulary == vocabulary)))
    cache = g.setdefault("vocab_rows", {})
    if province not in cache:
        by_vocabulary: dict[str, list[VocabCode]] = {}
        for row in db.session.scalars(select(VocabCode).where(VocabCode.province == province)
                                      .order_by(VocabCode.id)):
            by_vocabulary.setdefault(row.vocabulary, []).append(row)
        cache[province] = by_vocabulary
    return cache[province].get(vocabulary, [])


def forget_read_codes() -> None:
    """After a change to a vocabulary: the request reads it again."""
    if has_app_context():
        g.pop("vocab_rows", None)
        g.pop("local_code_labels", None)


def retired_codes(province: str | None, vocabulary: str) -> set[str]:
    """Codes no longer offered in this territory (they still read on old records)."""
    return {row.code for row in _rows(province, vocabulary) if row.retired_at is not None}


def offered_codes(province: str | None, vocabulary: str) -> list[str]:
    """The territory's own codes that are offered (built-in codes are listed by vocab.codes)."""
    return [row.code for row in _rows(province, vocabulary) if row.local and row.retired_at is None]


def offered_choices(province: str | None, vocabulary: str, builtin: dict) -> list[tuple[str, str]]:
    """(code, label) pairs a form offers: the built-in codes not retired here, then the local."""
    rows = _rows(province, vocabulary)
    retired = {row.code for row in rows if row.retired_at is not None}
    pairs = [(code, label(builtin, code)) for code in builtin if code not in retired]
    local = sorted((row for row in rows if row.local and row.retired_at is None),
                   key=lambda row: row.code)
    return pairs + [(row.code, local_label(row)) for row in local]


def local_label(row: VocabCode) -> str:
    """A local code's label: the reader's locale, else Italian, else English, else the code."""
    return _pick(row.labels, row.code)


def _label_of_local_code(vocabulary: dict, code: str) -> str | None:
    """vocab.codes.label asks here for a code it does not know (a local need)."""
    name = VOCABULARY_OF.get(id(vocabulary))
    if name is None or not has_app_context():
        return None
    cache = g.setdefault("local_code_labels", {})
    if (name, code) not in cache:
        row = db.session.scalar(select(VocabCode).where(
            VocabCode.vocabulary == name, VocabCode.code == code, VocabCode.local.is_(True))
            .order_by(VocabCode.id).limit(1))
        cache[(name, code)] = (row.labels, row.code) if row is not None else None
    found = cache[(name, code)]
    return _pick(*found) if found else None


def _pick(labels: dict[str, str], code: str) -> str:
    locale = str(current_locale() or "it") if has_request_context() else "it"
    return labels.get(locale) or labels.get("it") or labels.get("en") or code


VOCABULARY_OF = {id(NEEDS): "need", id(REFERRAL_REASONS): "referral_reason",
                 id(REFERRAL_OUTCOMES): "referral_outcome"}
codes.LOCAL_LABELS = _label_of_local_code
