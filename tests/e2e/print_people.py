"""People whose prints the font test renders: one per UI locale (the slip and the notice come
in that language), and some whose language has no catalogue (the prints are in Italian) but
whose names are written in Ge'ez, Persian, Pashto or Gurmukhi. Each has an open case routed
to two teams, an access at the Torino desk and an appointment."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.cases import Access, AccessNeed
from desk.models.sites import Site
from desk.models.users import User
from desk.teamwork.appointment_services import book_appointment

from ..factories import Factories

OPERATOR = "operatore@demo.test"

# language -> (country, (given Latin, original), (family Latin, original)). The Chinese given
# name has a character of GB2312 level 2 (琪): the second, rarer Chinese font file draws it.
BY_UI_LOCALE = {
    "it": ("RO", ("Ionuț", None), ("Țurcanu", None)),  # Romanian: no catalogue, prints in Italian
    "en": ("NG", ("Chioma", None), ("Okonkwo", None)),
    "fr": ("CI", ("Affoué", None), ("Kouamé", None)),
    "es": ("PE", ("Milagros", None), ("Ccori Huamán", None)),
    "ar": ("MA", ("Khadija", "خديجة"), ("El Idrissi", "الإدريسي")),
    "ur": ("PK", ("Ayesha", "عائشہ"), ("Chaudhry", "چوہدری")),
    "uk": ("UA", ("Kateryna", "Катерина"), ("Kovalchuk", "Ковальчук")),
    "sq": ("AL", ("Klea", None), ("Mëhilli", None)),
    "bn": ("BD", ("Sumaiya", "সুমাইয়া"), ("Chowdhury", "চৌধুরী")),
    "zh": ("CN", ("Jiaqi", "佳琪"), ("Lin", "林")),
}
WITHOUT_CATALOGUE = {
    "ti": ("ER", ("Yohannes", "ዮሃንስ"), ("Tesfamariam", "ተስፋማርያም")),
    "am": ("ET", ("Abebe", "አበበ"), ("Bekele", "በቀለ")),
    "fa": ("AF", ("Zabihullah", "ذبیح\u200cالله"), ("Hakimi", "حکیمی")),
    "ps": ("AF", ("Palwasha", "پلوشه"), ("Zadran", "ځدراڼ")),
    "pa": ("IN", ("Harpreet", "ਹਰਪ੍ਰੀਤ"), ("Singh", "ਸਿੰਘ")),
}
UI_LANGUAGE = {"it": "ro"}  # the Italian prints: a person whose language has no catalogue


@dataclass(frozen=True)
class PrintPerson:
    language: str
    person_id: int
    access_id: int
    appointment_id: int
    original_name: str


def add_print_people(app) -> dict[str, PrintPerson]:
    """Adds them to the demo data (the app's own database); keyed by UI locale or language."""
    make = Factories()
    people = {}
    with app.test_request_context():
        operator = db.session.scalar(select(User).where(User.email == OPERATOR))
        torino = db.session.scalar(select(Site).where(Site.code == "TO"))
        table = {**{code: (UI_LANGUAGE.get(code, code), *row) for code, row in BY_UI_LOCALE.items()},
                 **{code: (code, *row) for code, row in WITHOUT_CATALOGUE.items()}}
        for key, (language, country, given, family) in table.items():
            person = make.person(site=torino, given=given[0], family=family[0],
                                 original=(given[1], family[1]) if given[1] else None,
                                 nationality=country, languages=(language, "it"), interpreter_needed=True)
            case = make.case(site=torino, person=person, referrals=("legal", "mediation"))
            access = Access(person_id=person.id, site_id=torino.id, case_id=case.id, occurred_at=utcnow(),
                            channel="walk_in", operator_id=operator.id, language_used=language,
                            mediator_present=True, urgency="normal", outcome="appointment",
                            need_rows=[AccessNeed(need="documents"), AccessNeed(need="health")])
            db.session.add(access)
            legal = make.team(torino, "legal")
            appointment = book_appointment(operator, case, legal, utcnow() + timedelta(days=2, hours=1),
                                           duration_minutes=45, interpreter_language=language)
            db.session.commit()
            people[key] = PrintPerson(language, person.id, access.id, appointment.id, person.original_name)
        db.session.remove()
    return people
