"""What the list of transfers shows, read through the policy: a supervisor's transfers in and
out."""

from sqlalchemy import case as when
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models.transfers import CaseTransfer
from ..policy import names_the_person, visible_transfers

LIST_LIMIT = 200


def transfers_of(user) -> dict:
    """The transfers to and from my sites, those waiting first, then the latest decided (at
    most LIST_LIMIT), with the ids of those whose person the page may name."""
    rows = list(db.session.scalars(
        visible_transfers(user)
        .options(joinedload(CaseTransfer.person), joinedload(CaseTransfer.from_site),
                 joinedload(CaseTransfer.to_site), joinedload(CaseTransfer.requested_by),
                 joinedload(CaseTransfer.decided_by))
        .order_by(when((CaseTransfer.status == "requested", 0), else_=1),
                  CaseTransfer.requested_at.desc(), CaseTransfer.id.desc())
        .limit(LIST_LIMIT)))
    return {
        "incoming": [t for t in rows if t.to_site_id in user.site_ids],
        "outgoing": [t for t in rows if t.from_site_id in user.site_ids],
        "named": {t.id for t in rows if names_the_person(user, t)},
    }

