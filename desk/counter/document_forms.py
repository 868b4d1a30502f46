"""The form of a residence document (type, number, expiry), from the case page.
"""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..common.forms import PLEASE_CHOOSE, OnceForm, VersionedForm, options
from ..vocab.codes import PERMIT_TYPES, choices


class DocumentForm(OnceForm, VersionedForm):
    doc_type = SelectField(_l("Type of document"), validators=[DataRequired()])
    number = StringField(_l("Number"), validators=[Optional(), Length(max=40)])
    expiry_date = DateField(_l("Expiry date"), validators=[Optional()])
    submit = SubmitField(_l("Save the document"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.doc_type.choices = options([PLEASE_CHOOSE], choices(PERMIT_TYPES))
