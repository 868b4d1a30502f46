"""A territory's vocabularies: which needs, referral reasons and outcomes its forms offer,
and its own needs."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..common.formflow import attempt, handle_form
from ..extensions import db
from ..models.sites import Territory
from ..models.vocabulary import local_label
from ..vocab.codes import label
from . import vocab_services as vocab
from .blueprint import bp, configures
from .config_forms import LocalNeedForm
from .forms import ConfirmForm

VOCABULARY_NAMES = {"need": _l("Needs"), "referral_reason": _l("Referral reasons"),
                    "referral_outcome": _l("Referral outcomes")}


def _entries(territory: Territory, vocabulary: str) -> list[dict]:
    rows = vocab.vocab_rows(territory, vocabulary)
    builtin = vocab.BUILT_IN[vocabulary]
    entries = [{"code": code, "label": label(builtin, code), "local": False,
                "retired": code in rows and rows[code].retired_at is not None} for code in builtin]
    entries += [{"code": row.code, "label": local_label(row), "local": True,
                 "retired": row.retired_at is not None}
                for row in sorted(rows.values(), key=lambda r: r.code) if row.local]
    return entries


@bp.route("/territories/<int:territory_id>/vocabularies", methods=["GET", "POST"])
@configures
def vocabularies(territory_id: int):
    territory = db.session.get(Territory, territory_id) or abort(404)
    form = LocalNeedForm()
    return handle_form(
        form, lambda: vocab.add_local_need(current_user, territory, form.code.data,
                                           form.labels()),
        done=_l("The need has been added: the territory's forms offer it."),
        success_url=url_for("admin.vocabularies", territory_id=territory.id),
        template="admin/vocabularies.html", territory=territory, confirm=ConfirmForm(),
        vocabularies=[(name, VOCABULARY_NAMES[name], _entries(territory, name))
                      for name in vocab.BUILT_IN])


@bp.route("/territories/<int:territory_id>/vocabularies/<vocabulary>/<code>", methods=["POST"])
@configures
def retire_code(territory_id: int, vocabulary: str, code: str):
    territory = db.session.get(Territory, territory_id) or abort(404)
    if not ConfirmForm().validate_on_submit() or vocabulary not in vocab.BUILT_IN:
        abort(400)
    retire = request.form.get("retired") == "1"
    if attempt(lambda: vocab.set_code_retired(current_user, territory, vocabulary, code[:32],
                                              retire)) is None:
        flash(_("Retired: old records still show it; forms no longer offer it.") if retire
              else _("Offered again in the territory's forms."), "success")
    return redirect(url_for("admin.vocabularies", territory_id=territory.id))
