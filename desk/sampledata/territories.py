"""The territory a demo or generated site belongs to (models.sites.Territory)."""

from sqlalchemy import select

from ..extensions import db
from ..models.sites import Territory


def ensure_territory(code: str, name: str) -> None:
    if db.session.scalar(select(Territory).where(Territory.code == code)) is None:
        db.session.add(Territory(code=code, name=name, region="Piemonte"))
        db.session.flush()
