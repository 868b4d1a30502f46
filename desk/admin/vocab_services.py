"""A territory's vocabularies: retire a built-in code or bring it back, add a local need with
its labels. Codes never change and no row is deleted: a retired code still reads on the records
that carry it, in every locale; forms of the territory stop offering it and refuse it."""

import re

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import audit
from ..common.clock import utcnow
from ..common.i18n import LOCALES
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.sites import Territory
from ..models.vocabulary import VocabCode, VocabLabel, forget_read_codes
from ..vocab.codes import NEEDS, REFERRAL_REASONS, TEAM_REFERRAL_OUTCOMES

# A territory chooses among the outcomes its teams choose from ("transferred" is the desk's).
BUILT_IN = {"need": NEEDS, "referral_reason": REFERRAL_REASONS,
            "referral_outcome": TEAM_REFERRAL_OUTCOMES}
CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


def vocab_rows(territory: Territory, vocabulary: str) -> dict[str, VocabCode]:
    return {row.code: row for row in db.session.scalars(select(VocabCode).where(
        VocabCode.province == territory.code, VocabCode.vocabulary == vocabulary))}


def _known(vocabulary: str) -> dict:
    if vocabulary not in BUILT_IN:
        raise ActionRefused(_("Unknown vocabulary."))
    return BUILT_IN[vocabulary]


def set_code_retired(actor, territory: Territory, vocabulary: str, code: str,
                     retired: bool) -> VocabCode:
    builtin = _known(vocabulary)
    row = vocab_rows(territory, vocabulary).get(code)
    if row is None and code not in builtin:
        raise ActionRefused(_("Unknown code %(code)s.", code=code))
    if retired and vocabulary == "need" and code == "other":
        raise ActionRefused(_("“Other” is always offered: it is the need to choose when none "
                              "fits."))
    if row is None:
        row = VocabCode(province=territory.code, vocabulary=vocabulary, code=code, local=False)
        db.session.add(row)
    row.retired_at = utcnow() if retired else None
    db.session.flush()
    forget_read_codes()
    audit("vocab_retire" if retired else "vocab_restore", row, user=actor,
          detail={"territory": territory.code, "vocabulary": vocabulary, "code": code})
    return row


def add_local_need(actor, territory: Territory, code: str, labels: dict[str, str]) -> VocabCode:
    """A need of this territory only (a code of its own and its label per locale)."""
    code = (code or "").strip().lower()
    if not CODE.match(code):
        raise ActionRefused(_("The code is 2 to 32 small letters, digits or underscores, e.g. "
                              "seasonal_work."))
    if code in NEEDS or code in vocab_rows(territory, "need"):
        raise ActionRefused(_("The need %(code)s already exists.", code=code))
    clean = {}
    for locale, text in (labels or {}).items():
        text = " ".join((text or "").split())
        if locale not in LOCALES:
            raise ActionRefused(_("Unknown language."))
        if len(text) > 160:
            raise ActionRefused(_("Too long: at most %(limit)d characters.", limit=160))
        if text:
            clean[locale] = text
    if "it" not in clean:
        raise ActionRefused(_("Give at least the Italian label: it is shown where no label "
                              "in the reader's language exists."))
    row = VocabCode(province=territory.code, vocabulary="need", code=code, local=True)
    row.label_rows = [VocabLabel(locale=loc, label=text) for loc, text in clean.items()]
    db.session.add(row)
    db.session.flush()
    forget_read_codes()
    audit("vocab_add", row, user=actor,
          detail={"territory": territory.code, "vocabulary": "need", "code": code,
                  "labels": clean})
    return row
