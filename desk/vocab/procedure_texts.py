"""The regional text of the procedure sheets (desk/vocab/procedures.py builds the library).

Written short, for the person: one sentence per step. Amounts and time limits as in force on
the glossary's LAW_CHECKED date (TUI art. 5 c. 2 and 4, art. 13 c. 2, art. 29, art. 35;
DM 5 May 2017 for the permit fees).
"""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p

# What to bring: one checklist line each.
ITEMS = {
    "passport": _l("Passport (original and a copy of every page)"),
    "permit": _l("Your residence permit (permesso di soggiorno) and a copy"),
    "receipt": _l("The post office receipt (ricevuta) with your appointment letter"),
    "photos": _l("Four identical passport photos"),
    "stamp": _l("A € 16 revenue stamp (marca da bollo)"),
    "tax_code": _l("Your tax code (codice fiscale)"),
    "reason_documents": _l("Papers for the reason of your permit: work contract and recent "
                           "payslips, school enrolment, or family certificates"),
    "address": _l("Proof of where you live: rental contract or declaration of hospitality "
                  "(dichiarazione di ospitalità)"),
    "visa": _l("Passport with the entry visa"),
    "nulla_osta": _l("The authorisation (nulla osta), if you came with one"),
    "income": _l("Proof of income of the last year (CU, 730 or payslips)"),
    "housing_certificate": _l("Certificate of suitable housing (certificato di idoneità "
                              "alloggiativa)"),
    "family_certificates": _l("Birth and marriage certificates of your family, translated "
                              "and legalised"),
    "identity": _l("An identity document, if you have one"),
    "indigence": _l("A signed statement that you cannot pay (dichiarazione di indigenza)"),
    "household": _l("Tax codes of everyone in your household"),
    "assets": _l("Bank balances and assets on 31 December of two years ago"),
}

# Which kind of office: the territory's directory names the actual service (models.procedures).
PLACES = {
    "helper": _l("A patronato or the desk (free help with the forms)"),
    "post_office": _l("Post office with a Sportello Amico (Poste Italiane)"),
    "questura": _l("Immigration office of the police (Questura — Ufficio immigrazione)"),
    "prefettura": _l("Sportello Unico per l'Immigrazione (Prefettura)"),
    "consulate": _l("The Italian embassy or consulate in your family's country"),
    "comune": _l("The Comune (municipality)"),
    "asl": _l("The local health office (ASL — sportello scelta e revoca)"),
    "asl_stp": _l("The ASL clinic for people without a permit (ambulatorio STP)"),
    "tax_office": _l("Tax office (Agenzia delle Entrate)"),
    "anagrafe": _l("Registry office of the Comune (Anagrafe)"),
    "caf": _l("A tax assistance centre (CAF), or online on the INPS website"),
    "cpia": _l("Adult education centre (CPIA)"),
}

FREE = _p("procedure cost", "Free")
PERMIT_FEES = _l("€ 16 revenue stamp, € 30 postal fee, and a payment slip of € 70.46, € 80.46 "
                 "or € 130.46 depending on the permit (less for asylum and minors: ask the desk)")
WITHIN_8_DAYS = _l("Within 8 working days of arrival in Italy.")

FINGERPRINTS = {
    "code": "questura", "place": "questura", "bring": ("receipt", "passport", "photos",
                                                       "reason_documents"),
    "what": _l("Go to the Questura on the day of your appointment: they take your fingerprints "
               "and check the originals."),
    "deadline": _l("On the day and at the time written on the receipt."), "waiting_days": 30,
}
COLLECT = {
    "code": "collect", "place": "questura", "bring": ("receipt", "passport"),
    "what": _l("Collect the new permit when it is ready: check with the receipt number on the "
               "Polizia di Stato website."),
    "waiting_days": 60,
}

