"""Cases: accesses, referrals, timeline, notes, appointments, care plan."""

from ..blueprints import AreaBlueprint
from ..pagination import page_url

# Views are imported at registration (see desk.blueprints): the case page and notes, referral
# actions, appointments and the care plan, residence documents.
bp = AreaBlueprint(
    "cases", __name__, template_folder="templates",
    view_modules=("views", "referral_views", "plan_views", "document_views"),
)

# The pager macro (templates/_pagination.html) builds its links with page_url().
bp.add_app_template_global(page_url)
