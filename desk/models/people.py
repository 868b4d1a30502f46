"""The people served, their languages, residence documents and consent records."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.clock import utcnow
from ..extensions import db
from ..vocab.codes import CONSENT_PURPOSES, PERMIT_TYPES, SEXES
from .sites import Site
from .types import check_in


class Person(db.Model):
    __tablename__ = "person"
    __table_args__ = (
        check_in("sex", SEXES),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", "birth_year_range"),
        Index("ix_person_site_name_key", "site_id", "name_key"),
        Index("ix_person_phone", "phone"),
        # A strong identifier: one codice fiscale belongs to one person across every site.
        Index("uq_person_tax_code", "tax_code", unique=True),
        Index("ix_person_site_birth_year", "site_id", "birth_year"),
        Index("ix_person_birth_date", "birth_date"),
        # A unique index, not a constraint: SQLite adds it without rebuilding the table.
        Index("uq_person_form_token", "form_token", unique=True),
        # An id is never given twice: a merged record's id lives on in its tombstone
        # (models.merges), and SQLite would otherwise reuse the highest id once deleted.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"))
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120))
    # The name as written in the person's own script (Arabic, Cyrillic, Bengali, Han, ...).
    given_name_original: Mapped[str | None] = mapped_column(String(120))
    family_name_original: Mapped[str | None] = mapped_column(String(120))
    # Normalised, transliterated form of every name: what search compares against.
    name_key: Mapped[str] = mapped_column(String(500), default="")
    # Birth date may be known only to the year: then birth_date is NULL.
    birth_year: Mapped[int | None]
    birth_date: Mapped[date | None]
    sex: Mapped[str] = mapped_column(String(1), default="U")
    nationality: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    preferred_language: Mapped[str | None] = mapped_column(String(8))  # ISO 639
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    phone: Mapped[str | None] = mapped_column(String(32))  # E.164
    tax_code: Mapped[str | None] = mapped_column(String(16))  # codice fiscale
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    pseudonymised_at: Mapped[datetime | None]
    # A legal hold (pending proceedings, an authority's request) blocks erasure and retention.
    legal_hold: Mapped[bool] = mapped_column(default=False, server_default=false())
    legal_hold_reason: Mapped[str | None] = mapped_column(Text)
    # One-time token of the registration form: a resubmission finds this person again.
    form_token: Mapped[str | None] = mapped_column(String(64))

    site: Mapped[Site] = relationship()
    # Loaded where shown: lists that show them ask for them (search results), one person's
    # page reads them on demand; queues and timelines that name a person do not.
    language_rows: Mapped[list["PersonLanguage"]] = relationship(cascade="all, delete-orphan")
    documents: Mapped[list["ResidenceDocument"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="ResidenceDocument.id"
    )
    consents: Mapped[list["Consent"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Consent.given_at"
    )

    @property
    def languages(self) -> list[str]:
        return sorted(row.language for row in self.language_rows)

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def original_name(self) -> str:
        return " ".join(n for n in (self.given_name_original, self.family_name_original) if n)

    def __repr__(self) -> str:
        return f"<Person {self.id}>"


class PersonLanguage(db.Model):
    __tablename__ = "person_language"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(8), primary_key=True)


class ResidenceDocument(db.Model):
    __tablename__ = "residence_document"
    __table_args__ = (
        check_in("doc_type", PERMIT_TYPES),
        Index("ix_residence_document_expiry", "expiry_date"),
        Index("ix_residence_document_number", "number"),
        # A strong identifier: one document (type and number) belongs to one person.
        Index("uq_residence_document_type_number", "doc_type", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    doc_type: Mapped[str] = mapped_column(String(40))
    number: Mapped[str | None] = mapped_column(String(40))
    expiry_date: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    person: Mapped[Person] = relationship(back_populates="documents")

    __mapper_args__ = {"version_id_col": version}


class Consent(db.Model):
    __tablename__ = "consent"
    __table_args__ = (check_in("purpose", CONSENT_PURPOSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Language in which the privacy notice was given (ISO 639).
    language: Mapped[str] = mapped_column(String(8))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="consents")


class PersonNameToken(db.Model):
    """Search index of names: one row per (name word, sound key or one-typo variant of it).

    Looked up by indexed equality on `key`, so search stays fast with many people; the few
    candidates found are then ranked in Python (desk/counter/search.py).
    """

    __tablename__ = "person_name_token"
    __table_args__ = (
        # Covers each lookup of search.py (sound key, exact or one typo away), so the
        # table itself is never read during a search.
        Index("ix_person_name_token_key", "key", "is_variant", "person_id", "token"),
        Index("ix_person_name_token_token", "token", "person_id"),
    )

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    # Normalised word ([a-z0-9]), compared bytewise: search.py finds a prefix as the range
    # (word, word + "{"), which an Italian or English collation would leave empty.
    token: Mapped[str] = mapped_column(
        String(120).with_variant(String(120, collation="C"), "postgresql"), primary_key=True)
    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # sound key or variant
    is_variant: Mapped[bool] = mapped_column(default=False)
