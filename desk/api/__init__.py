"""The JSON API, /api/v1: people, cases and their timeline, accesses with routing, referrals,
appointments, the service directory, the territory's anonymised report; personal access
tokens; an OpenAPI 3.1 document made from the code
(docs/api.md). The same policy loaders, forms and services as the pages."""

from . import (  # noqa: F401  (their routes join the blueprint)
    access_views,
    appointment_views,
    case_views,
    directory_views,
    people_views,
    referral_views,
    report_views,
    tokens,
)
from .blueprint import bp
from .docs_views import docs_bp
from .schemas import ProblemOut

__all__ = ["ProblemOut", "bp", "docs_bp"]
