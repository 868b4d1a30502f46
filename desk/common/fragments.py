"""Parts of every page that are the same for every reader of one language, rendered once
per process (issue 21): `{{ fragment("_shortcuts.html", search=..., new=...) }}`.

The fragment sees only the values passed (and the environment's globals: `_`, `url_for`);
the reader's locale and the application's root are part of the key. In debug mode it is
rendered every time, so an edited template shows at once."""

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale
from markupsafe import Markup


def init_fragments(app: Flask) -> None:
    remembered: dict[tuple, Markup] = {}

    def fragment(template_name: str, **values) -> Markup:
        key = (template_name, str(get_locale()),
               request.script_root if has_request_context() else None,
               tuple(sorted(values.items())))
        found = None if current_app.debug else remembered.get(key)
        if found is None:
            found = Markup(current_app.jinja_env.get_template(template_name).render(**values))
            remembered[key] = found
        return found

    app.add_template_global(fragment)
