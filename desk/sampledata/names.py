"""Names of the sample people, shared by the demo seed and the large generator: Latin
transcription and, where it differs, the original script.

Each entry is "Latin|Original" (or just "Latin" when the name is written in Latin script).
Common names appear in several transcriptions (Mohamed / Mohammed / Muhammad / Mohamad,
all محمد) because that is what the desk meets every day and what search has to handle.
"""

from dataclasses import dataclass

Name = tuple[str, str | None]


def _names(text: str) -> tuple[Name, ...]:
    result = []
    for item in text.split(","):
        latin, _, original = item.strip().partition("|")
        result.append((latin.strip(), original.strip() or None))
    return tuple(result)


@dataclass(frozen=True)
class Origin:
    country: str  # ISO 3166-1 alpha-2
    weight_to: int  # relative frequency at the Torino desk
    weight_cn: int  # ... and at the Cuneo desk
    languages: tuple[str, ...]  # first one is the person's preferred language
    interpreter_rate: float  # how often an interpreter is needed
    male: tuple[Name, ...]
    female: tuple[Name, ...]
    family: tuple[Name, ...]
    # Belfiore code of the country, for the codice fiscale of people born there.
    belfiore: str | None = None
    # Relative frequency across the region (the generator); by default the two desks' sum.
    weight_region: int | None = None

    @property
    def region_weight(self) -> int:
        return self.weight_to + self.weight_cn if self.weight_region is None else self.weight_region


_ARABIC_MALE = (
    "Mohamed|محمد, Mohammed|محمد, Ahmed|أحمد, Youssef|يوسف, Omar|عمر, Karim|كريم, "
    "Hamza|حمزة, Mustafa|مصطفى, Khaled|خالد, Said|سعيد, Ali|علي, Hassan|حسن, Ibrahim|إبراهيم"
)
_ARABIC_FEMALE = (
    "Fatima|فاطمة, Khadija|خديجة, Aicha|عائشة, Amina|أمينة, Nour|نور, Meriem|مريم, "
    "Salma|سلمى, Samira|سميرة, Hanan|حنان, Zineb|زينب, Yasmine|ياسمين, Leila|ليلى"
)

