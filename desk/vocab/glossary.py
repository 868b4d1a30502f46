"""The residence-permit glossary (titoli di soggiorno): what each permit type allows.

Information for desk workers, not legal advice. Each entry names the articles it rests on and
the day it was last checked against the law (D.Lgs. 286/1998 and its amendments up to
DL 145/2024 and DL 36/2025); where a point could not be verified the text says to check with
the Questura. Every text is a lazy gettext string so the glossary reads in the reader's locale;
the official Italian name and the legal basis stay untranslated (they are what the person's
documents and the Questura say).
"""

import unicodedata
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p

from .codes import PERMIT_TYPES

RIGHTS = {
    "work": _p("glossary right", "Work"),
    "study": _p("glossary right", "Study and training"),
    "registration": _p("glossary right", "Residence registration (iscrizione anagrafica)"),
    "health": _p("glossary right", "Health service enrolment (iscrizione al SSN)"),
}

ANSWERS = {
    "yes": _p("glossary answer", "Yes"),
    "limited": _p("glossary answer", "With limits"),
    "no": _p("glossary answer", "No"),
}

Y, L, N = "yes", "limited", "no"

# The day the whole glossary was last read against the law; an entry checked on another day
# says so with its own `checked`.
LAW_CHECKED = date(2026, 12, 1)


@dataclass(frozen=True)
class Permit:
    code: str
    italian: str  # official Italian name, never translated: an alias that always matches
    basis: str  # legal basis, untranslated
    rights: tuple[str, str, str, str]  # work, study, registration, health: yes/limited/no
    description: object
    duration: object
    conversion: object
    renewal: object
    aliases: tuple[str, ...] = ()
    checked: date = LAW_CHECKED  # last checked against the law

    @property
    def label(self) -> str:
        return str(PERMIT_TYPES[self.code])

    def allows(self) -> list[tuple[str, str, str]]:
        """[(right code, right label, answer code)] in the current locale."""
        return [(key, str(RIGHTS[key]), answer) for key, answer in zip(RIGHTS, self.rights, strict=True)]

    def haystack(self) -> str:
        parts = [self.code.replace("_", " "), self.italian, self.basis, *self.aliases,
                 self.label, str(self.description), str(self.duration), str(self.conversion),
                 str(self.renewal)]
        return fold(" ".join(parts))


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching; scripts other than Latin keep their
    combining marks (Bengali vowel signs are letters, not accents)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        ch for i, ch in enumerate(decomposed)
        if not (unicodedata.combining(ch) and i and decomposed[i - 1].isascii())
    )


def search(query: str | None) -> list[Permit]:
    """Entries matching every word of `query` in the current locale (or in Italian)."""
    words = fold(query or "").split()
    if not words:
        return list(PERMITS)
    return [permit for permit in PERMITS if all(w in permit.haystack() for w in words)]


def get(code: str) -> Permit | None:
    return BY_CODE.get(code)


