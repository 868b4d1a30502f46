"""What templates use to show codes in the reader's language: `label(vocab.NEEDS, code)`,
`country_name`, `language_name`, and `join_list` that knows vocabularies."""

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from flask import Flask
from markupsafe import Markup

from ..common import i18n
from . import codes, names


def join_list(items: Iterable, show: Callable | Mapping | None = None,
              isolate: bool = False) -> Markup:
    """`{{ needs|join_list(vocab.NEEDS) }}`: a vocabulary gives each code its label."""
    if isinstance(show, Mapping):
        show = partial(codes.label, show)
    return i18n.join_list(items, show, isolate)


def init_vocab_templates(app: Flask) -> None:
    app.jinja_env.filters["join_list"] = join_list
    app.jinja_env.globals.update(vocab=codes, label=codes.label, country_name=names.country_name,
                                 language_name=names.language_name,
                                 printed_names=names.printed_names)