ORIGINS: tuple[Origin, ...] = (
    Origin(
        "MA", 16, 14, ("ar", "fr", "it"), 0.35,
        _names(_ARABIC_MALE + ", Rachid|رشيد, Abdelkader|عبد القادر"),
        _names(_ARABIC_FEMALE),
        _names("El Amrani|العمراني, Benali|بنعلي, Bennani|بناني, El Idrissi|الإدريسي, "
               "Alaoui|العلوي, Tazi|التازي, Berrada|برادة, El Fassi|الفاسي, Ziani|الزياني"),
        "Z330",
    ),
    Origin(
        "EG", 7, 2, ("ar",), 0.6,
        _names(_ARABIC_MALE + ", Tarek|طارق, Mahmoud|محمود"),
        _names(_ARABIC_FEMALE + ", Rania|رانيا, Mariam|مريم"),
        _names("Abdel Rahman|عبد الرحمن, Mahmoud|محمود, El Sayed|السيد, Mostafa|مصطفى, "
               "Farouk|فاروق, Soliman|سليمان, Hassan|حسن"),
        "Z336",
    ),
    Origin(
        "TN", 5, 4, ("ar", "fr"), 0.3,
        _names(_ARABIC_MALE + ", Mehdi|مهدي"),
        _names(_ARABIC_FEMALE),
        _names("Ben Salah|بن صالح, Trabelsi|الطرابلسي, Ben Ammar|بن عمار, Jebali|الجبالي, "
               "Gharbi|الغربي, Hammami|الحمامي"),
        "Z352",
    ),
    Origin(
        "SY", 3, 1, ("ar",), 0.7,
        _names("Mohamad|محمد, Ahmad|أحمد, Omar|عمر, Khaled|خالد, Bassel|باسل, Rami|رامي"),
        _names("Rasha|رشا, Lina|لينا, Nour|نور, Hiba|هبة, Dima|ديما"),
        _names("Haddad|حداد, Al-Khatib|الخطيب, Al-Halabi|الحلبي, Darwish|درويش, Kassem|قاسم"),
    ),
    Origin(
        "SD", 3, 2, ("ar", "en"), 0.75,
        _names("Mohammed|محمد, Abdallah|عبد الله, Osman|عثمان, Adam|آدم, Mubarak|مبارك"),
        _names("Fatima|فاطمة, Amna|آمنة, Hawa|حواء"),
        _names("Osman|عثمان, Abdallah|عبد الله, Idris|إدريس, Babiker|بابكر, Yagoub|يعقوب"),
    ),
    Origin(
        "BD", 6, 3, ("bn", "en"), 0.6,
        _names("Mohammad|মোহাম্মদ, Rahim|রহিম, Karim|করিম, Sohel|সোহেল, Rasel|রাসেল, "
               "Jahid|জাহিদ, Mizanur|মিজানুর, Shahin|শাহীন, Arif|আরিফ"),
        _names("Fatema|ফাতেমা, Nasrin|নাসরিন, Sumaiya|সুমাইয়া, Shirin|শিরিন, Taslima|তাসলিমা"),
        _names("Hossain|হোসেন, Rahman|রহমান, Islam|ইসলাম, Ahmed|আহমেদ, Uddin|উদ্দিন, "
               "Miah|মিয়া, Chowdhury|চৌধুরী, Akter|আক্তার"),
        "Z249",
    ),
    Origin(
        "PK", 5, 4, ("ur", "pa", "en"), 0.55,
        _names("Muhammad|محمد, Imran|عمران, Bilal|بلال, Asif|آصف, Usman|عثمان, "
               "Zeeshan|ذیشان, Kamran|کامران, Faisal|فیصل, Waqas|وقاص"),
        _names("Ayesha|عائشہ, Sana|ثناء, Nadia|نادیہ, Rabia|رابعہ, Saima|صائمہ"),
        _names("Khan|خان, Hussain|حسین, Ali|علی, Butt|بٹ, Iqbal|اقبال, Malik|ملک, "
               "Chaudhry|چوہدری, Qureshi|قریشی, Raza|رضا"),
        "Z236",
    ),
    Origin(
        "UA", 7, 3, ("uk", "ru"), 0.5,
        _names("Oleksandr|Олександр, Andrii|Андрій, Dmytro|Дмитро, Serhii|Сергій, "
               "Mykola|Микола, Yurii|Юрій, Taras|Тарас"),
        _names("Olena|Олена, Nataliia|Наталія, Iryna|Ірина, Oksana|Оксана, Tetiana|Тетяна, "
               "Yuliia|Юлія, Halyna|Галина, Svitlana|Світлана, Kateryna|Катерина"),
        _names("Shevchenko|Шевченко, Kovalenko|Коваленко, Bondarenko|Бондаренко, "
               "Tkachenko|Ткаченко, Kravchenko|Кравченко, Melnyk|Мельник, Boiko|Бойко, "
               "Moroz|Мороз, Lysenko|Лисенко, Kovalchuk|Ковальчук"),
        "Z138",
    ),
    Origin(
        "ER", 4, 2, ("ti", "ar"), 0.8,
        _names("Yonas|ዮናስ, Tesfay|ተስፋይ, Dawit|ዳዊት, Filmon|ፊልሞን, Habtom|ሃብቶም, "
               "Mehari|መሓሪ, Yohannes|ዮሃንስ"),
        _names("Selam|ሰላም, Senait|ሰናይት, Luwam|ሉዋም, Saba|ሳባ, Rahwa|ራሕዋ, Yordanos|ዮርዳኖስ"),
        _names("Tekle|ተኽለ, Berhane|ብርሃነ, Haile|ሃይለ, Tesfamariam|ተስፋማርያም, Kidane|ኪዳነ, "
               "Woldu|ወልዱ, Mesfin|መስፍን"),
    ),
    Origin(
        "CN", 7, 2, ("zh",), 0.7,
        _names("Wei|伟, Lei|磊, Jun|军, Jianhua|建华, Zhiqiang|志强, Hao|浩"),
        _names("Fang|芳, Min|敏, Jing|静, Yan|燕, Lihua|丽华, Meiling|美玲, Haiyan|海燕"),
        _names("Hu|胡, Zhou|周, Chen|陈, Lin|林, Wang|王, Zhang|张, Huang|黄, Xu|徐"),
        "Z210",
    ),
    Origin(
        "SN", 6, 6, ("wo", "fr"), 0.4,
        _names("Mamadou, Moussa, Ousmane, Cheikh, Ibrahima, Abdoulaye, Modou, Youssou"),
        _names("Fatou, Aminata, Awa, Mariama, Khady, Ndeye, Coumba"),
        _names("Diop, Ndiaye, Fall, Sow, Diallo, Gueye, Mbaye, Faye, Sarr, Cissé"),
        "Z343",
    ),
    Origin(
        "NG", 9, 4, ("en", "yo", "ig"), 0.1,
        _names("Chinedu, Emeka, Oluwaseun, Tunde, Godwin, Efosa, Osagie"),
        _names("Blessing, Precious, Joy, Ngozi, Chioma, Favour, Osaretin"),
        _names("Okafor, Okonkwo, Adeyemi, Eze, Obi, Igbinedion, Okoro, Nwosu, Ogunleye, Uwaifo"),
        "Z335",
    ),
    Origin(
        "ML", 3, 5, ("bm", "fr"), 0.6,
        _names("Moussa, Bakary, Seydou, Souleymane, Adama, Mamadou"),
        _names("Oumou, Kadiatou, Fatoumata, Assitan"),
        _names("Traoré, Keïta, Coulibaly, Konaté, Diarra, Sissoko, Touré, Camara"),
    ),
    Origin(
        "CI", 3, 3, ("fr",), 0.1,
        _names("Koffi, Kouassi, Yao, Konan, Mohamed, Ibrahim"),
        _names("Aya, Adjoua, Affoué, Mariam"),
        _names("Kouamé, N'Guessan, Koné, Ouattara, Bamba, Kouadio"),
    ),
    Origin(
        "GM", 3, 4, ("mnk", "wo", "en"), 0.4,
        _names("Lamin, Ebrima, Omar, Alieu, Modou, Muhammed"),
        _names("Isatou, Fatou, Mariama, Haddy"),
        _names("Jallow, Ceesay, Jobe, Sanneh, Touray, Darboe, Njie"),
    ),
    Origin(
        "GN", 3, 3, ("ff", "fr"), 0.5,
        _names("Alpha, Mamadou, Thierno, Ibrahima, Sékou, Amadou"),
        _names("Aissatou, Mariama, Kadiatou, Hawa"),
        _names("Diallo, Barry, Bah, Sow, Camara, Condé, Soumah, Sylla"),
    ),
    Origin(
        "AL", 8, 6, ("sq", "it"), 0.05,
        _names("Arben, Besnik, Ermal, Gentian, Klodian, Dritan, Ilir, Fatmir, Altin"),
        _names("Elira, Blerina, Anila, Valbona, Mirela, Klea, Jonida"),
        _names("Hoxha, Shehu, Gjoka, Dervishi, Kola, Leka, Basha, Marku, Prifti, Çela, Mëhilli"),
        "Z100",
    ),
    Origin(
        "PE", 8, 1, ("es",), 0.1,
        _names("José Luis, Juan Carlos, Luis, Jorge, Carlos, Miguel Ángel, Víctor"),
        _names("María, Rosa, Ana María, Carmen, Milagros, Lucía, Gladys, Yesenia"),
        _names("Quispe Mamani, Huamán Flores, Flores Rojas, García Torres, Mendoza Vargas, "
               "Chávez Ramos, Rodríguez Paredes, Castillo Ríos, Ccori Huamán"),
        "Z611",
    ),
    Origin(
        "EC", 2, 1, ("es",), 0.1,
        _names("Luis Alberto, Darwin, Segundo, Jhon"),
        _names("Mayra, Jessica, Rosa Elena"),
        _names("Guamán Cevallos, Zambrano Vera, Morocho Quishpe, Cedeño Macías"),
    ),
    Origin(
        "RO", 14, 8, ("ro", "it"), 0.05,
        _names("Ion, Andrei, Mihai, Gheorghe, Vasile, Florin, Ionuț, Marius, Constantin"),
        _names("Maria, Elena, Ioana, Andreea, Mihaela, Florentina, Georgiana, Alina"),
        _names("Popescu, Ionescu, Popa, Stan, Dumitru, Stoica, Munteanu, Lungu, Rusu, "
               "Ciobanu, Moldovan, Țurcanu"),
        "Z129",
    ),
    Origin(
        "AF", 3, 2, ("fa", "ps"), 0.85,
        _names("Mohammad|محمد, Ahmad|احمد, Hamid|حمید, Jawad|جواد, Farid|فرید, "
               "Najib|نجیب, Rahim|رحیم, Ali|علی, Zabihullah|ذبیح‌الله"),
        _names("Zahra|زهرا, Fatima|فاطمه, Maryam|مریم, Parwana|پروانه, Shabnam|شبنم, "
               "Nilofar|نیلوفر"),
        _names("Ahmadi|احمدی, Hakimi|حکیمی, Rahimi|رحیمی, Karimi|کریمی, Hussaini|حسینی, "
               "Noori|نوری, Sultani|سلطانی, Popal|پوپل, Stanikzai|ستانکزی"),
    ),
)

