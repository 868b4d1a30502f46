"""Supervision figures of external referrals: by organisation and outcome, by reason, the
median time to acknowledgement and the share still without outcome after the follow-up date.
Read through the access policy (the referrals of the cases the supervisor sees)."""

from collections import Counter
from dataclasses import dataclass
from statistics import median

from sqlalchemy import select

from .. import policy
from ..common.clock import today
from ..extensions import db
from ..models.directory import Organisation
from ..models.external_referrals import ExternalReferral


@dataclass
class Figures:
    total: int
    by_organisation: list[tuple[str, Counter]]  # organisation name -> outcome/status counts
    by_reason: Counter
    median_days_to_acknowledge: float | None
    overdue_without_outcome: int
    past_follow_up: int

    @property
    def overdue_share(self) -> float | None:
        return self.overdue_without_outcome / self.past_follow_up if self.past_follow_up else None


def external_referral_figures(user) -> Figures:
    referral_ids = policy.visible_external_referrals(user).with_only_columns(
        ExternalReferral.id).scalar_subquery()
    rows = db.session.execute(
        select(Organisation.name, ExternalReferral.status, ExternalReferral.outcome,
               ExternalReferral.reason, ExternalReferral.sent_at,
               ExternalReferral.acknowledged_at, ExternalReferral.follow_up_on)
        .join(Organisation, Organisation.id == ExternalReferral.organisation_id)
        .where(ExternalReferral.id.in_(referral_ids))).all()
    by_org: dict[str, Counter] = {}
    waits, overdue, past = [], 0, 0
    day = today()
    for name, status, outcome, _reason, sent, acknowledged, follow_up in rows:
        by_org.setdefault(name, Counter())[outcome or status] += 1
        if acknowledged is not None:
            waits.append((acknowledged - sent).total_seconds() / 86400)
        if follow_up < day:
            past += 1
            overdue += status != "closed"
    return Figures(
        total=len(rows), by_organisation=sorted(by_org.items()),
        by_reason=Counter(row.reason for row in rows),
        median_days_to_acknowledge=round(median(waits), 1) if waits else None,
        overdue_without_outcome=overdue, past_follow_up=past)
