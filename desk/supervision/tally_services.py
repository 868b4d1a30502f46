"""What other areas use of the tallies: keeping them right around the few statements that
change counted rows outside the ORM's flush (a referral's bulk start of work, an appointment's
attendance, the merge of two people). The flush hooks keep every other write."""

from .figure_tally import following
from .tally import following_people

__all__ = ["following", "following_people"]
