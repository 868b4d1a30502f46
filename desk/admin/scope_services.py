"""What a coordinator's needs observatory covers (User.observatory_scope): the region, one
territory (a province code of the territories or sites), or nothing. Every change is audited."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit.services import audit
from ..auth.services import AccountError
from ..extensions import db
from ..models.sites import Site, Territory
from ..models.users import REGION, User

NOT_A_COORDINATOR = _l("Only an account with the coordinator role observes figures: give it "
                       "that role first.")
UNKNOWN_SCOPE = _l("Choose the region or one of the territories.")


def provinces() -> dict[str, str]:
    """Province code -> name, of the territories and of the sites."""
    names = dict(db.session.execute(select(Territory.code, Territory.name)).all())
    for province, territory in db.session.execute(select(Site.province, Site.territory)):
        names.setdefault(province, territory)
    return dict(sorted(names.items()))


def set_scope(actor: User | None, user: User, scope: str | None) -> None:
    """Flushes; the caller commits."""
    if not user.has_role("coordinator"):
        raise AccountError(str(NOT_A_COORDINATOR))
    scope = scope or None
    if scope is not None and scope != REGION and scope not in provinces():
        raise AccountError(str(UNKNOWN_SCOPE))
    before = user.observatory_scope
    if before == scope:
        return
    user.observatory_scope = scope
    db.session.flush()
    audit("user_update", user, user=actor,
          detail={"before": {"observatory_scope": before}, "after": {"observatory_scope": scope}})
