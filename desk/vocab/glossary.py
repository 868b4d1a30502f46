"""The residence-permit glossary (titoli di soggiorno): what each permit type allows.

Guidance for desk workers, to be checked against current law. Every text is a lazy gettext
string so the glossary reads in the reader's locale; the official Italian name and the legal
basis stay untranslated (they are what the person's documents and the Questura say).
"""

import unicodedata
from dataclasses import dataclass

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
        "D.Lgs. 286/1998 (TUI), artt. 5, 22", (Y, Y, Y, Y),
        _l("For people employed under a contract in Italy, usually after entering within the "
           "annual quotas (decreto flussi) or by converting another permit."),
        _l("As long as the contract: up to one year for a fixed-term contract, up to two years "
           "for a permanent one; renewals may last up to three years."),
        _l("Can be converted into a self-employment permit. After five years of legal residence "
           "the person may apply for the EU long-term residence permit."),
        _l("Apply before it expires with the postal kit; the receipt lets the person keep "
           "working while the renewal is processed. A person who loses the job can get a "
           "job-seeking permit."),
        ("lavoro subordinato", "lavoro dipendente"),
    ),
    Permit(
        "work_self_employed", "Permesso di soggiorno per lavoro autonomo",
        "D.Lgs. 286/1998 (TUI), art. 26", (Y, Y, Y, Y),
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
        "D.Lgs. 286/1998 (TUI), artt. 29, 30", (Y, Y, Y, Y),
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
        "D.Lgs. 286/1998 (TUI), art. 39", (L, Y, Y, L),
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
        "eu_long_term", "Permesso di soggiorno UE per soggiornanti di lungo periodo",
        "D.Lgs. 286/1998 (TUI), art. 9", (Y, Y, Y, Y),
        _l("For people who have lived legally in Italy for at least five years, with sufficient "
           "income, suitable housing and a pass in the Italian language test (level A2)."),
        _l("Permanent; the card must be updated every ten years (five for minors)."),
        _l("Nothing to convert. It can be revoked after a long absence from the EU (in general "
           "more than twelve months in a row)."),
        _l("Only the document is updated; the requirements are not checked again."),
        ("lungo periodo", "carta di soggiorno", "lungo soggiornante"),
    ),
    Permit(
        "eu_family_card", "Carta di soggiorno di familiare di un cittadino dell'Unione",
        "D.Lgs. 30/2007, artt. 10, 17", (Y, Y, Y, Y),
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
        "D.Lgs. 85/2003; Direttiva 2001/55/CE", (Y, Y, Y, Y),
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
        "D.Lgs. 251/2007", (Y, Y, Y, Y),
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
        "D.Lgs. 251/2007", (Y, Y, Y, Y),
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
        "D.Lgs. 142/2015, art. 4", (L, Y, Y, Y),
        _l("For people who have applied for international protection, while the Territorial "
           "Commission and, on appeal, the court decide. Work is allowed 60 days after the "
           "application."),
        _l("Six months, renewable until the final decision."),
        _l("Cannot be converted into a work permit; if protection is granted it is replaced by "
           "the corresponding permit."),
        _l("Renewed at the Questura while the procedure or the appeal is pending."),
        ("richiesta asilo", "richiedente asilo", "protezione internazionale"),
    ),
    Permit(
        "special_protection", "Permesso di soggiorno per protezione speciale",
        "D.Lgs. 286/1998 (TUI), art. 19 cc. 1, 1.1", (Y, Y, Y, Y),
        _l("For people who cannot be sent back because they would risk persecution, torture or "
           "inhuman or degrading treatment. Issued on the opinion of a Territorial Commission "
           "or after a court decision. It allows work."),
        _l("Two years, renewable."),
        _l("Conversion into a work permit was restricted in 2023; it depends on when the permit "
           "was requested and issued: check with the legal team."),
        _l("Renewal needs a new opinion of the Territorial Commission that the risk still "
           "exists."),
        ("protezione speciale",),
    ),
    Permit(
        "special_cases_violence",
        "Permesso di soggiorno per casi speciali (protezione sociale, violenza domestica, "
        "sfruttamento lavorativo)",
        "D.Lgs. 286/1998 (TUI), artt. 18, 18-bis, 22 c. 12-quater", (Y, Y, Y, Y),
        _l("For victims of trafficking or serious exploitation, of domestic violence and of "
           "labour exploitation who report it, who join an assistance programme or cooperate "
           "with the authorities."),
        _l("Six months to one year depending on the case, renewable as long as needed."),
        _l("Can be converted into a work or study permit."),
        _l("Renewed while the programme or the reasons for protection continue."),
        ("casi speciali", "protezione sociale", "art. 18", "18-bis", "violenza domestica",
         "sfruttamento lavorativo", "tratta"),
    ),
    Permit(
        "medical_treatment", "Permesso di soggiorno per cure mediche",
        "D.Lgs. 286/1998 (TUI), artt. 19 c. 2 lett. d-bis, 36", (L, L, Y, Y),
        _l("Two permits have this name: one for people who come to Italy to be treated, and one "
           "for people already in Italy in very serious health conditions that cannot be "
           "treated in their country."),
        _l("As long as the certified treatment; at most one year at a time for people already in "
           "Italy."),
        _l("Cannot be converted into a work permit since 2023. Whether work is allowed depends "
           "on the type: check with the legal team."),
        _l("Renewal requires up-to-date certificates from a public health facility."),
        ("cure mediche",),
    ),
    Permit(
        "minor_age", "Permesso di soggiorno per minore età",
        "L. 47/2017, art. 10; DPR 394/1999, art. 28", (L, Y, Y, Y),
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
        "D.Lgs. 286/1998 (TUI), art. 31 c. 3", (Y, Y, Y, Y),
        _l("For a parent or family member authorised by the juvenile court to stay in Italy for "
           "serious reasons linked to the development or health of a child living in Italy."),
        _l("The period decided by the juvenile court."),
        _l("Can be converted into a work permit."),
        _l("Renewal needs a new or extended authorisation from the juvenile court."),
        ("assistenza minori", "art. 31", "tribunale per i minorenni"),
    ),
    Permit(
        "natural_disaster", "Permesso di soggiorno per calamità",
        "D.Lgs. 286/1998 (TUI), art. 20-bis", (Y, Y, Y, Y),
        _l("For people who cannot safely return to their country because of an exceptional "
           "disaster there. Valid only in Italy."),
        _l("Six months, renewable for six more months while the disaster lasts."),
        _l("Cannot be converted into a work permit since 2023."),
        _l("Renewed only if the exceptional situation in the country still exists."),
        ("calamità",),
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
        "DPR 394/1999, art. 11 c. 1 lett. c", (Y, Y, Y, Y),
        _l("For people in Italy while their procedure to acquire Italian citizenship is pending, "
           "for example people of Italian descent."),
        _l("Until the citizenship procedure ends."),
        _l("Ends when citizenship is granted; if it is refused another permit is needed."),
        _l("Renewed with proof that the procedure is still pending."),
        ("acquisto cittadinanza", "attesa cittadinanza"),
    ),
    Permit(
        "religious", "Permesso di soggiorno per motivi religiosi",
        "D.Lgs. 286/1998 (TUI), art. 5; DPR 394/1999, art. 11", (L, Y, Y, L),
        _l("For clergy and members of religious orders invited by their religious authority. "
           "Work is limited to religious ministry; SSN enrolment is voluntary."),
        _l("The period requested by the religious authority, renewable."),
        _l("Conversion into other permits is limited: check with the legal team."),
        _l("Renewed with a new declaration of the religious authority."),
        ("motivi religiosi", "religioso"),
    ),
    Permit(
        "elective_residence", "Permesso di soggiorno per residenza elettiva",
        "DPR 394/1999, art. 11 c. 1 lett. c-quater", (N, Y, Y, L),
        _l("For people who choose to live in Italy with a stable income that does not come from "
           "work, such as a pension. Work is not allowed; SSN enrolment is voluntary, for a "
           "fee."),
        _l("Up to two years, renewable."),
        _l("Cannot be converted into a work permit."),
        _l("Renewal requires proof that the income and housing still exist."),
        ("residenza elettiva", "pensionato"),
    ),
    Permit(
        "eu_citizen", "Cittadino dell'Unione europea (attestazione di soggiorno)",
        "D.Lgs. 30/2007", (Y, Y, L, L),
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
        "D.Lgs. 286/1998 (TUI), art. 35", (N, L, N, L),
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
