"""The templates' `_()`, `gettext`, `ngettext`, `pgettext` and `npgettext`: Jinja's new-style
callables (the string is always %-formatted, with `num` and `context` set), taking only the
evaluation context (`pass_eval_context`, for autoescaping) instead of the whole template
context. Jinja's own take the template context, and inside a `{% for %}` that sets a variable
it copies every global into a new context for each call: on a 50-row queue, 200 copies
(issue 21). They read the catalogue as `translations()` gives it."""

from collections.abc import Callable

from jinja2 import Environment, pass_eval_context
from markupsafe import Markup


def _finish(eval_ctx, text: str, variables: dict) -> str:
    if eval_ctx.autoescape:
        text = Markup(text)
    # Always a format string, as with Jinja's new-style gettext: "%%" reads as "%".
    return text % variables


def install(environment: Environment, translations: Callable) -> None:
    @pass_eval_context
    def gettext(eval_ctx, __string: str, **variables) -> str:
        return _finish(eval_ctx, translations().ugettext(__string), variables)

    @pass_eval_context
    def ngettext(eval_ctx, __singular: str, __plural: str, __num: int, **variables) -> str:
        variables.setdefault("num", __num)
        return _finish(eval_ctx, translations().ungettext(__singular, __plural, __num),
                       variables)

    @pass_eval_context
    def pgettext(eval_ctx, __context: str, __string: str, **variables) -> str:
        variables.setdefault("context", __context)
        return _finish(eval_ctx, translations().upgettext(__context, __string), variables)

    @pass_eval_context
    def npgettext(eval_ctx, __context: str, __singular: str, __plural: str, __num: int,
                  **variables) -> str:
        variables.setdefault("context", __context)
        variables.setdefault("num", __num)
        return _finish(eval_ctx,
                       translations().unpgettext(__context, __singular, __plural, __num),
                       variables)

    if "jinja2.ext.InternationalizationExtension" not in environment.extensions:
        environment.add_extension("jinja2.ext.i18n")  # the {% trans %} tag
    environment.newstyle_gettext = True  # the {% trans %} tag leaves the formatting to these
    environment.globals.update(_=gettext, gettext=gettext, ngettext=ngettext,
                               pgettext=pgettext, npgettext=npgettext)
