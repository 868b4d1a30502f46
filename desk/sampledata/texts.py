"""What the demo desk writes: access descriptions, notes and their translations, care plans.

Written the way operators write them: short, in Italian, without names.
"""

# Need -> what the operator writes in the access description.
ACCESS_DESCRIPTIONS = {
    "documents": (
        "Chiede informazioni sul rinnovo del permesso di soggiorno in scadenza.",
        "Vuole convertire il permesso per studio in permesso per lavoro subordinato.",
        "Ha smarrito il permesso di soggiorno: chiede come fare denuncia e duplicato.",
        "Ricevuta postale del rinnovo scaduta da mesi, nessuna convocazione dalla Questura.",
    ),
    "asylum": (
        "Ha presentato domanda di protezione internazionale, attende l'audizione in Commissione.",
        "Ha ricevuto il diniego della Commissione territoriale: chiede come fare ricorso.",
        "Da poco in Italia, vuole chiedere asilo e non sa come prenotare in Questura.",
    ),
    "housing": (
        "Ospite presso connazionali, deve lasciare l'alloggio entro fine mese.",
        "Sfratto per morosità in corso, nucleo con due figli minori.",
        "Dorme in strada da alcune notti; chiede un posto in dormitorio.",
        "Cerca casa in affitto ma le agenzie chiedono garanzie che non ha.",
    ),
    "work": (
        "Cerca lavoro; esperienza come muratore e nelle pulizie.",
        "Lavora senza contratto in un cantiere; chiede come regolarizzare la posizione.",
        "Vuole iscriversi al Centro per l'impiego e preparare il curriculum.",
    ),
    "income": (
        "Chiede informazioni sull'Assegno di inclusione e su come fare l'ISEE.",
        "Senza reddito da tre mesi, bollette arretrate.",
        "Chiede come fare domanda di assegno unico per i figli.",
    ),
    "health": (
        "Non ha il medico di base; chiede come iscriversi al Servizio sanitario nazionale.",
        "Gravidanza al quarto mese, nessun controllo finora.",
        "Senza permesso di soggiorno, ha bisogno di cure: informazioni sul tesserino STP.",
        "Dolori persistenti alla schiena, chiede una visita; non ha la tessera sanitaria.",
    ),
    "mental_health": (
        "Riferisce insonnia e incubi dopo il viaggio; chiede aiuto.",
        "Segnalata dal centro di accoglienza per un forte stato d'ansia.",
    ),
    "education": (
        "Chiede l'iscrizione a scuola dei figli arrivati con il ricongiungimento.",
        "Vuole il riconoscimento del titolo di studio conseguito nel Paese d'origine.",
    ),
    "italian_course": (
        "Vuole iscriversi a un corso di italiano al CPIA.",
        "Chiede un corso di italiano serale compatibile con l'orario di lavoro.",
    ),
    "family_reunification": (
        "Vuole il ricongiungimento con coniuge e figli: chiede i requisiti di reddito e alloggio.",
        "Nulla osta al ricongiungimento richiesto da sei mesi, nessuna risposta.",
    ),
    "legal_advice": (
        "Contratto di lavoro non rispettato, tre mensilità arretrate.",
        "Ha ricevuto una notifica dal Comune che non comprende.",
        "Chiede informazioni sui requisiti per la cittadinanza italiana.",
    ),
    "violence": (
        "Riferisce maltrattamenti da parte del compagno; accompagnata da un'amica.",
        "Lavoro nei campi pagato a cottimo, documenti trattenuti dal datore di lavoro.",
    ),
    "language_barrier": (
        "Comprende poco l'italiano: serve la mediazione per il colloquio.",
        "Non riesce a seguire le comunicazioni della Questura senza un mediatore.",
    ),
    "other": (
        "Chiede informazioni generali sui servizi dello Sportello.",
        "Chiede come ottenere la residenza anagrafica.",
    ),
}

FOLLOW_UP_DESCRIPTIONS = (
    "Torna per aggiornamenti sulla pratica.",
    "Telefona per spostare l'appuntamento.",
    "Porta i documenti richiesti nel colloquio precedente.",
    "Chiede se la domanda è stata accolta.",
)

# Notes each team writes, in Italian.
TEAM_NOTES = {
    "legal": (
        "Verificata la documentazione: ricevuta di rinnovo valida, manca il contratto aggiornato.",
        "Predisposta istanza di accesso agli atti in Questura.",
        "Fissato colloquio con l'avvocato convenzionato per il ricorso.",
        "Spiegati i requisiti per la conversione del permesso; porterà le ultime buste paga.",
    ),
    "social": (
        "Colloquio di presa in carico: nucleo di quattro persone, un solo reddito saltuario.",
        "Inviata segnalazione all'emergenza abitativa del Comune.",
        "Compilata la DSU per l'ISEE con il CAF convenzionato.",
        "Contattato il dormitorio cittadino: posto disponibile da lunedì.",
    ),
    "health": (
        "Iscrizione al Servizio sanitario nazionale completata, scelto il medico di base.",
        "Rilasciato tesserino STP; indicati gli ambulatori ISI.",
    ),
    "mediation": (
        "Colloquio mediato: la persona ha compreso i passaggi per il rinnovo.",
        "Accompagnamento telefonico con il CAF per la dichiarazione ISEE.",
    ),
}

# Clinical notes: confidential to the health team.
HEALTH_CONFIDENTIAL_NOTES = (
    "Prima visita: pressione arteriosa elevata, avviato percorso con il medico di base.",
    "Prenotata visita ginecologica al consultorio; esami del primo trimestre da fare.",
    "Invio al servizio di etnopsichiatria per valutazione; consenso raccolto.",
    "Terapia in corso per diabete di tipo 2; controllo glicemia tra un mese.",
)

