"""The four training streams of the regional programme for desk staff."""

from flask_babel import lazy_pgettext as _p

STREAMS = {
    "socio_anthropological": _p("training stream", "Socio-anthropological"),
    "mediation_role": _p("training stream", "The role of mediation"),
    "legal_administrative": _p("training stream", "Legal and administrative"),
    "ethnopsychiatric": _p("training stream", "Ethno-psychiatric and transcultural"),
}
# The streams every site should have someone trained in; a member without them is listed.
REQUIRED_STREAMS = ("legal_administrative", "ethnopsychiatric")
