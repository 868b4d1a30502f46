"""The main screens, by endpoint, and who looks at them. Screens not built yet are skipped."""

from dataclasses import dataclass

import pytest
from flask import url_for

OPERATOR = "operatore@demo.test"
LEGAL = "legale@demo.test"
MEDIATOR_AR = "mediatrice@demo.test"
SUPERVISOR = "supervisore@demo.test"


@dataclass(frozen=True)
class Screen:
    name: str
    user: str | None
    endpoint: str

    def __str__(self) -> str:
        return self.name


MAIN_SCREENS = (
    Screen("sign-in", None, "auth.login"),
    Screen("desk-home", OPERATOR, "people.desk_home"),
    Screen("people-search", OPERATOR, "people.search"),
    Screen("team-queue", LEGAL, "teams.my_queue"),
    Screen("appointments", LEGAL, "teams.appointments"),
    Screen("supervision", SUPERVISOR, "supervision.dashboard"),
    Screen("permit-glossary", OPERATOR, "vocab.glossary"),
)


def has_screen(live_server, endpoint: str) -> bool:
    return endpoint in live_server.app.view_functions


def require_screen(live_server, *endpoints: str) -> None:
    missing = [e for e in endpoints if not has_screen(live_server, e)]
    if missing:
        pytest.skip(f"screen not built yet: {', '.join(missing)}")


def path_for(live_server, endpoint: str, **values) -> str:
    require_screen(live_server, endpoint)
    with live_server.app.test_request_context():
        return url_for(endpoint, **values)
