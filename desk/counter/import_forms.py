"""The forms of an import through the pages: the file, which column holds what, the go-ahead."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, SubmitField

from ..common.forms import DeskForm, OnceForm, options
from .import_services import FIELDS, REQUIRED

# The labels of the person's fields, as the registration form names them.
FIELD_LABELS = {
    "given_name": _l("Given name (Latin letters)"),
    "family_name": _l("Family name (Latin letters)"),
    "given_name_original": _l("Given name in the original script"),
    "family_name_original": _l("Family name in the original script"),
    "birth": _l("Date of birth"),
    "sex": _l("Sex"),
    "nationality": _l("Nationality"),
    "languages": _l("Languages spoken"),
    "preferred_language": _l("Preferred language"),
    "phone": _l("Phone"),
    "tax_code": _l("Tax code (codice fiscale)"),
    "last_access": _l("Date of the last access"),
    "needs": _l("Needs (codes, at the last access)"),
}
STATE_LABELS = {
    "uploaded": _p("register import", "Uploaded"),
    "checking": _p("register import", "Being checked"),
    "checked": _p("register import", "Checked (dry run)"),
    "importing": _p("register import", "Being imported"),
    "imported": _p("register import", "Imported"),
    "failed": _p("register import", "Not imported"),
    "abandoned": _p("register import", "Abandoned"),
}
NOT_IN_FILE = _l("— not in the file —")
REQUIRED_COLUMN = _l("Choose the column that holds this field.")


class UploadForm(OnceForm):
    file = FileField(_l("File (CSV or XLSX)"),
                     validators=[FileRequired(_l("Choose the file to import."))],
                     render_kw={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-"
                                          "officedocument.spreadsheetml.sheet"})
    site = SelectField(_l("Desk the people are registered at"), coerce=int)
    submit = SubmitField(_l("Upload and choose the columns"))

    def __init__(self, sites=(), **kwargs):
        super().__init__(**kwargs)
        self.sites = sorted(sites, key=lambda s: s.id)
        self.site.choices = options((s.id, s.name) for s in self.sites)
        if len(self.sites) == 1 and not self.site.raw_data:
            self.site.data = self.sites[0].id  # one desk: nothing to choose

    def chosen_site(self):
        return next(s for s in self.sites if s.id == self.site.data)


class MappingForm(DeskForm):
    """One choice per field of a person, among the file's columns (filled in by mapping_form)."""

    submit = SubmitField(_l("Check every row (dry run)"))

    def mapping(self) -> dict[str, str]:
        return {name: self[name].data or "" for name in FIELDS}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        chosen: dict[str, str] = {}
        for name in FIELDS:
            column = self[name].data
            if name in REQUIRED and not column:
                self[name].errors = [*self[name].errors, REQUIRED_COLUMN]
                valid = False
            elif column and column in chosen:
                other = FIELD_LABELS[chosen[column]]
                self[name].errors = [*self[name].errors, _(
                    "This column is already chosen for “%(field)s”: choose another one.",
                    field=other)]
                valid = False
            elif column:
                chosen[column] = name
        return valid


def mapping_form(header: list[str], mapping: dict, **kwargs) -> MappingForm:
    """A MappingForm for this file's columns, its choices pre-set to `mapping`."""

    class ForThisFile(MappingForm):
        pass

    for name in FIELDS:
        setattr(ForThisFile, name, SelectField(FIELD_LABELS[name], default=mapping.get(name, "")))
    form = ForThisFile(**kwargs)
    for name in FIELDS:
        form[name].choices = options([("", NOT_IN_FILE)], ((h, h) for h in header))
    return form


class StepForm(DeskForm):
    """A button that moves the upload on (confirm, abandon): CSRF-protected, nothing else."""

    submit = SubmitField(_l("Continue"))
