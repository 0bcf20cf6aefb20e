"""Content and helpers shared by the public site's browser tests.

``build_site()`` publishes a statement with everything its page can show (hero
image, key figures, corrections, coverage, distribution, attachment, topics,
related statements) in az, en and ru, and, for each language, a statement that
lacks it, so every page the public sees can be opened in every language.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from readers.demo import ensure_demo_contact
from statements.models import (
    Attachment,
    Correction,
    Coverage,
    Distribution,
    StatementKind,
)
from tests.factories import (
    image_upload,
    make_commemoration,
    make_person,
    make_statement,
    make_topic,
    make_version,
    pdf_upload,
)

LANGUAGES = ("az", "en", "ru")
NATIVE_NAMES = {"az": "Azərbaycanca", "en": "English", "ru": "Русский"}

TITLES = {
    "az": "20 Yanvar faciəsinin 35-ci ildönümü ilə bağlı bəyanat",
    "en": "Statement on the 35th anniversary of the tragedy of 20 January",
    "ru": "Заявление в связи с 35-й годовщиной трагедии 20 Января",
}
SUMMARIES = {
    "az": "Ombudsman beynəlxalq ictimaiyyəti 20 Yanvar hadisələrini "
    "insanlığa qarşı cinayət kimi tanımağa çağırır.",
    "en": "The Commissioner calls on the international community to recognise "
    "the events of 20 January 1990 as a crime against humanity.",
    "ru": "Омбудсмен призывает мировое сообщество признать события "
    "20 января 1990 года преступлением против человечности.",
}
# A word of each body that search finds and marks.
SEARCH_WORDS = {"az": "qərənfillər", "en": "carnations", "ru": "гвоздики"}
BODIES = {
    "az": "<p>Otuz beş il əvvəl Bakıda dinc əhaliyə qarşı qanlı cinayət "
    "törədildi.</p><h2>Gecikmiş qiymət</h2><p>Hər il şəhidlərin xatirəsinə "
    "qərənfillər qoyulur.</p><blockquote><p>“Bu faciə unudulmamalıdır.”</p>"
    '</blockquote><p>Ətraflı: <a href="https://example.org/az">mənbə</a>.</p>',
    "en": "<p>Thirty-five years ago the armed forces were turned against the "
    "unarmed people of Baku.</p><h2>An assessment long delayed</h2><p>Every "
    "year carnations are laid in memory of the victims.</p><blockquote><p>“This "
    "tragedy must never be forgotten.”</p></blockquote><p>More: "
    '<a href="https://example.org/en">the source</a>.</p>',
    "ru": "<p>Тридцать пять лет назад армия была направлена против безоружного "
    "населения Баку.</p><h2>Запоздалая оценка</h2><p>Каждый год гвоздики "
    "возлагают в память о жертвах.</p><blockquote><p>«Эта трагедия не должна "
    "быть забыта».</p></blockquote><p>Подробнее: "
    '<a href="https://example.org/ru">источник</a>.</p>',
}


def per_language(**texts):
    """``{"az": …, "en": …, "ru": …}`` from keyword arguments."""
    return {code: texts[code] for code in LANGUAGES}


@dataclass
class Site:
    statement: object
    related: object
    # language -> slug of a published statement that has no version in it
    missing: dict = field(default_factory=dict)
    topic_key: str = ""
    commemoration_key: str = ""

    def path(self, language, name):
        """The address of one of the pages the tests visit."""
        slug = self.statement.slug
        return {
            "home": f"/{language}/",
            "list": f"/{language}/statements/",
            "list-filtered": (
                f"/{language}/statements/?kind={StatementKind.ANNIVERSARY}"
                f"&year=2025&topic={self.topic_key}"
            ),
            "statement": f"/{language}/statements/{slug}/",
            "search": f"/{language}/search/?q={SEARCH_WORDS[language]}",
            "missing-language": f"/{language}/statements/{self.missing[language]}/",
            "not-found": f"/{language}/no-such-page/",
            "anniversaries": f"/{language}/anniversaries/",
            "commemoration": f"/{language}/anniversaries/{self.commemoration_key}/",
            "contact": f"/{language}/contact/",
            "alerts": f"/{language}/alerts/",
            "alerts-sent": f"/{language}/alerts/sent/",
        }[name]


def _upcoming_event_date():
    """A date in 1990 that falls a few days from today, so the home page shows it."""
    soon = timezone.localdate() + datetime.timedelta(days=3)
    return datetime.date(1990, soon.month, min(soon.day, 28))


def build_site():
    """Publish the statements every public page of the tests needs."""
    topic = make_topic(
        key="historical-memory",
        name=per_language(az="Tarixi yaddaş", en="Historical memory", ru="Память"),
    )
    commissioner = make_person(
        name=per_language(az="Səbinə Əliyeva", en="Sabina Aliyeva", ru="Сабина Алиева"),
        role=per_language(
            az="İnsan hüquqları üzrə müvəkkil",
            en="Commissioner for Human Rights",
            ru="Уполномоченный по правам человека",
        ),
    )
    january = make_commemoration(
        figures=[
            (per_language(az="həlak olub", en="killed", ru="погибли"), 150),
            (per_language(az="yaralanıb", en="injured", ru="ранены"), 744),
            (per_language(az="saxlanılıb", en="detained", ru="задержаны"), 841),
        ],
        name=per_language(
            az="20 Yanvar faciəsi",
            en="Tragedy of 20 January",
            ru="Трагедия 20 Января",
        ),
    )
    make_commemoration(
        date=_upcoming_event_date(),
        name=per_language(az="Xatirə günü", en="Day of remembrance", ru="День памяти"),
    )
    related = make_statement(
        languages=LANGUAGES,
        slug="thirty-fourth-anniversary-of-20-january",
        kind=StatementKind.ANNIVERSARY,
        commemoration=january,
        anniversary_year=2024,
        issued_by=commissioner,
        reference_number=9,
        reference_year=2024,
        publish_at=datetime.datetime(2024, 1, 19, 6, tzinfo=datetime.UTC),
        topics=[topic],
    )
    statement = make_statement(
        languages=(),
        slug="thirty-fifth-anniversary-of-20-january",
        kind=StatementKind.ANNIVERSARY,
        commemoration=january,
        anniversary_year=2025,
        issued_by=commissioner,
        reference_number=12,
        reference_year=2025,
        original_language="en",
        publish_at=datetime.datetime(2025, 1, 19, 6, tzinfo=datetime.UTC),
        topics=[topic],
        hero_image=image_upload("candles.png", size=(960, 540), color=(38, 40, 48)),
        hero_image_alt=per_language(
            az="Xatirə kompleksində şamlar və qırmızı qərənfillər",
            en="Candles and red carnations at a memorial",
            ru="Свечи и красные гвоздики у мемориала",
        ),
        hero_image_caption=per_language(
            az="Qərənfil 20 Yanvarın matəm rəmzidir.",
            en="The carnation is the flower of mourning for 20 January.",
            ru="Гвоздика — символ скорби по жертвам 20 Января.",
        ),
    )
    for language in ("en", "az", "ru"):
        version = make_version(
            statement,
            language,
            title=TITLES[language],
            summary=SUMMARIES[language],
            body=BODIES[language],
        )
        Correction.objects.create(
            version=version,
            at=datetime.datetime(2025, 1, 20, 5, tzinfo=datetime.UTC),
            note={
                "az": "Yaralıların sayı düzəldilib.",
                "en": "The number of injured was corrected.",
                "ru": "Исправлено число раненых.",
            }[language],
        )
    statement.related.set([related])
    Coverage.objects.create(
        statement=statement,
        outlet="Caliber.Az",
        url="https://caliber.az/post/example",
        date=datetime.date(2025, 1, 19),
        language="en",
        reporter="Vafa Guliyeva",
    )
    Distribution.objects.create(
        statement=statement,
        recipient=per_language(
            az="Birləşmiş Millətlər Təşkilatı",
            en="United Nations",
            ru="Организация Объединённых Наций",
        ),
        date=datetime.date(2025, 1, 19),
    )
    Attachment.objects.create(
        statement=statement,
        file=pdf_upload("statement-signed.pdf"),
        title=per_language(
            az="İmzalanmış bəyanat", en="Signed statement", ru="Подписанное заявление"
        ),
    )
    make_statement(
        languages=LANGUAGES,
        slug="summer-school-applications",
        kind=StatementKind.PRESS_RELEASE,
        issued_by=commissioner,
        withdrawn_at=timezone.now() - datetime.timedelta(minutes=5),
        withdrawal_reason=per_language(
            az="Tədbir təxirə salınıb.",
            en="The event was postponed.",
            ru="Мероприятие перенесено.",
        ),
    )
    site = Site(
        statement=statement,
        related=related,
        topic_key=topic.key,
        commemoration_key=january.key,
    )
    for language in LANGUAGES:
        others = [code for code in LANGUAGES if code != language]
        missing = make_statement(
            languages=others, slug=f"not-in-{language}", issued_by=commissioner
        )
        site.missing[language] = missing.slug
    ensure_demo_contact()
    return site


def serve_media(route):
    """Answer /media/ from MEDIA_ROOT: the live server, like production, does not."""
    relative = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
    path = Path(settings.MEDIA_ROOT) / relative
    if path.is_file():
        route.fulfill(path=str(path))
    else:
        route.fulfill(status=404)
