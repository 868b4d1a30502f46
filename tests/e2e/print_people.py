"""People whose prints the font test renders: one per UI locale (the slip and the notice come
in that language), one per print-only catalogue (Romanian, Russian, Persian, Pashto,
Tigrinya, Somali, Punjabi, Turkish: the prints come in that language, the names in Cyrillic,
Arabic script, Ge'ez or Gurmukhi too), and one whose language has no catalogue (Amharic: the
prints are in Italian and English, the name in Ge'ez). Each has an open case routed to two
teams, an access at the Torino desk and an appointment."""

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
    "it": ("SN", ("Mamadou", None), ("Ndiaye", None)),  # Wolof: no catalogue, Italian + English
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
BY_PRINT_CATALOGUE = {
    "ro": ("RO", ("Ionuț", None), ("Țurcanu", None)),
    "ru": ("MD", ("Olga", "Ольга"), ("Smirnova", "Смирнова")),
    "fa": ("AF", ("Zabihullah", "ذبیح\u200cالله"), ("Hakimi", "حکیمی")),
    "ps": ("AF", ("Palwasha", "پلوشه"), ("Zadran", "ځدراڼ")),
    "ti": ("ER", ("Yohannes", "ዮሃንስ"), ("Tesfamariam", "ተስፋማርያም")),
    "so": ("SO", ("Hodan", None), ("Warsame", None)),
    "pa": ("IN", ("Harpreet", "ਹਰਪ੍ਰੀਤ"), ("Singh", "ਸਿੰਘ")),
    "tr": ("TR", ("Elif", None), ("Yılmaz", None)),
}
WITHOUT_CATALOGUE = {
    "am": ("ET", ("Abebe", "አበበ"), ("Bekele", "በቀለ")),
}
UI_LANGUAGE = {"it": "wo"}  # the Italian prints: a person whose language has no catalogue


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
                 **{code: (code, *row) for code, row in {**BY_PRINT_CATALOGUE, **WITHOUT_CATALOGUE}.items()}}
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
