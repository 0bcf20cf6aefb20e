"""The demo office's contact details (invented: the demo is not the office)."""

from readers.models import OfficeContact

DEMO_CONTACT = {
    "name": {
        "az": "Azərbaycan Respublikasının İnsan hüquqları üzrə müvəkkili "
        "(Ombudsman) Aparatı",
        "en": "Office of the Commissioner for Human Rights (Ombudsman) "
        "of the Republic of Azerbaijan",
        "ru": "Аппарат Уполномоченного по правам человека (Омбудсмена) "
        "Азербайджанской Республики",
    },
    "address": {
        "az": "Nümunə küçəsi, 1\nBakı, AZ1000\nAzərbaycan",
        "en": "1 Example Street\nBaku AZ1000\nAzerbaijan",
        "ru": "ул. Образцовая, 1\nБаку, AZ1000\nАзербайджан",
    },
    "telephone": "+994 12 000 00 00",
    "hotline": "916",
    "email": "office@ombudsman.example.org",
    "opening_hours": {
        "az": "Bazar ertəsi – cümə, 9:00–18:00",
        "en": "Monday to Friday, 9:00–18:00",
        "ru": "Понедельник – пятница, 9:00–18:00",
    },
    "complaints": {
        "az": "Hüquq və azadlıqlarının dövlət orqanı və ya vəzifəli şəxs "
        "tərəfindən pozulduğunu düşünən hər kəs müvəkkilə pulsuz müraciət edə "
        "bilər: onlayn, poçtla və ya qəbul vaxtı şəxsən.\n\nŞikayətdə adınızı, "
        "ünvanınızı, nəyin, nə vaxt və kim tərəfindən pozulduğunu yazın və əlinizdə "
        "olan sənədlərin surətlərini əlavə edin.",
        "en": "Anyone who believes that a state body or official has violated "
        "their rights and freedoms may complain to the Commissioner, free of "
        "charge: online, by post or in person during reception hours.\n\nGive "
        "your name and address, say what happened, when and who was involved, "
        "and enclose copies of any documents you have.",
        "ru": "Каждый, кто считает, что государственный орган или должностное "
        "лицо нарушили его права и свободы, может бесплатно обратиться к "
        "Уполномоченному: онлайн, по почте или лично в часы приёма.\n\nУкажите "
        "своё имя и адрес, что произошло, когда и кто в этом участвовал, и "
        "приложите копии имеющихся документов.",
    },
    "press_name": {
        "az": "Mətbuat xidməti",
        "en": "Press office",
        "ru": "Пресс-служба",
    },
    "press_telephone": "+994 12 000 00 01",
    "press_email": "press@ombudsman.example.org",
}


def ensure_demo_contact():
    """The demo details, unless someone has written the office's own."""
    if not OfficeContact.objects.exists():
        OfficeContact(**DEMO_CONTACT).save()