# Italian notes with the mediators' translations: (Italian, Arabic, French).
TRANSLATED_NOTES = (
    (
        "Appuntamento in Questura confermato per la prossima settimana: portare passaporto, "
        "quattro foto e ricevuta.",
        "تم تأكيد الموعد في الكويستورا الأسبوع المقبل: يرجى إحضار جواز السفر وأربع صور والإيصال.",
        "Rendez-vous à la Questura confirmé pour la semaine prochaine : apporter le passeport, "
        "quatre photos et le récépissé.",
    ),
    (
        "La domanda di alloggio di emergenza è stata inviata al Comune; la risposta arriva in "
        "circa due settimane.",
        "تم إرسال طلب السكن الطارئ إلى البلدية؛ سيصل الرد خلال أسبوعين تقريبًا.",
        "La demande de logement d'urgence a été envoyée à la Mairie ; la réponse arrivera dans "
        "environ deux semaines.",
    ),
    (
        "Per l'iscrizione al medico di base serve il codice fiscale: lo richiediamo insieme "
        "all'Agenzia delle Entrate.",
        "للتسجيل لدى طبيب الأسرة يلزم الرمز الضريبي: سنطلبه معًا من وكالة الإيرادات.",
        "Pour l'inscription chez le médecin traitant, il faut le code fiscal : nous le "
        "demanderons ensemble à l'Agence des impôts.",
    ),
    (
        "Il corso di italiano al CPIA inizia a gennaio; l'iscrizione si fa con il permesso "
        "di soggiorno.",
        "تبدأ دورة اللغة الإيطالية في مركز CPIA في يناير؛ يتم التسجيل بتقديم تصريح الإقامة.",
        "Le cours d'italien au CPIA commence en janvier ; l'inscription se fait avec le titre "
        "de séjour.",
    ),
)

# Notes written by the mediators in their language, with an Italian translation.
MEDIATOR_NOTES = {
    "ar": (
        "أخبرتنا السيدة أنها تعيش مع أطفالها الثلاثة في غرفة واحدة وتحتاج إلى مساعدة عاجلة "
        "في السكن.",
        "La signora riferisce di vivere con i tre figli in una sola stanza e di avere bisogno "
        "urgente di aiuto per la casa.",
    ),
    "fr": (
        "La personne travaille sans contrat dans l'agriculture ; elle a peur de perdre son "
        "logement si elle porte plainte.",
        "La persona lavora senza contratto in agricoltura; teme di perdere l'alloggio se "
        "denuncia.",
    ),
}

DECLINE_TEXTS = {
    "not_competent": "La richiesta riguarda l'ambito sociale, non legale: rinviata allo Sportello.",
    "missing_information": "Mancano copia del permesso e recapito telefonico aggiornato.",
    "no_capacity": "Nessun operatore disponibile nelle prossime settimane in questa sede.",
    "already_followed": "La persona è già seguita dal servizio sociale del territorio.",
    "other": "La persona ha chiesto di sospendere la pratica per ora.",
}

REFERRAL_TEXTS = {
    "legal": "Valutare la situazione documentale e i tempi del rinnovo.",
    "social": "Presa in carico per la situazione abitativa ed economica.",
    "health": "Orientamento ai servizi sanitari e iscrizione al SSN.",
    "mediation": "Mediazione linguistica per i colloqui con i servizi.",
}

GOALS = {
    "legal": ("Rinnovo del permesso di soggiorno",
              "Raccolta documenti, appuntamento in Questura, verifica dell'esito."),
    "social": ("Soluzione abitativa stabile entro tre mesi",
               "Domanda di casa popolare, contatto con l'agenzia sociale per la locazione."),
    "health": ("Iscrizione al SSN e scelta del medico di base",
               "Richiesta del codice fiscale, iscrizione all'ASL, prima visita."),
    "mediation": ("Autonomia nei contatti con i servizi",
                  "Accompagnamento ai primi appuntamenti con il mediatore, poi verifica."),
}

CONFERENCE_DECISIONS = (
    "Condivisa la situazione abitativa e documentale: il team legale segue il rinnovo, il "
    "sociale attiva l'emergenza abitativa. Prossima verifica tra un mese.",
    "Concordato un unico referente per la famiglia; la mediazione accompagna ai colloqui "
    "sanitari. Rivalutazione dopo l'esito della Commissione.",
)

APPOINTMENT_PLACES = {
    "TO": ("Sala colloqui 1", "Sala colloqui 2", "Ufficio legale, 2° piano", "Ambulatorio"),
    "CN": ("Sala colloqui", "Ufficio legale", "Sportello, stanza 3"),
}

# A short note in each language the generator writes in, when no richer text is at hand.
NOTE_TEXT = {
    "it": "Colloquio svolto; la persona porterà i documenti richiesti al prossimo incontro.",
    "en": "Interview held; the person will bring the requested documents next time.",
    "fr": "Entretien réalisé ; la personne apportera les documents demandés.",
    "ar": "تمت المقابلة؛ سيحضر الشخص المستندات المطلوبة في الموعد القادم.",
    "uk": "Проведено співбесіду; людина принесе потрібні документи наступного разу.",
    "zh": "已面谈；此人下次会带来所需文件。",
    "bn": "সাক্ষাৎকার হয়েছে; পরের বার প্রয়োজনীয় কাগজপত্র আনবেন।",
    "ur": "انٹرویو ہو گیا؛ اگلی بار مطلوبہ دستاویزات لائیں گے۔",
    "es": "Entrevista realizada; la persona traerá los documentos solicitados.",
}
