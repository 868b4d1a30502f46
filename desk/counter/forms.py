"""Forms of the people area: search, registration, consent."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..common.forms import DeskForm
from ..vocab.codes import CONSENT_PURPOSES, PERMIT_TYPES, SEXES, choices
from ..vocab.names import country_choices, language_choices
from . import validation
from .services import PersonData

NAME_LENGTH = [Length(max=120, message=_l("At most 120 characters."))]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SearchForm(DeskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name, date of birth, phone, document or tax code"),
                    validators=[Optional(), Length(max=200)])


class PersonForm(DeskForm):
    given_name = StringField(_l("Given name (Latin letters)"),
                             validators=[DataRequired(_l("Write the given name."))] + NAME_LENGTH)
    family_name = StringField(_l("Family name (Latin letters)"),
                              validators=[DataRequired(_l("Write the family name."))]
                              + NAME_LENGTH)
    given_name_original = StringField(_l("Given name in the original script"),
                                      validators=NAME_LENGTH)
    family_name_original = StringField(_l("Family name in the original script"),
                                       validators=NAME_LENGTH)
    sex = SelectField(_l("Sex"), default="U")
    birth = StringField(_l("Date of birth"), validators=[Length(max=20)])
    nationality = SelectField(_l("Nationality"), validators=[Optional()])
    languages = MultiCheckboxField(_l("Languages spoken"), validators=[Optional()])
    preferred_language = SelectField(_l("Preferred language"), validators=[Optional()])
    interpreter_needed = BooleanField(_l("Needs an interpreter"))
    phone = StringField(_l("Phone"), validators=[Length(max=32)])
    tax_code = StringField(_l("Tax code (codice fiscale)"), validators=[Length(max=32)])
    doc_type = SelectField(_l("Residence document"), validators=[Optional()])
    doc_number = StringField(_l("Document number"), validators=[Length(max=60)])
    doc_expiry = StringField(_l("Document expiry date"), validators=[Length(max=20)])
    form_token = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        self.sex.choices = choices(SEXES)
        self.nationality.choices = blank + country_choices()
        self.languages.choices = language_choices()
        self.preferred_language.choices = blank + language_choices()
        self.doc_type.choices = blank + choices(PERMIT_TYPES)

    def validate_given_name(self, field):
        field.data = validation.clean_name(field.data)

    def validate_family_name(self, field):
        field.data = validation.clean_name(field.data)

    def validate_given_name_original(self, field):
        field.data = validation.clean_name(field.data, latin=False)

    def validate_family_name_original(self, field):
        field.data = validation.clean_name(field.data, latin=False)

    def validate_birth(self, field):
        self.birth_year, self.birth_date = validation.clean_birth(field.data)

    def validate_phone(self, field):
        self.phone_e164 = validation.clean_phone(field.data)

    def validate_tax_code(self, field):
        self.tax_code_clean = validation.clean_tax_code(field.data)

    def validate_doc_number(self, field):
        self.doc_number_clean = validation.clean_document_number(field.data)
        if self.doc_number_clean and not self.doc_type.data:
            from flask_babel import gettext as _

            raise validation.ValidationError(_("Choose the type of document too."))

    def validate_doc_expiry(self, field):
        self.doc_expiry_date = validation.clean_expiry(field.data)

    def person_data(self) -> PersonData:
        return PersonData(
            given_name=self.given_name.data, family_name=self.family_name.data,
            given_name_original=self.given_name_original.data or None,
            family_name_original=self.family_name_original.data or None,
            sex=self.sex.data, birth_year=self.birth_year, birth_date=self.birth_date,
            nationality=self.nationality.data or None, languages=self.languages.data or [],
            preferred_language=self.preferred_language.data or None,
            interpreter_needed=self.interpreter_needed.data, phone=self.phone_e164,
            tax_code=self.tax_code_clean, doc_type=self.doc_type.data or None,
            doc_number=self.doc_number_clean, doc_expiry=self.doc_expiry_date,
        )


class RegisterForm(PersonForm):
    privacy_notice_given = BooleanField(
        _l("The privacy notice was given to the person"),
        validators=[DataRequired(message=_l(
            "Tell the person how their data is used (the privacy notice, GDPR art. 13) before "
            "registering them, then tick this box. Once saved, the notice can be printed in "
            "their language from their page."))])
    share_consent = BooleanField(
        _l("The person agrees that their data is shared with the desk's teams"))
    notice_language = SelectField(_l("Language in which the notice was given"),
                                  validators=[Optional()])
    register_anyway = BooleanField(
        _l("I checked the similar people above: this is a different person, register anyway"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice_language.choices = [("", "—")] + language_choices()

    def person_data(self) -> PersonData:
        data = super().person_data()
        data.privacy_notice_given = self.privacy_notice_given.data
        data.share_consent = self.share_consent.data
        data.notice_language = self.notice_language.data or None
        return data


class ConsentForm(DeskForm):
    purposes = MultiCheckboxField(
        _l("What the person agreed to"),
        validators=[InputRequired(_l("Tick at least one."))])
    language = SelectField(_l("Language in which the notice was given"),
                           validators=[DataRequired(_l("Choose the language."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [("", "—")] + language_choices()
        self.purposes.choices = choices(CONSENT_PURPOSES)
