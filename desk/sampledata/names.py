"""Name pools for synthetic people: Latin spelling and, where the culture writes another
script, the original. Spelling variants (Mohamed / Mohammed / Muhammad) are deliberate: the
same original name reaches the desk transliterated in different ways."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Culture:
    nationalities: tuple[tuple[str, int], ...]  # (ISO 3166 alpha-2, weight)
    languages: tuple[str, ...]  # ISO 639, preferred first
    interpreter_rate: float
    given_female: tuple[tuple[str, str | None], ...]
    given_male: tuple[tuple[str, str | None], ...]
    family: tuple[tuple[str, str | None], ...]


def _latin(*names: str) -> tuple[tuple[str, None], ...]:
    return tuple((name, None) for name in names)


ARABIC = Culture(
    (("MA", 30), ("EG", 10), ("TN", 6), ("SY", 2), ("DZ", 2)),
    ("ar", "fr"),
    0.35,
    (("Fatima", "فاطمة"), ("Khadija", "خديجة"), ("Aicha", "عائشة"), ("Mariam", "مريم"),
     ("Salma", "سلمى"), ("Nour", "نور"), ("Hanane", "حنان"), ("Samira", "سميرة")),
    (("Mohamed", "محمد"), ("Mohammed", "محمد"), ("Muhammad", "محمد"), ("Ahmed", "أحمد"),
     ("Youssef", "يوسف"), ("Omar", "عمر"), ("Hassan", "حسن"), ("Karim", "كريم"),
     ("Abdelkader", "عبد القادر"), ("Rachid", "رشيد")),
    (("El Amrani", "العمراني"), ("Benali", "بن علي"), ("Haddad", "حداد"),
     ("Mansour", "منصور"), ("Saleh", "صالح"), ("Khalil", "خليل"), ("Nasser", "ناصر"),
     ("Ibrahim", "إبراهيم"), ("El Idrissi", "الإدريسي"), ("Bouzid", "بوزيد")),
)
CHINESE = Culture(
    (("CN", 8),),
    ("zh",),
    0.6,
    (("Fang", "芳"), ("Li Na", "丽娜"), ("Xiu Ying", "秀英"), ("Mei", "梅"), ("Jing", "静")),
    (("Wei", "伟"), ("Qiang", "强"), ("Jun", "军"), ("Lei", "磊"), ("Hao", "浩")),
    (("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Chen", "陈"), ("Hu", "胡"),
     ("Zhou", "周"), ("Liu", "刘"), ("Xu", "徐")),
)
UKRAINIAN = Culture(
    (("UA", 10), ("MD", 3)),
    ("uk", "ru"),
    0.3,
    (("Olena", "Олена"), ("Oksana", "Оксана"), ("Iryna", "Ірина"), ("Nataliia", "Наталія"),
     ("Tetiana", "Тетяна"), ("Yuliia", "Юлія")),
    (("Andrii", "Андрій"), ("Mykola", "Микола"), ("Serhii", "Сергій"), ("Oleksandr", "Олександр"),
     ("Dmytro", "Дмитро")),
    (("Kovalenko", "Коваленко"), ("Shevchenko", "Шевченко"), ("Bondarenko", "Бондаренко"),
     ("Melnyk", "Мельник"), ("Tkachenko", "Ткаченко"), ("Kravchuk", "Кравчук")),
)
BENGALI = Culture(
    (("BD", 6),),
    ("bn", "en"),
    0.5,
    (("Fatema", "ফাতেমা"), ("Nasrin", "নাসরিন"), ("Shirin", "শিরিন"), ("Rina", "রিনা")),
    (("Rahim", "রহিম"), ("Karim", "করিম"), ("Abdul", "আব্দুল"), ("Shohel", "সোহেল"),
     ("Jahangir", "জাহাঙ্গীর")),
    (("Hossain", "হোসেন"), ("Rahman", "রহমান"), ("Islam", "ইসলাম"), ("Akter", "আক্তার"),
     ("Uddin", "উদ্দিন"), ("Miah", "মিয়া")),
)
URDU = Culture(
    (("PK", 6),),
    ("ur", "pa", "en"),
    0.45,
    (("Ayesha", "عائشہ"), ("Sana", "ثنا"), ("Rubina", "روبینہ"), ("Nadia", "نادیہ")),
    (("Imran", "عمران"), ("Bilal", "بلال"), ("Usman", "عثمان"), ("Asif", "آصف"),
     ("Tariq", "طارق")),
    (("Khan", "خان"), ("Butt", "بٹ"), ("Qureshi", "قریشی"), ("Malik", "ملک"),
     ("Chaudhry", "چودھری")),
)
PUNJABI = Culture(
    (("IN", 5),),
    ("pa", "hi", "en"),
    0.4,
    (("Harpreet", "ਹਰਪ੍ਰੀਤ"), ("Manjit", "ਮਨਜੀਤ"), ("Simran", "ਸਿਮਰਨ"), ("Jaspreet", "ਜਸਪ੍ਰੀਤ")),
    (("Gurpreet", "ਗੁਰਪ੍ਰੀਤ"), ("Sandeep", "ਸੰਦੀਪ"), ("Balwinder", "ਬਲਵਿੰਦਰ"),
     ("Kuldeep", "ਕੁਲਦੀਪ")),
    (("Singh", "ਸਿੰਘ"), ("Kaur", "ਕੌਰ"), ("Gill", "ਗਿੱਲ"), ("Sandhu", "ਸੰਧੂ")),
)
TIGRINYA = Culture(
    (("ER", 3), ("ET", 2)),
    ("ti", "ar", "en"),
    0.7,
    (("Senait", "ሰናይት"), ("Helen", "ሄለን"), ("Selam", "ሰላም"), ("Mebrat", "መብራት")),
    (("Yonas", "ዮናስ"), ("Tesfay", "ተስፋይ"), ("Dawit", "ዳዊት"), ("Mehari", "መሓሪ")),
    (("Tesfamariam", "ተስፋማርያም"), ("Ghebremedhin", "ገብረመድህን"), ("Berhane", "በርሀነ"),
     ("Haile", "ሃይለ")),
)
PERSIAN = Culture(
    (("AF", 4), ("IR", 1)),
    ("fa", "ps", "en"),
    0.6,
    (("Zahra", "زهرا"), ("Maryam", "مریم"), ("Fatemeh", "فاطمه"), ("Shabnam", "شبنم")),
    (("Ahmad", "احمد"), ("Mohammad", "محمد"), ("Farid", "فرید"), ("Ali", "علی"),
     ("Javad", "جواد")),
    (("Ahmadi", "احمدی"), ("Hosseini", "حسینی"), ("Rahimi", "رحیمی"), ("Karimi", "کریمی")),
)
GEORGIAN = Culture(
    (("GE", 2),),
    ("ka", "ru"),
    0.4,
    (("Nino", "ნინო"), ("Tamar", "თამარ"), ("Ketevan", "ქეთევან")),
    (("Giorgi", "გიორგი"), ("Levan", "ლევან"), ("Davit", "დავით")),
    (("Beridze", "ბერიძე"), ("Kapanadze", "კაპანაძე"), ("Gelashvili", "გელაშვილი")),
)
ROMANIAN = Culture(
    (("RO", 40),),
    ("ro", "it"),
    0.02,
    _latin("Ioana", "Elena", "Maria", "Gabriela", "Andreea", "Mihaela"),
    _latin("Andrei", "Mihai", "Alexandru", "Ion", "Ștefan", "Florin"),
    _latin("Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Constantin", "Niculescu", "Ţurcanu"),
)
ALBANIAN = Culture(
    (("AL", 18), ("MK", 2)),
    ("sq", "it"),
    0.03,
    _latin("Elira", "Blerina", "Erjona", "Anila", "Jonida"),
    _latin("Arben", "Ardit", "Besnik", "Gëzim", "Ilir"),
    _latin("Hoxha", "Shehu", "Berisha", "Krasniqi", "Gashi", "Dervishi", "Çela"),
)
WEST_AFRICAN_EN = Culture(
    (("NG", 12), ("GH", 3), ("GM", 3)),
    ("en",),
    0.05,
    _latin("Ngozi", "Blessing", "Precious", "Chioma", "Joy", "Abena"),
    _latin("Chinedu", "Oluwaseun", "Emeka", "Osas", "Kwame", "Lamin"),
    _latin("Okafor", "Adeyemi", "Eze", "Okonkwo", "Osagie", "Igbinedion", "Mensah", "Jallow"),
)
WEST_AFRICAN_FR = Culture(
    (("SN", 10), ("CI", 5), ("ML", 4), ("GN", 3), ("BF", 2)),
    ("fr", "wo"),
    0.1,
    _latin("Aminata", "Fatou", "Awa", "Mariama", "Adjoua", "Aïssatou"),
    _latin("Mamadou", "Cheikh", "Moussa", "Ibrahima", "Koffi", "Ousmane"),
    _latin("Diallo", "Ndiaye", "Diop", "Fall", "Sow", "Gueye", "Koné", "Traoré", "Kouassi"),
)
LATIN_AMERICAN = Culture(
    (("PE", 10), ("EC", 5), ("BR", 3), ("CO", 2)),
    ("es", "pt"),
    0.02,
    _latin("María", "Rosa", "Juana", "Ana Lucía", "Conceição", "Milagros"),
    _latin("José", "Luis", "Carlos", "Jhon", "João", "Wilmer"),
    _latin("Quispe", "Mamani", "Flores", "García", "Rodríguez", "Huamán", "Gonçalves", "Peña"),
)
FILIPINO = Culture(
    (("PH", 5),),
    ("tl", "en"),
    0.03,
    _latin("Maria Cristina", "Rowena", "Jocelyn", "Lorna"),
    _latin("Jose", "Mark", "Rodel", "Jayson"),
    _latin("Santos", "Reyes", "Cruz", "Bautista", "Mendoza", "Dela Cruz"),
)

CULTURES: tuple[Culture, ...] = (
    ARABIC, CHINESE, UKRAINIAN, BENGALI, URDU, PUNJABI, TIGRINYA, PERSIAN, GEORGIAN,
    ROMANIAN, ALBANIAN, WEST_AFRICAN_EN, WEST_AFRICAN_FR, LATIN_AMERICAN, FILIPINO,
)
