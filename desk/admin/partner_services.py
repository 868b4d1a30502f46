"""Partner accounts: the one organisation a user of role `partner` belongs to, which decides
the referrals they see (policy.partner_referrals). Every change is audited.

An organisation is active while at least one of its services is active in the directory: an
account cannot be attached to one that no longer receives referrals."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import policy
from ..audit.services import audit
from ..auth.services import AccountError
from ..auth.sessions import end_all_sessions
from ..extensions import db
from ..models.directory import Organisation
from ..models.external_referrals import PartnerMember
from ..models.users import User

NOT_A_PARTNER = _l("Only an account with the partner role belongs to an organisation: give it "
                   "that role first.")


def organisations(actor: User | None) -> list[Organisation]:
    """The organisations an account may be attached to: those of the directory `actor` sees
    (`None`: a command run on the server, every organisation)."""
    query = select(Organisation) if actor is None else policy.visible_organisations(actor)
    return list(db.session.scalars(query.options(selectinload(Organisation.services))
                                   .order_by(Organisation.province, Organisation.name)))


def is_active(organisation: Organisation) -> bool:
    return any(service.active for service in organisation.services)


def organisation_of(user: User) -> Organisation | None:
    member = db.session.get(PartnerMember, user.id)
    return member.organisation if member else None


def _organisation(actor: User | None, organisation_id: int) -> Organisation:
    found = next((o for o in organisations(actor) if o.id == organisation_id), None)
    if found is None:
        raise AccountError(_("Unknown organisation: choose one of the directory."))
    if not is_active(found):
        raise AccountError(_("%(organisation)s has no active service in the directory, so it "
                             "receives no referrals: choose another organisation, or make one "
                             "of its services active first.", organisation=found.name))
    return found


def attach_partner(actor: User | None, user: User, organisation_id: int | None):
    """Make `user` (role partner) a member of the organisation, or of none (`None`).
    Flushes; the caller commits."""
    if not user.has_role("partner"):
        raise AccountError(str(NOT_A_PARTNER))
    member = db.session.get(PartnerMember, user.id)
    before = member.organisation_id if member else None
    organisation = None if organisation_id is None else _organisation(actor, organisation_id)
    after = organisation.id if organisation else None
    if before == after:
        return organisation
    if member is not None:
        db.session.delete(member)
        db.session.flush()
        # The referrals of the old organisation must not stay on an open page.
        end_all_sessions(user)
    if organisation is not None:
        db.session.add(PartnerMember(user_id=user.id, organisation_id=organisation.id))
    db.session.flush()
    audit("user_update", user, user=actor,
          detail={"before": {"organisation_id": before}, "after": {"organisation_id": after}})
    return organisation
