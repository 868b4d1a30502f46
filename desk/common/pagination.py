"""Pagination, once: a page of any select, and links that keep the current filters."""

from flask import request, url_for

from ..extensions import db

# Beyond any list a desk holds; a larger number would overflow the database's OFFSET.
MAX_PAGE = 100_000


def paginate(stmt, page: int | None = None, per_page: int = 50):
    """One page of `stmt` (Flask-SQLAlchemy Pagination); an out-of-range page is empty."""
    if page is None:
        page = request.args.get("page", 1, type=int)
    return db.paginate(stmt, page=min(max(page or 1, 1), MAX_PAGE), per_page=per_page,
                       error_out=False)


def page_url(page: int, anchor: str | None = None) -> str:
    """This page's URL with the same filters, at another page number."""
    args = request.args.to_dict()
    args["page"] = page
    return url_for(request.endpoint, **(request.view_args or {}), **args,
                   **({"_anchor": anchor} if anchor else {}))
