"""Marshmallow fields and a base schema whose refusals are translated (in the caller's
locale: lazy strings, rendered when the error is answered) and whose strings never carry
control characters or out-of-range numbers into a form or a query."""

from datetime import UTC

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields

from ..common.forms import MAX_INTEGER
from ..common.inputs import CONTROL

REQUIRED = _l("This field is required.")
NOT_NULL = _l("This field cannot be null.")


class Moment(fields.DateTime):
    """A moment as RFC 3339 wants it, with its offset: the desk keeps UTC without one."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class ApiSchema(Schema):
    class Meta:
        unknown = RAISE

    error_messages = {"unknown": _l("Unknown field: remove it, or check its spelling."),
                      "type": _l("Send a JSON object here.")}


class _Translated:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages = {**self.error_messages, "required": REQUIRED, "null": NOT_NULL}


class Text(_Translated, fields.String):
    default_error_messages = {"invalid": _l("Send text (a JSON string) here."),
                              "invalid_utf8": _l("Send text (a JSON string) here.")}

    def __init__(self, *args, max_length: int = 4000, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_length = max_length
        self.metadata.setdefault("maxLength", max_length)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if CONTROL.search(text):
            raise ValidationError(_l("This text contains an invisible control character "
                                     "(such as NUL), which cannot be saved: remove it."))
        if len(text) > self.max_length:
            raise ValidationError(_l("This text is too long."))
        return text


class Flag(_Translated, fields.Boolean):
    default_error_messages = {"invalid": _l("Send true or false here.")}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):  # JSON true / false only, not 1 or "yes"
            raise self.make_error("invalid")
        return value


class Number(_Translated, fields.Integer):
    default_error_messages = {"invalid": _l("Send a whole number here."),
                              "too_large": _l("This number is too large.")}

    def __init__(self, *args, most: int = MAX_INTEGER, **kwargs):
        super().__init__(*args, strict=True, **kwargs)
        self.most = most
        self.metadata.setdefault("minimum", 1)
        self.metadata.setdefault("maximum", most)

    def _validated(self, value):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        number = super()._validated(value)
        if number is not None and not 1 <= number <= self.most:
            raise ValidationError(_l("Send a number between 1 and %(most)s.", most=self.most))
        return number


class QueryNumber(Number):
    """A whole number in the query string, where every value arrives as text."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 12:
            value = int(value)
        return super()._deserialize(value, attr, data, **kwargs)


class TextList(_Translated, fields.List):
    default_error_messages = {"invalid": _l("Send a list (a JSON array) here.")}

    def __init__(self, max_items: int = 50, **kwargs):
        super().__init__(Text(max_length=100), **kwargs)
        self.max_items = max_items
        self.metadata.setdefault("maxItems", max_items)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, list) and len(value) > self.max_items:
            raise ValidationError(_l("This list is too long."))
        return super()._deserialize(value, attr, data, **kwargs)


class NestedList(_Translated, fields.List):
    default_error_messages = {"invalid": _l("Send a list (a JSON array) here.")}

    def __init__(self, schema, max_items: int = 10, **kwargs):
        super().__init__(fields.Nested(schema), **kwargs)
        self.inner.error_messages = {**self.inner.error_messages,
                                     "type": _l("Send a JSON object here.")}
        self.max_items = max_items
        self.metadata.setdefault("maxItems", max_items)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, list) and len(value) > self.max_items:
            raise ValidationError(_l("This list is too long."))
        return super()._deserialize(value, attr, data, **kwargs)
