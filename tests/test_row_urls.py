"""Row links built once per page lead where url_for leads, whatever the id and the query."""

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import url_for

from desk.common.row_urls import row_url


def _same(built: str, expected: str) -> None:
    left, right = urlsplit(built), urlsplit(expected)
    assert (left.path, parse_qs(left.query)) == (right.path, parse_qs(right.query))


@pytest.mark.parametrize("next_", [None, "/teams/legal/queue?status=pending#referral-7",
                                   "/teams/legal/queue?q=Ma%C3%AFa Diallo&page=2", ""])
def test_each_row_link_equals_url_for(app, next_):
    with app.test_request_context("/", base_url="http://desk.example.test/sportello"):
        decline = row_url("teamwork.decline_referral", "referral_id")
        case = row_url("cases.case_detail", "case_id")
        for id_ in (1, 42, 918273645, 10**9):
            _same(decline(id_, next=next_),
                  url_for("teamwork.decline_referral", referral_id=id_, next=next_))
            assert case(id_) == url_for("cases.case_detail", case_id=id_)
        assert case(5).startswith("/sportello/cases/")  # the app's own prefix is kept


def test_an_id_that_is_not_a_number_is_refused(app):
    with app.test_request_context("/"):
        with pytest.raises(ValueError):
            row_url("cases.case_detail", "case_id")("5/../../admin")
