"""The procedure sheets: the steps of the procedures people most often come to the desk for.

The regional text lives here, as lazy gettext strings, so that a sheet reads in every UI
locale and print language; the official Italian names (of offices, documents, procedures)
stay beside the translation, as in the permit glossary, because they are what the person will
read on the counter and on the forms. What is local (which office of the territory, a local
note, the typical waiting there) is data: `models.procedures`, edited by supervisors.

Information for the person and the desk, not legal advice: the texts follow D.Lgs. 286/1998
(TUI) and DPR 394/1999 as the glossary does (checked on LAW_CHECKED).
"""

from dataclasses import dataclass

from .glossary import LAW_CHECKED
from .procedure_texts import ITEMS, PLACES, SHEETS

__all__ = ["ITEMS", "LAW_CHECKED", "PLACES", "SHEETS", "SHEET_TITLES", "Sheet", "Step", "get", "offered_for"]


@dataclass(frozen=True)
class Step:
    code: str
    what: object  # what to do (lazy text)
    place: str | None = None  # PLACES code: which kind of office; the territory names it
    bring: tuple[str, ...] = ()  # ITEMS codes: the checklist
    cost: object = None
    deadline: object = None
    waiting_days: int | None = None  # typical waiting (regional default; a territory may say)


@dataclass(frozen=True)
class Sheet:
    code: str
    italian: str  # official Italian name of the procedure, never translated
    title: object
    summary: object
    steps: tuple[Step, ...]
    needs: tuple[str, ...] = ()  # the intake needs that offer this sheet
    glossary: tuple[str, ...] = ()  # permit glossary entries it relates to

    def step(self, code: str) -> Step | None:
        return next((step for step in self.steps if step.code == code), None)


def get(code: str | None):
    return BY_CODE.get(code or "")


def offered_for(needs) -> list:
    """The sheets an intake with these needs offers, in library order."""
    wanted = set(needs or ())
    return [sheet for sheet in LIBRARY if wanted & set(sheet.needs)]


def _build() -> tuple:
    return tuple(Sheet(code=code, italian=italian, title=title, summary=summary,
                       steps=tuple(Step(**step) for step in steps), needs=needs,
                       glossary=glossary)
                 for code, italian, title, summary, steps, needs, glossary in SHEETS)


LIBRARY: tuple[Sheet, ...] = _build()
BY_CODE = {sheet.code: sheet for sheet in LIBRARY}
RENEWAL = "permit_renewal"
# Code -> title, as the vocabularies are (timeline details, audit).
SHEET_TITLES = {sheet.code: sheet.title for sheet in LIBRARY}
