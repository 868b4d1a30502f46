"""Every select of the app is written by common.forms.QuickSelect (issue 21): the same HTML as
WTForms' own select, option by option, whatever the choices hold."""

from wtforms import SelectField, SelectMultipleField
from wtforms.widgets import Select

from desk.common.forms import DeskForm, QuickSelect, options


class _Form(DeskForm):
    class Meta:
        csrf = False

    one = SelectField("One")
    many = SelectMultipleField("Many")
    grouped = SelectField("Grouped")


def _choices():
    return options([("", "— choose —"), ("a&b", 'Tom & "Jerry" <b>'), ("7", "Sette"),
                    ("x", "")])


def test_a_select_renders_as_wtforms_would_selected_and_escaped_included(app):
    with app.test_request_context("/?one=a%26b"):
        form = _Form(formdata=None, data={"one": "a&b"})
        form.one.choices = _choices()
        assert isinstance(form.one.widget, QuickSelect)
        quick = form.one()
        assert quick == Select()(form.one)
        assert '<option selected value="a&amp;b">Tom &amp; &#34;Jerry&#34; &lt;b&gt;</option>' in quick
        assert '<option value="x">x</option>' in quick  # no label: the value is shown


def test_options_with_their_own_attributes_groups_and_multiple_selects_stay_wtforms_own(app):
    with app.test_request_context("/"):
        form = _Form(formdata=None, data={"many": ["7"], "grouped": "7"})
        form.many.choices = _choices()
        assert not isinstance(form.many.widget, QuickSelect)
        form.grouped.choices = {"Numbers": [("7", "Sette")], "Letters": [("a", "A")]}
        assert form.grouped() == Select()(form.grouped)
        assert '<optgroup label="Numbers"><option selected value="7">Sette</option>' in form.grouped()
        form.one.choices = [("q", "Q", {"data-kind": "quiet"})]
        assert form.one() == Select()(form.one)
        assert 'data-kind="quiet"' in form.one()
