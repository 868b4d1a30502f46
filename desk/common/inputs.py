"""What the application accepts from the outside, before any view sees it.

- `<int:...>` ids in addresses are bounded to what an INTEGER column holds: a larger number
  is a 404, not an overflow error from the database driver (a 500).
- `<string>` parts of addresses never contain control characters (a 404 otherwise).
- Control characters other than tab, line feed and carriage return are removed from form
  fields and query strings. They have no meaning in anything a desk types, and PostgreSQL
  refuses NUL in text columns: without this, a NUL typed into any field would be a 500. The
  forms then refuse the field with its own message, so that nothing altered is saved unseen.
"""

import re

from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter, UnicodeConverter
from werkzeug.utils import cached_property

# PostgreSQL INTEGER (SQLite's limit is larger).
MAX_ID = 2**31 - 1
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_controls(text: str) -> str:
    return CONTROL.sub("", text)


class IdConverter(IntegerConverter):
    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class TextConverter(UnicodeConverter):
    def __init__(self, url_map, minlength=1, maxlength=None, length=None):
        super().__init__(url_map, minlength=minlength, maxlength=maxlength, length=length)
        self.regex = self.regex.replace("[^/]", r"[^/\x00-\x1f\x7f]")


def _clean(values: ImmutableMultiDict) -> tuple[ImmutableMultiDict, set[str]]:
    """The values without control characters, and the names of the fields that had some."""
    cleaned, dirty = [], set()
    for key, value in values.items(multi=True):
        key = without_controls(key)
        if isinstance(value, str) and CONTROL.search(value):
            dirty.add(key)
            value = without_controls(value)
        cleaned.append((key, value))
    return ImmutableMultiDict(cleaned), dirty


class CleanRequest(Request):
    """Fields whose control characters were removed are named in `controls_removed`, so that
    a form refuses them with a message (desk.forms.DeskForm) rather than saving altered text."""

    controls_removed: frozenset[str] = frozenset()

    @cached_property
    def args(self):
        args, dirty = _clean(super().args)
        self.controls_removed = self.controls_removed | dirty
        return args

    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.form, dirty = _clean(self.form)
        self.controls_removed = self.controls_removed | dirty


def init_inputs(app: Flask) -> None:
    """Call before any blueprint is registered: rules bind their converters when added."""
    app.url_map.converters.update(int=IdConverter, default=TextConverter, string=TextConverter)
    app.request_class = CleanRequest
