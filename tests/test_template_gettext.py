"""The templates' gettext callables (desk.common.template_gettext): translated in the reader's
language, inside loops that set variables too, with the variables escaped on HTML pages and
left as they are in plain-text mail."""

from flask_babel import force_locale

TEMPLATE = (
    "{% for n in counts %}{% set shown = n * 2 %}"
    "{{ _('Decline') }}|{{ pgettext('referral count', 'Accepted') }}|"
    "{{ ngettext('%(count)d referral moved.', '%(count)d referrals moved.', n, count=n) }}|"
    "{{ _('Overdue') }} {{ shown }};{% endfor %}"
)


def test_strings_in_a_loop_that_sets_a_variable_read_in_italian(app):
    with app.test_request_context("/"), force_locale("it"):
        page = app.jinja_env.from_string(TEMPLATE).render(counts=[1, 3])
    assert page == ("Rifiuta|Accettati|1 invio spostato.|In ritardo 2;"
                    "Rifiuta|Accettati|3 invii spostati.|In ritardo 6;")


def test_variables_are_escaped_on_a_page_and_kept_in_plain_text(app):
    source = "{{ _('%(name)s: 100%% — %(count)s', name=name, count=2) }}"
    with app.test_request_context("/"), force_locale("it"):
        html = app.jinja_env.from_string(source).render(name="<b>Ana</b>")
        chosen, app.jinja_env.autoescape = app.jinja_env.autoescape, False
        try:
            text = app.jinja_env.from_string(source).render(name="<b>Ana</b>")
        finally:
            app.jinja_env.autoescape = chosen
    assert html == "&lt;b&gt;Ana&lt;/b&gt;: 100% — 2"
    assert text == "<b>Ana</b>: 100% — 2"


def test_the_trans_tag_reads_in_italian_with_its_count(app):
    source = ("{% for n in counts %}{% trans count=n %}The {{ count }} waiting longest is listed."
              "{% pluralize %}The {{ count }} waiting longest are listed.{% endtrans %}|"
              "{% endfor %}")
    with app.test_request_context("/"), force_locale("it"):
        page = app.jinja_env.from_string(source).render(counts=[1, 5])
    assert page == ("È elencato 1 invio: quello in attesa da più tempo.|"
                    "Sono elencati i 5 in attesa da più tempo.|")