# (code, official Italian name, title, summary, steps, needs that offer it, glossary entries)
SHEETS = (
    ("permit_renewal", "Rinnovo del permesso di soggiorno",
     _l("Renewing a residence permit"),
     _l("Most permits are renewed with the postal kit. The receipt, with your passport, stands "
        "in for the permit while you wait: you can keep working and seeing your doctor. "
        "Protection and medical permits are renewed at the Questura directly: ask the desk."),
     ({"code": "kit", "place": "helper", "bring": ("passport", "permit"), "cost": FREE,
       "what": _l("Get the renewal kit (the envelope with the forms) and fill it in with help."),
       "deadline": _l("Ask for the renewal at least 60 days before the permit expires.")},
      {"code": "post", "place": "post_office",
       "bring": ("passport", "permit", "reason_documents", "tax_code", "stamp"),
       "cost": PERMIT_FEES,
       "what": _l("Hand in the kit at the post office with the envelope open. Keep the receipt."),
       "deadline": _l("Never more than 60 days after the expiry: later, you risk losing the "
                      "right to stay.")},
      FINGERPRINTS, COLLECT),
     ("documents",), ("work_employed", "family", "study")),
    ("first_permit", "Primo rilascio del permesso di soggiorno",
     _l("Your first residence permit after arrival"),
     _l("After entering Italy with a visa you must ask for the permit within 8 working days."),
     ({"code": "sui", "place": "prefettura", "bring": ("visa", "nulla_osta", "photos"),
       "cost": FREE, "deadline": WITHIN_8_DAYS,
       "what": _l("If you came with a work or family authorisation (nulla osta), go to the "
                  "Sportello Unico per l'Immigrazione to sign the papers.")},
      {"code": "post", "place": "post_office", "bring": ("visa", "tax_code", "stamp"),
       "cost": PERMIT_FEES, "deadline": WITHIN_8_DAYS,
       "what": _l("Hand in the permit application at the post office (kit), or at the Questura "
                  "when the desk tells you so. Keep the receipt.")},
      FINGERPRINTS, COLLECT),
     ("documents",), ("work_employed", "family")),
    ("family_reunification", "Ricongiungimento familiare",
     _l("Bringing your family to Italy"),
     _l("You need a valid permit of at least one year, enough income and a suitable home."),
     ({"code": "housing", "place": "comune", "bring": ("address", "identity"),
       "waiting_days": 30,
       "what": _l("Ask the Comune for the certificate that your home is suitable.")},
      {"code": "apply", "place": "prefettura",
       "bring": ("permit", "passport", "income", "housing_certificate", "family_certificates",
                 "stamp"),
       "cost": _l("€ 16 revenue stamp"), "waiting_days": 90,
       "what": _l("Apply online for the authorisation (nulla osta) of the Sportello Unico per "
                  "l'Immigrazione; the desk or a patronato can help.")},
      {"code": "visa", "place": "consulate", "bring": ("nulla_osta", "family_certificates"),
       "what": _l("Your family member asks the Italian consulate for the visa, with the nulla "
                  "osta."),
       "deadline": _l("Within 6 months of the nulla osta.")},
      {"code": "arrival", "place": "prefettura", "bring": ("visa", "nulla_osta"),
       "deadline": WITHIN_8_DAYS,
       "what": _l("After arrival, go together to the Sportello Unico, then ask for the permit "
                  "for family reasons (permesso per motivi familiari).")}),
     ("family_reunification",), ("family",)),
    ("health_registration", "Iscrizione al Servizio sanitario nazionale (tessera sanitaria, STP)",
     _l("Registering with the health service"),
     _l("With a permit (or its receipt) you register with the national health service and "
        "choose a family doctor. Without a permit you still have urgent and essential care."),
     ({"code": "register", "place": "asl",
       "bring": ("permit", "tax_code", "address", "passport"),
       "cost": _l("Free for workers, job seekers, family members and people under protection; "
                  "others pay a yearly fee."),
       "what": _l("Register at the ASL and choose your family doctor (medico di base). You get "
                  "the health card (tessera sanitaria).")},
      {"code": "stp", "place": "asl_stp", "bring": ("identity", "indigence"),
       "cost": _l("Free if you declare you cannot pay."),
       "deadline": _l("Valid 6 months, and can be renewed."),
       "what": _l("Without a permit: ask for the STP code (straniero temporaneamente presente). "
                  "Seeing a doctor does not lead to a report to the police.")}),
     ("health",), ("asylum_pending",)),
    ("tax_code", "Attribuzione del codice fiscale",
     _l("Getting a tax code"),
     _l("The tax code is needed for work, the doctor, a rental contract and a bank account."),
     ({"code": "office", "place": "tax_office", "bring": ("passport", "permit"), "cost": FREE,
       "waiting_days": 0,
       "what": _l("Ask for the tax code at the Agenzia delle Entrate. The Sportello Unico or the "
                  "Questura often gives it already.")},),
     ("documents", "work"), ()),
    ("residence", "Iscrizione anagrafica (residenza)",
     _l("Registering your residence at the Comune"),
     _l("Residence gives you the identity card and access to many local services."),
     ({"code": "declare", "place": "anagrafe", "bring": ("passport", "permit", "tax_code",
                                                        "address"),
       "cost": FREE, "what": _l("Declare your residence at the Anagrafe.")},
      {"code": "check", "waiting_days": 45,
       "what": _l("The municipal police check that you live at the address: put your name on "
                  "the bell and the letterbox.")}),
     ("documents", "housing"), ()),
    ("isee", "ISEE — Dichiarazione sostitutiva unica (DSU)",
     _l("Getting the ISEE (household income and assets)"),
     _l("The ISEE is asked for benefits, school canteens, reduced fees and public housing."),
     ({"code": "dsu", "place": "caf",
       "bring": ("identity", "household", "income", "assets", "address"), "cost": FREE,
       "waiting_days": 10, "deadline": _l("Valid until 31 December of the year."),
       "what": _l("Fill in the DSU (dichiarazione sostitutiva unica) at a CAF, or online on the "
                  "INPS website.")},),
     ("income", "housing"), ()),
    ("italian_course", "Iscrizione a un corso di italiano al CPIA",
     _l("Enrolling in an Italian course"),
     _l("The CPIA's Italian courses are free for adults, also for people waiting for a permit."),
     ({"code": "enrol", "place": "cpia", "bring": ("passport", "permit", "tax_code"),
       "cost": FREE,
       "what": _l("Enrol at the CPIA: a short test decides your level. Ask when the next course "
                  "starts.")},
      {"code": "certificate", "place": "cpia",
       "what": _l("At the end, take the A2 test: it is needed for the EU long-term permit "
                  "(permesso UE per soggiornanti di lungo periodo).")}),
     ("italian_course", "education"), ("eu_long_term",)),
    ("permit_conversion", "Conversione del permesso di soggiorno",
     _l("Converting a residence permit"),
     _l("Some permits can be changed into another (for example study into work) before they "
        "expire."),
     ({"code": "check", "place": "helper", "bring": ("permit", "reason_documents"),
       "what": _l("Check with the legal team that your permit can be converted and what the new "
                  "one needs."),
       "deadline": _l("Before your current permit expires.")},
      {"code": "apply", "place": "prefettura", "bring": ("permit", "passport",
                                                         "reason_documents", "stamp"),
       "cost": PERMIT_FEES,
       "what": _l("Apply for the conversion: online at the Sportello Unico for study, seasonal "
                  "or training permits into work; with the postal kit in the other cases.")},
      FINGERPRINTS),
     ("documents", "work"), ("study", "work_seasonal", "minor_age")),
)