# Origins the region's generator meets that the two demo desks do not (weight 0 there; they
# come last so that the demo's draws stay the same). Georgian names in Latin script only until
# the app serves a Georgian font: tests/test_fonts.py checks that every original name is drawn.
ORIGINS += (
    Origin(
        "IN", 0, 0, ("pa", "hi", "en"), 0.4,
        _names("Gurpreet|ਗੁਰਪ੍ਰੀਤ, Sandeep|ਸੰਦੀਪ, Balwinder|ਬਲਵਿੰਦਰ, Kuldeep|ਕੁਲਦੀਪ"),
        _names("Harpreet|ਹਰਪ੍ਰੀਤ, Manjit|ਮਨਜੀਤ, Simran|ਸਿਮਰਨ, Jaspreet|ਜਸਪ੍ਰੀਤ"),
        _names("Singh|ਸਿੰਘ, Kaur|ਕੌਰ, Gill|ਗਿੱਲ, Sandhu|ਸੰਧੂ"),
        "Z222", weight_region=5,
    ),
    Origin(
        "GE", 0, 0, ("ka", "ru"), 0.4,
        _names("Giorgi, Levan, Davit"),
        _names("Nino, Tamar, Ketevan"),
        _names("Beridze, Kapanadze, Gelashvili"),
        "Z254", weight_region=2,
    ),
    Origin(
        "PH", 0, 0, ("tl", "en"), 0.03,
        _names("Jose, Mark, Rodel, Jayson"),
        _names("Maria Cristina, Rowena, Jocelyn, Lorna"),
        _names("Santos, Reyes, Cruz, Bautista, Mendoza, Dela Cruz"),
        "Z216", weight_region=5,
    ),
)

