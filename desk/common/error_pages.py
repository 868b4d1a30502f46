"""Error pages in the user's language."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from ..extensions import db

MESSAGES = {
    400: (
        _l("Request not understood"),
        _l("The form could not be read. Go back, reload the page and try again."),
    ),
    403: (
        _l("Not allowed"),
        _l("Your role does not allow you to see this page. If you think you need it, ask your supervisor."),
    ),
    404: (_l("Not found"), _l("This page does not exist, or it is not available to you.")),
    405: (_l("Not allowed"), _l("This address cannot be used in this way.")),
    409: (
        _l("Changed by someone else"),
        _l(
            "Someone else changed this record while you were working. "
            "Reload the page to see their change, then try again."
        ),
    ),
    413: (_l("Too large"), _l("What you sent is too large for the desk (at most 1 MB of text). "
                              "Shorten it, or split it into several notes, and try again.")),
    429: (_l("Please wait"), _l("Too many attempts in a short time. Wait a little (a few seconds, "
                                "or some minutes after many attempts) and try again.")),
    500: (
        _l("Something went wrong"),
        _l("Nothing was saved. Try again; if it happens again, tell your administrator."),
    ),
}


def register_error_handlers(app: Flask) -> None:
    def render(code: int):
        title, message = MESSAGES[code]
        return render_template("error.html", code=code, title=title, message=message), code

    for code in MESSAGES:
        if code == 500:
            continue
        app.register_error_handler(code, lambda error, code=code: render(code))

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return render(400)

    @app.errorhandler(500)
    def server_error(_error):
        db.session.rollback()
        return render(500)