PERMITS: tuple[Permit, ...] = (
    Permit(
        "work_employed", "Permesso di soggiorno per lavoro subordinato",
        "D.Lgs. 286/1998 (TUI), artt. 5 c. 3-bis, 5 c. 9-bis, 9, 22; DPR 394/1999, art. 14",
        (Y, Y, Y, Y),
        _l("For people employed under a contract in Italy, usually after entering within the "
           "annual quotas (decreto flussi) or by converting another permit."),
        _l("As long as the contract: up to one year for a fixed-term contract, up to two years "
           "for a permanent one. Since DL 20/2023 a renewal for a permanent contract may last up "
           "to three years (art. 5 c. 3-bis)."),
        _l("Can be converted into a self-employment permit. After five years of legal residence "
           "the person may apply for the EU long-term residence permit."),
        _l("Apply before it expires with the postal kit; the receipt lets the person keep "
           "working while the renewal is processed. A person who loses the job can get a "
           "job-seeking permit."),
        ("lavoro subordinato", "lavoro dipendente"),
    ),
    Permit(
        "work_self_employed", "Permesso di soggiorno per lavoro autonomo",
        "D.Lgs. 286/1998 (TUI), artt. 5 c. 3-bis, 9, 26; DPR 394/1999, art. 14", (Y, Y, Y, Y),
        _l("For people working on their own account (business, craft, profession, partner in a "
           "company) with the required authorisations and enough income."),
        _l("Up to two years; renewals may last up to three years."),
        _l("Can be converted into an employment permit when the person takes a job. Counts "
           "towards the five years needed for the EU long-term permit."),
        _l("Renewal requires proof of the activity and of an income above the legal minimum."),
        ("lavoro autonomo", "partita IVA"),
    ),
    Permit(
        "work_seasonal", "Permesso di soggiorno per lavoro stagionale",
        "D.Lgs. 286/1998 (TUI), art. 24", (L, L, L, Y),
        _l("For seasonal work, mainly in agriculture and tourism, with the employer named in the "
           "work authorisation (nulla osta) issued within the quotas."),
        _l("Up to nine months in any twelve-month period."),
        _l("Can be converted into an ordinary employment permit when the person gets a "
           "fixed-term or permanent job offer, under the rules and quotas in force."),
        _l("Can be extended for another seasonal job, with the same or another employer, within "
           "the nine-month limit."),
        ("lavoro stagionale",),
    ),
    Permit(
        "work_seasonal_multiyear", "Permesso di soggiorno per lavoro stagionale pluriennale",
        "D.Lgs. 286/1998 (TUI), art. 24 c. 11; DPR 394/1999, art. 38-bis", (L, L, L, Y),
        _l("For seasonal workers who have come to Italy for seasonal work at least once in the "
           "previous five years: the employer can ask for a work authorisation (nulla osta) for "
           "up to three years, within the seasonal quotas (art. 24 c. 11)."),
        _l("Each year, the length of the season, at most nine months in twelve; the "
           "authorisation covers up to three years."),
        _l("Can be converted into an ordinary employment permit when the person gets a "
           "fixed-term or permanent job offer, under the rules and quotas in force."),
        _l("For the following years the person gets a new visa with the employer's offer of a "
           "contract, and must leave Italy when each season ends (DPR 394/1999, art. 38-bis)."),
        ("stagionale pluriennale", "nulla osta pluriennale", "lavoro stagionale"),
    ),
    Permit(
        "job_seeking", "Permesso di soggiorno per attesa occupazione",
        "D.Lgs. 286/1998 (TUI), art. 22 c. 11", (Y, Y, Y, Y),
        _l("For holders of a work permit who have lost their job or resigned, so that they can "
           "look for a new one. The person should register at the employment centre (Centro "
           "per l'impiego)."),
        _l("At least one year, or as long as any unemployment benefit if that is longer."),
        _l("Is converted into a work permit as soon as the person finds a job or starts a "
           "self-employed activity."),
        _l("Not renewed as such: before it expires the person needs a job or another ground for "
           "a permit."),
        ("attesa occupazione", "disoccupazione"),
    ),
    Permit(
        "family", "Permesso di soggiorno per motivi familiari",
        "D.Lgs. 286/1998 (TUI), artt. 29, 30, 32", (Y, Y, Y, Y),
        _l("For family members who join or live with a foreign resident (family reunification) "
           "and for the foreign parent of an Italian child."),
        _l("Usually the same as the permit of the family member they join."),
        _l("Can be converted into a work or study permit. Children who come of age can convert "
           "it into a permit for study, work or job seeking."),
        _l("Renewal requires that the family link and the conditions still exist. After "
           "separation or the death of the family member it can be converted into another "
           "permit."),
        ("motivi familiari", "ricongiungimento familiare", "coesione familiare"),
    ),
    Permit(
        "study", "Permesso di soggiorno per studio",
        "D.Lgs. 286/1998 (TUI), artt. 5 c. 3, 39, 39-bis.1; DPR 394/1999, art. 14", (L, Y, Y, L),
        _l("For students enrolled at a university or a recognised course. Work is allowed "
           "part-time, up to 20 hours a week. Health: voluntary SSN enrolment for a fee, or "
           "private insurance."),
        _l("The length of the course, at most one year at a time."),
        _l("Can be converted into a work permit. After graduating in Italy the person can get a "
           "permit of up to twelve months to look for work or start a business."),
        _l("Renewed each year with proof of progress in the studies (exams passed) and of "
           "sufficient means."),
        ("studio", "studente", "università"),
    ),
    Permit(
        "research", "Permesso di soggiorno per ricerca scientifica",
        "D.Lgs. 286/1998 (TUI), art. 27-ter", (L, Y, Y, Y),
        _l("For researchers with a hosting agreement (convenzione di accoglienza) with an "
           "approved research institution. Work is limited to research and teaching."),
        _l("The length of the research project."),
        _l("At the end of the project the researcher can get a permit of up to twelve months to "
           "look for work or start a business."),
        _l("Renewed if the project is extended or a new hosting agreement is signed."),
        ("ricerca scientifica", "ricercatore"),
    ),
    Permit(
        "traineeship", "Permesso di soggiorno per tirocinio e formazione professionale",
        "D.Lgs. 286/1998 (TUI), artt. 27 c. 1 lett. f, 39-bis c. 1 lett. b", (L, Y, Y, L),
        _l("For people admitted to a vocational training course or a traineeship (tirocinio): "
           "extra-curricular traineeships within a three-year quota, curricular traineeships "
           "and professional practice outside it (art. 39-bis c. 1 lett. b), and trainees doing "
           "a period of training with an Italian employer (art. 27 c. 1 lett. f). A traineeship "
           "is not a job."),
        _l("The length of the course or traineeship."),
        _l("Can be converted into a work permit within the quotas set for conversions (decreto "
           "flussi)."),
        _l("Renewed only while the course or traineeship continues: check with the Questura "
           "which documents it asks for."),
        ("tirocinio", "formazione professionale", "stage", "39-bis"),
    ),
    Permit(
        "volunteering", "Permesso di soggiorno per volontariato",
        "D.Lgs. 286/1998 (TUI), art. 27-bis", (N, Y, Y, L),
        _l("For people aged 25 to 35 taking part in a volunteering programme of general "
           "interest run by a non-profit organisation (Third Sector, civil society or recognised "
           "religious bodies), within a yearly quota and with a work authorisation (nulla osta). "
           "The organisation covers travel, board, lodging and insurance (art. 27-bis)."),
        _l("The length of the programme, as a rule not more than one year."),
        _l("As a rule it cannot be converted into another permit: check with the Questura."),
        _l("Not renewed: the permit ends with the programme."),
        ("volontariato", "servizio volontario", "27-bis"),
    ),
    Permit(
        "eu_long_term", "Permesso di soggiorno UE per soggiornanti di lungo periodo",
        "D.Lgs. 286/1998 (TUI), art. 9 (cc. 1, 2, 2-bis, 7)", (Y, Y, Y, Y),
        _l("For people who have lived legally in Italy for at least five years, with sufficient "
           "income, suitable housing and a pass in the Italian language test (level A2)."),
        _l("Permanent; the card must be updated every ten years (five for minors)."),
        _l("Nothing to convert. It is revoked, among other cases, after an absence from the "
           "territory of the EU for twelve months in a row, or from Italy for more than six "
           "years (art. 9 c. 7 lett. d, e)."),
        _l("Only the card is updated, every ten years. On that occasion the Questura may check "
           "that the conditions still exist and that the permit has not been lost through a "
           "long absence: check with the Questura."),
        ("lungo periodo", "carta di soggiorno", "lungo soggiornante"),
    ),
    Permit(
        "eu_family_card", "Carta di soggiorno di familiare di un cittadino dell'Unione",
        "D.Lgs. 30/2007, artt. 10, 14, 17", (Y, Y, Y, Y),
        _l("For non-EU family members (spouse, partner, children, dependent parents) of an EU "
           "citizen living in Italy, and in many cases of an Italian citizen."),
        _l("Five years, or the planned stay of the EU citizen if shorter."),
        _l("After five years of continuous legal stay the person can get the permanent residence "
           "card."),
        _l("Stays valid while the family link lasts; after divorce or the death or departure of "
           "the EU citizen the right to stay may be kept under conditions."),
        ("familiare cittadino UE", "carta di soggiorno familiare"),
    ),
    Permit(
        "temporary_protection", "Permesso di soggiorno per protezione temporanea",
        "D.Lgs. 85/2003; Direttiva 2001/55/CE; Decisione di esecuzione (UE) 2022/382",
        (Y, Y, Y, Y),
        _l("For people displaced from Ukraine since 24 February 2022 and their family members, "
           "under the EU temporary protection directive."),
        _l("One year, extended for as long as the EU temporary protection lasts."),
        _l("Conversion into a work permit may be possible under the rules in force: check with "
           "the legal team."),
        _l("Extended according to the decisions taken each year; check the current deadline."),
        ("protezione temporanea", "Ucraina"),
    ),
    Permit(
        "refugee", "Permesso di soggiorno per asilo (status di rifugiato)",
        "D.Lgs. 251/2007, artt. 22-24; L. 91/1992, artt. 9, 16", (Y, Y, Y, Y),
        _l("For people recognised as refugees by a Territorial Commission or a court. It gives "
           "a travel document and family reunification without the income and housing "
           "requirements."),
        _l("Five years, renewable."),
        _l("Gives access to the EU long-term permit after five years; citizenship can be "
           "requested after five years of residence."),
        _l("Renewed almost automatically unless the protection has been revoked or has ceased."),
        ("asilo politico", "rifugiato", "protezione internazionale"),
    ),
    Permit(
        "subsidiary_protection", "Permesso di soggiorno per protezione sussidiaria",
        "D.Lgs. 251/2007, artt. 14, 23", (Y, Y, Y, Y),
        _l("For people who are not refugees but would face a real risk of serious harm (death "
           "penalty, torture, indiscriminate violence in an armed conflict) if returned."),
        _l("Five years, renewable."),
        _l("Can be converted into a work permit if the person has a valid passport. Gives access "
           "to the EU long-term permit after five years."),
        _l("Renewed after a check that the risk still exists."),
        ("protezione sussidiaria", "protezione internazionale"),
    ),
    Permit(
        "asylum_pending", "Permesso di soggiorno per richiesta asilo",
        "D.Lgs. 142/2015, artt. 4, 22; D.Lgs. 25/2008, artt. 28-bis, 35-bis, 35-ter",
        (L, Y, Y, Y),
        _l("For people who have applied for international protection, while the Territorial "
           "Commission and, on appeal, the court decide. Work is allowed 60 days after the "
           "application."),
        _l("Six months, renewable until the final decision."),
        _l("Cannot be converted into a work permit; if protection is granted it is replaced by "
           "the corresponding permit."),
        _l("Renewed at the Questura while the procedure, or an appeal that suspends removal, is "
           "pending. In accelerated and border procedures, and for applicants from a country "
           "of origin designated as safe, an appeal does not suspend removal by itself: the "
           "suspension must be asked of the judge (D.Lgs. 25/2008, artt. 35-bis, 35-ter). Appeal "
           "deadlines are short: send the person to the legal team at once."),
        ("richiesta asilo", "richiedente asilo", "protezione internazionale"),
    ),
    Permit(
        "special_protection", "Permesso di soggiorno per protezione speciale",
        "D.Lgs. 286/1998 (TUI), artt. 6 c. 1-bis, 19 cc. 1, 1.1, 1.2; D.Lgs. 25/2008, art. 32 "
        "c. 3; DL 20/2023 (L. 50/2023), art. 7", (Y, Y, Y, Y),
        _l("For people who cannot be sent back because they would risk persecution, torture, "
           "inhuman or degrading treatment or systematic and serious violations of human rights "
           "(art. 19 cc. 1, 1.1). It allows work. DL 20/2023 (L. 50/2023, art. 7) removed the "
           "ground of private and family life in Italy and the application made directly to "
           "the Questore: today it is recognised by a Territorial Commission in an asylum "
           "procedure, or by a court. It took the place, in part, of the humanitarian permit "
           "(motivi umanitari) abolished in 2018."),
        _l("Two years, renewable."),
        _l("Since DL 20/2023 it can no longer be converted into a work permit. Permits granted "
           "under the previous rules may still be converted, depending on the dates of the "
           "application and of the permit (DL 20/2023, art. 7 cc. 2-3; Ministry of the Interior "
           "circular of 29 May 2024): check with the Questura and the legal team."),
        _l("Renewal needs a new opinion of the Territorial Commission that the risk still "
           "exists. A permit issued on the former private and family life ground is renewed "
           "only once, for one year (DL 20/2023, art. 7 c. 3): plan another permit before it "
           "expires."),
        ("protezione speciale", "motivi umanitari", "protezione umanitaria", "permesso umanitario"),
    ),
    Permit(
        "special_cases_violence",
        "Permesso di soggiorno per casi speciali (protezione sociale, violenza domestica)",
        "D.Lgs. 286/1998 (TUI), artt. 18, 18-bis", (Y, Y, Y, Y),
        _l("For victims of trafficking, of serious exploitation or of violence who join an "
           "assistance and social integration programme or cooperate with the authorities "
           "(art. 18), and for victims of domestic violence (art. 18-bis). Victims of labour "
           "exploitation have their own permit under art. 18-ter (see that entry)."),
        _l("Six months to one year depending on the case, renewable as long as needed."),
        _l("Can be converted into a work or study permit."),
        _l("Renewed while the programme or the reasons for protection continue."),
        ("casi speciali", "protezione sociale", "art. 18", "18-bis", "violenza domestica", "tratta",
         "motivi umanitari"),
    ),
    Permit(
        "labour_exploitation",
        "Permesso di soggiorno per casi speciali (vittime di intermediazione illecita e "
        "sfruttamento del lavoro)",
        "D.Lgs. 286/1998 (TUI), art. 18-ter; DL 145/2024 (L. 187/2024), artt. 5-8; c.p., art. "
        "603-bis", (Y, Y, Y, Y),
        _l("For workers who are victims of illegal intermediation and labour exploitation "
           "(caporalato, art. 603-bis of the Criminal Code) and who help usefully to bring the "
           "facts to light and identify those responsible: a formal complaint is not required. "
           "The Questore issues it on the proposal of the judicial authority or on the opinion "
           "of the Labour Inspectorate, also for the victim's family members (art. 18-ter, "
           "introduced by DL 145/2024)."),
        _l("Six months, renewable for one year or for the longer period the proceedings need "
           "(art. 18-ter c. 3)."),
        _l("When it expires it can be converted into a work permit, outside the quotas, or into "
           "a study permit if the person is enrolled on a course (art. 18-ter)."),
        _l("Renewed at the Questura of the place where the person lives. It can be revoked if "
           "the person's conduct is incompatible with its purpose or its conditions no longer "
           "exist: check with the Questura."),
        ("casi speciali", "sfruttamento lavorativo", "caporalato", "18-ter", "603-bis"),
    ),
    Permit(
        "medical_treatment", "Permesso di soggiorno per cure mediche",
        "D.Lgs. 286/1998 (TUI), artt. 19 c. 2 lett. d-bis, 36; DL 20/2023 (L. 50/2023), art. 7",
        (L, L, Y, Y),
        _l("Two permits have this name: one for people who come to Italy to be treated (art. "
           "36), and one for people already in Italy whose health conditions are of particular "
           "seriousness and cannot be treated adequately in their country (art. 19 c. 2 lett. "
           "d-bis). Pregnancy has its own entry."),
        _l("As long as the certified treatment; at most one year at a time for people already in "
           "Italy."),
        _l("Cannot be converted into a work permit since 2023. Whether work is allowed depends "
           "on the type: check with the legal team."),
        _l("Renewal requires up-to-date certificates from a public health facility."),
        ("cure mediche",),
    ),
    Permit(
        "medical_pregnancy", "Permesso di soggiorno per cure mediche (gravidanza)",
        "D.Lgs. 286/1998 (TUI), art. 19 c. 2 lett. d; DPR 394/1999, art. 28 c. 1 lett. c; Corte "
        "cost. 376/2000", (N, L, L, Y),
        _l("For women who cannot be expelled while they are pregnant and in the six months after "
           "the birth of the child they look after (art. 19 c. 2 lett. d), and for the husband "
           "who lives with them (Constitutional Court, judgment 376/2000). It is issued on a "
           "medical certificate of the pregnancy and of the expected date of birth."),
        _l("For the pregnancy and until six months after the birth."),
        _l("As a rule it does not allow work. Conversion, for example into a family permit, "
           "depends on the family's situation: check with the Questura."),
        _l("Not renewed beyond six months after the birth: before then the family needs another "
           "ground for a permit; send them to the legal team."),
        ("gravidanza", "maternità", "cure mediche", "inespellibilità"),
    ),
    Permit(
        "minor_age", "Permesso di soggiorno per minore età",
        "D.Lgs. 286/1998 (TUI), artt. 19 c. 2 lett. a, 32; L. 47/2017, artt. 10, 13; DPR "
        "394/1999, art. 28", (L, Y, Y, Y),
        _l("For foreign minors, in particular unaccompanied minors, who cannot be expelled. "
           "School and health care are rights; work only within the limits set for all "
           "minors."),
        _l("Until the person turns eighteen."),
        _l("At eighteen it can be converted into a permit for study, work or job seeking if the "
           "conditions are met; the juvenile court may extend support until 21."),
        _l("Not renewed after eighteen: start the conversion several months before the "
           "birthday."),
        ("minore età", "minore straniero non accompagnato", "MSNA"),
    ),
    Permit(
        "foster_care", "Permesso di soggiorno per affidamento",
        "D.Lgs. 286/1998 (TUI), artt. 31, 32", (L, Y, Y, Y),
        _l("For foreign minors placed in foster care or under guardianship. School, health care "
           "and work within the limits set for minors."),
        _l("Until the person turns eighteen."),
        _l("At eighteen it can be converted into a permit for study, work or job seeking."),
        _l("Prepare the conversion before the eighteenth birthday."),
        ("affidamento", "tutela"),
    ),
    Permit(
        "minor_assistance", "Permesso di soggiorno per assistenza minori",
        "D.Lgs. 286/1998 (TUI), artt. 31 c. 3, 29 c. 6, 6 c. 1-bis lett. h", (Y, Y, Y, Y),
        _l("For a parent or family member authorised by the juvenile court to stay in Italy for "
           "serious reasons linked to the development or health of a child living in Italy."),
        _l("The period decided by the juvenile court."),
        _l("It allows work (art. 29 c. 6). Whether it can be converted into a work permit is not "
           "settled: art. 29 c. 6 says it cannot, while art. 6 c. 1-bis lett. h, added by DL "
           "130/2020, lists it among the permits that can be converted if the requirements are "
           "met. Check with the Questura and the legal team before advising."),
        _l("Renewal needs a new or extended authorisation from the juvenile court."),
        ("assistenza minori", "art. 31", "tribunale per i minorenni"),
    ),
    Permit(
        "natural_disaster", "Permesso di soggiorno per calamità",
        "D.Lgs. 286/1998 (TUI), art. 20-bis; DL 20/2023 (L. 50/2023), art. 7", (Y, Y, Y, Y),
        _l("For people who cannot safely return to their country because of an exceptional "
           "disaster there. Valid only in Italy."),
        _l("Six months, renewable for six more months while the disaster lasts."),
        _l("Cannot be converted into a work permit since 2023."),
        _l("Renewed only if the exceptional situation in the country still exists."),
        ("calamità",),
    ),
    Permit(
        "civil_merit", "Permesso di soggiorno per atti di particolare valore civile",
        "D.Lgs. 286/1998 (TUI), art. 42-bis; L. 13/1958, art. 3", (Y, Y, Y, Y),
        _l("For people who have performed acts of particular civil merit (those for which the "
           "civil valour awards of L. 13/1958 are given). The Minister of the Interior "
           "authorises it on the proposal of the Prefect, unless the person is a danger to "
           "public order or State security (art. 42-bis)."),
        _l("Two years, renewable (art. 42-bis)."),
        _l("Can be converted into a work permit, employed or self-employed (art. 42-bis)."),
        _l("Renewed by the Questura: check with the Questura which documents it asks for."),
        ("valore civile", "valor civile", "42-bis"),
    ),
    Permit(
        "eu_blue_card", "Carta blu UE",
        "D.Lgs. 286/1998 (TUI), art. 27-quater", (L, Y, Y, Y),
        _l("For highly qualified workers (degree or equivalent professional experience) with a "
           "job offer above the legal salary threshold."),
        _l("Two years, or the length of the contract plus three months if shorter."),
        _l("Makes family reunification easier and gives access to the EU long-term permit."),
        _l("Renewed while the highly qualified job continues."),
        ("carta blu", "blue card"),
    ),
    Permit(
        "work_special_categories", "Permesso di soggiorno per lavoro in casi particolari",
        "D.Lgs. 286/1998 (TUI), art. 27", (L, Y, Y, Y),
        _l("For categories of workers admitted outside the quotas: managers, university "
           "teachers, interpreters, artists, professional athletes, nurses and others. Work is "
           "limited to the authorised activity."),
        _l("The length of the contract or engagement."),
        _l("Conversion into an ordinary work permit depends on the category."),
        _l("Renewed while the same authorised activity continues."),
        ("casi particolari", "lavoro artistico", "attività sportiva", "art. 27"),
    ),
    Permit(
        "intra_corporate_transfer", "Permesso di soggiorno ICT (trasferimento intra-societario)",
        "D.Lgs. 286/1998 (TUI), artt. 27-quinquies, 27-sexies; Direttiva 2014/66/UE",
        (L, Y, Y, Y),
        _l("For managers, specialists and trainee employees with a university degree who work "
           "for a company outside the EU and are sent temporarily to an entity of the same "
           "company or group in Italy, after working for it for at least three months; outside "
           "the quotas. Work is limited to the transfer (art. 27-quinquies)."),
        _l("The length of the transfer: at most three years for managers and specialists, one "
           "year for trainee employees."),
        _l("Conversion into another permit depends on the rules in force: check with the "
           "Questura."),
        _l("Can be extended up to the longest transfer allowed. A person with an ICT permit from "
           "another EU country can work in Italy under the mobility rules (art. 27-sexies)."),
        ("ICT", "trasferimento intra-societario", "trasferimenti intrasocietari",
         "27-quinquies"),
    ),
    Permit(
        "remote_work", "Permesso di soggiorno per nomadi digitali e lavoratori da remoto",
        "D.Lgs. 286/1998 (TUI), art. 27 c. 1 lett. q-bis; DM 29 febbraio 2024", (L, Y, Y, L),
        _l("For highly qualified people who work remotely with technology, on their own "
           "account (digital nomads) or for a company, even one not based in Italy (remote "
           "workers); outside the quotas and without a work authorisation. They need a visa, "
           "health insurance, housing, an income of at least three times the minimum for "
           "exemption from health-care charges, six months' experience and, for remote workers, "
           "a contract or binding offer (DM 29 February 2024)."),
        _l("Up to one year (art. 27 c. 1 lett. q-bis)."),
        _l("Family members can join the holder. Conversion into another permit: check with the "
           "Questura."),
        _l("Renewed each year while the conditions continue (DM 29 February 2024)."),
        ("nomadi digitali", "nomade digitale", "lavoratori da remoto", "lavoro da remoto",
         "q-bis"),
    ),
    Permit(
        "investors", "Permesso di soggiorno per investitori",
        "D.Lgs. 286/1998 (TUI), art. 26-bis; L. 193/2024, art. 35; DM 21 luglio 2017",
        (L, Y, Y, L),
        _l("For people who invest, in their own name or for a company they represent, at least 2 "
           "million euros in Italian government bonds, 500,000 euros in an Italian company or "
           "venture capital fund (250,000 in an innovative start-up), or who donate at least 1 "
           "million euros to a project of public interest; outside the quotas, after clearance "
           "by the Investor Visa for Italy committee (art. 26-bis)."),
        _l("Two years; renewable for three more years if the investment is kept."),
        _l("Whether it allows other work and can be converted: check with the Questura."),
        _l("Renewed with the committee's clearance (nulla osta) showing that the investment or "
           "donation has been kept (DM 21 July 2017)."),
        ("investitori", "investor visa", "golden visa", "26-bis"),
    ),
    Permit(
        "statelessness", "Permesso di soggiorno per apolidia",
        "Convenzione di New York 1954 (L. 306/1962); DPR 572/1993, art. 17", (Y, Y, Y, Y),
        _l("For people recognised as stateless by the Ministry of the Interior or by a court. A "
           "permit may also be issued while the procedure is pending."),
        _l("Several years, renewable; shorter while the procedure is pending."),
        _l("Gives a travel document for stateless people; citizenship can be requested after "
           "five years of residence."),
        _l("Renewed while the stateless status continues."),
        ("apolidia", "apolide", "attesa apolidia"),
    ),
    Permit(
        "citizenship_pending", "Permesso di soggiorno per acquisto della cittadinanza",
        "DPR 394/1999, art. 11 c. 1 lett. c; D.Lgs. 286/1998 (TUI), art. 6 c. 1-bis lett. d; "
        "L. 91/1992, art. 3-bis (DL 36/2025, L. 74/2025)", (Y, Y, Y, Y),
        _l("For people in Italy while their application for Italian citizenship, or for its "
           "recognition, is pending (DPR 394/1999, art. 11 c. 1 lett. c). Since DL 36/2025 (L. "
           "74/2025) a person born abroad who holds another citizenship is an Italian citizen "
           "by descent (iure sanguinis) only in limited cases, for example if a parent or a "
           "grandparent was born in Italy (L. 91/1992, art. 3-bis); applications filed by 27 "
           "March 2025 follow the previous rules. Check with the comune or the consulate."),
        _l("Until the citizenship procedure ends."),
        _l("Ends when citizenship is granted. If it is refused, it can be converted into a work "
           "permit if the requirements are met, unless the person previously held an "
           "asylum-seeker permit (art. 6 c. 1-bis lett. d)."),
        _l("Renewed with proof that the procedure is still pending."),
        ("acquisto cittadinanza", "attesa cittadinanza", "iure sanguinis",
         "cittadinanza per discendenza"),
    ),
    Permit(
        "justice", "Permesso di soggiorno per motivi di giustizia",
        "DPR 394/1999, art. 11 c. 1 lett. c-bis; c.p.p., art. 380", (L, L, L, L),
        _l("Issued at the request of the judicial authority when the person's presence in Italy "
           "is indispensable for criminal proceedings for serious offences (those of art. 380 of "
           "the Code of Criminal Procedure, or of art. 3 of L. 75/1958). What it allows (work, "
           "study) is not set out clearly: check with the Questura."),
        _l("At most three months, extendable once for the same period."),
        _l("As a rule it cannot be converted into another permit; case law is divided: ask the "
           "legal team."),
        _l("Extended only at the request of the judicial authority, while the person's presence "
           "is still needed."),
        ("motivi di giustizia", "giustizia"),
    ),
    Permit(
        "religious", "Permesso di soggiorno per motivi religiosi",
        "D.Lgs. 286/1998 (TUI), artt. 5 c. 2, 6 c. 1-bis lett. g; DPR 394/1999, art. 11",
        (L, Y, Y, L),
        _l("For clergy and members of religious orders invited by their religious authority. "
           "Work is limited to religious ministry; SSN enrolment is voluntary."),
        _l("The period requested by the religious authority, renewable."),
        _l("Since DL 130/2020 it can be converted into a work permit if the requirements are met "
           "(art. 6 c. 1-bis lett. g): check with the Questura."),
        _l("Renewed with a new declaration of the religious authority."),
        ("motivi religiosi", "religioso"),
    ),
    Permit(
        "elective_residence", "Permesso di soggiorno per residenza elettiva",
        "DPR 394/1999, art. 11 c. 1 lett. c-quater; D.Lgs. 286/1998 (TUI), art. 6 c. 1-bis "
        "lett. c", (N, Y, Y, L),
        _l("For people who choose to live in Italy with a stable income that does not come from "
           "work, such as a pension. Work is not allowed; SSN enrolment is voluntary, for a "
           "fee."),
        _l("Up to two years, renewable."),
        _l("As a rule it cannot be converted into a work permit; it can be for a person who "
           "receives a pension paid in Italy (art. 6 c. 1-bis lett. c)."),
        _l("Renewal requires proof that the income and housing still exist."),
        ("residenza elettiva", "pensionato"),
    ),
    Permit(
        "eu_citizen", "Cittadino dell'Unione europea (attestazione di soggiorno)",
        "D.Lgs. 30/2007, artt. 7, 9, 14", (Y, Y, L, L),
        _l("EU citizens need no permit. For stays over three months they register at the "
           "registry office if they work, study or have sufficient means and health insurance; "
           "otherwise essential care is given with an ENI code."),
        _l("No permit: registration lasts while the conditions hold."),
        _l("After five years of legal stay they can get the certificate of permanent residence."),
        _l("Nothing to renew; changes are reported to the registry office."),
        ("cittadino UE", "comunitario", "attestazione di soggiorno", "ENI"),
    ),
    Permit(
        "passport_only", "Solo passaporto o documento d'identità (soggiorno breve)",
        "D.Lgs. 286/1998 (TUI), art. 5 c. 7; L. 68/2007", (N, L, N, L),
        _l("For short visits of up to 90 days (tourism, business, family visits), with a "
           "short-stay visa or without a visa. No work, no residence registration; health care "
           "only urgent, paid or through insurance."),
        _l("Up to 90 days in any 180-day period."),
        _l("Cannot be turned into a residence permit, except in cases provided by law (family of "
           "Italian or EU citizens, asylum application)."),
        _l("Not renewable; staying longer makes the stay irregular."),
        ("passaporto", "visto turistico", "dichiarazione di presenza"),
    ),
    Permit(
        "none", "Nessun titolo di soggiorno",
        "D.Lgs. 286/1998 (TUI), art. 35 cc. 3, 5", (N, L, N, L),
        _l("People without a valid document still have the right to urgent and essential health "
           "care, including pregnancy and child care, with an STP code; health services do not "
           "report them. Children have the right to go to school."),
        _l("Not applicable."),
        _l("There may be a way to get a permit (asylum, special protection, family, victims of "
           "exploitation, minors): send the person to the legal team."),
        _l("If a permit expired recently a late renewal may still be possible: check with the "
           "legal team quickly."),
        ("irregolare", "senza permesso", "STP"),
    ),
)

BY_CODE = {permit.code: permit for permit in PERMITS}