BY_COUNTRY = {origin.country: origin for origin in ORIGINS}

# Shown first, whatever the number of people asked for: the homonyms and transcriptions
# that the search and duplicate-warning demos rely on.
# (country, sex, (given Latin, given original), (family Latin, family original), site)
SHOWCASE: tuple[tuple[str, str, Name, Name, str], ...] = (
    ("MA", "M", ("Mohamed", "محمد"), ("El Amrani", "العمراني"), "TO"),
    ("MA", "M", ("Mohammed", "محمد"), ("Amrani", "العمراني"), "TO"),
    ("PK", "M", ("Muhammad", "محمد"), ("Khan", "خان"), "TO"),
    ("SY", "M", ("Mohamad", "محمد"), ("Haddad", "حداد"), "TO"),
    ("AF", "M", ("Mohammad", "محمد"), ("Ahmadi", "احمدی"), "CN"),
    ("EG", "F", ("Fatima", "فاطمة"), ("Hassan", "حسن"), "TO"),
    ("UA", "F", ("Olena", "Олена"), ("Kovalenko", "Коваленко"), "TO"),
    ("ER", "M", ("Yonas", "ዮናስ"), ("Tekle", "ተኽለ"), "TO"),
    ("CN", "F", ("Meiling", "美玲"), ("Hu", "胡"), "TO"),
    ("BD", "M", ("Rahim", "রহিম"), ("Hossain", "হোসেন"), "TO"),
    ("SN", "F", ("Fatou", None), ("Diop", None), "TO"),
    ("GN", "M", ("Mamadou", None), ("Diallo", None), "TO"),
    ("SN", "M", ("Mamadou", None), ("Diallo", None), "CN"),
    ("NG", "F", ("Blessing", None), ("Okafor", None), "TO"),
    ("RO", "F", ("Ioana", None), ("Popescu", None), "CN"),
    ("PE", "F", ("Rosa", None), ("Quispe Mamani", None), "TO"),
    ("AL", "M", ("Arben", None), ("Hoxha", None), "CN"),
)

# Italian mobile prefixes (TIM, Vodafone, WindTre, Iliad, ...), for E.164 numbers +39 3xx.
MOBILE_PREFIXES = (
    "320", "324", "327", "328", "329", "331", "333", "334", "335", "338", "339", "340",
    "342", "345", "347", "348", "349", "351", "366", "370", "377", "380", "388", "389",
    "392", "393",
)
