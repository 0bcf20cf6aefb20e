"""Text the benchmark's statements are built from, in az, en and ru.

Every entry is a triple of the same text in the three languages, so a
statement built by picking entries by index reads as one text translated
twice, as the office's own statements do. Each statement has a theme (its
topics, its title, a handful of theme sentences); the rest of the body comes
from a pool of general sentences in the office's register. A word that only a
theme uses (``detention``) therefore occurs in about one statement in eight:
a realistic search with many results.
"""

from typing import NamedTuple


class Text(NamedTuple):
    az: str
    en: str
    ru: str


class Place(NamedTuple):
    """A town, in the form a title needs: English, Azerbaijani locative
    ("in Ganja" = "Gəncədə") and Russian with its preposition."""

    en: str
    az: str
    ru: str


PLACES = [
    Place("Baku", "Bakıda", "в Баку"),
    Place("Ganja", "Gəncədə", "в Гяндже"),
    Place("Sumgayit", "Sumqayıtda", "в Сумгаите"),
    Place("Shaki", "Şəkidə", "в Шеки"),
    Place("Lankaran", "Lənkəranda", "в Ленкорани"),
    Place("Mingachevir", "Mingəçevirdə", "в Мингечевире"),
    Place("Shirvan", "Şirvanda", "в Ширване"),
    Place("Nakhchivan", "Naxçıvanda", "в Нахчыване"),
    Place("Guba", "Qubada", "в Губе"),
    Place("Gabala", "Qəbələdə", "в Габале"),
    Place("Shamakhi", "Şamaxıda", "в Шамахы"),
    Place("Zagatala", "Zaqatalada", "в Загатале"),
]

# Topics beyond the ten of the demo content (demo/demo.json).
EXTRA_TOPICS = {
    "idps": Text(
        "Qaçqınlar və məcburi köçkünlər",
        "Refugees and internally displaced persons",
        "Беженцы и вынужденные переселенцы",
    ),
    "labour-rights": Text("Əmək hüquqları", "Labour rights", "Трудовые права"),
    "health": Text("Sağlamlıq hüququ", "Right to health", "Право на охрану здоровья"),
    "education-right": Text(
        "Təhsil hüququ", "Right to education", "Право на образование"
    ),
    "freedom-of-expression": Text(
        "İfadə azadlığı", "Freedom of expression", "Свобода выражения мнений"
    ),
    "access-to-information": Text(
        "İnformasiya əldə etmək hüququ",
        "Access to information",
        "Доступ к информации",
    ),
    "personal-data": Text(
        "Fərdi məlumatların qorunması",
        "Protection of personal data",
        "Защита персональных данных",
    ),
    "gender-equality": Text(
        "Gender bərabərliyi", "Gender equality", "Гендерное равенство"
    ),
    "trafficking": Text(
        "İnsan alverinə qarşı mübarizə",
        "Combating human trafficking",
        "Борьба с торговлей людьми",
    ),
    "torture-prevention": Text(
        "İşgəncələrin qarşısının alınması",
        "Prevention of torture",
        "Предупреждение пыток",
    ),
    "social-protection": Text(
        "Sosial müdafiə", "Social protection", "Социальная защита"
    ),
    "housing": Text("Mənzil hüququ", "Right to housing", "Право на жильё"),
    "environment": Text(
        "Sağlam ətraf mühit hüququ",
        "Right to a healthy environment",
        "Право на благоприятную окружающую среду",
    ),
    "migrants": Text("Miqrantların hüquqları", "Rights of migrants", "Права мигрантов"),
    "military-service": Text(
        "Hərbi qulluqçuların hüquqları",
        "Rights of service members",
        "Права военнослужащих",
    ),
    "mine-victims": Text("Mina qurbanları", "Landmine victims", "Жертвы мин"),
    "missing-persons": Text(
        "İtkin düşmüş şəxslər", "Missing persons", "Пропавшие без вести"
    ),
    "youth": Text("Gənclər", "Youth", "Молодёжь"),
    "annual-report": Text("İllik məruzə", "Annual report", "Ежегодный доклад"),
    "national-preventive-mechanism": Text(
        "Milli Preventiv Mexanizm",
        "National Preventive Mechanism",
        "Национальный превентивный механизм",
    ),
}

# People beyond the demo's Commissioner and press service (fictional).
EXTRA_PEOPLE = {
    "head-of-npm": (
        Text("Rauf Qasımov", "Rauf Gasimov", "Рауф Гасымов"),
        Text(
            "Milli preventiv qrupun rəhbəri",
            "Head of the National Preventive Group",
            "Руководитель национальной превентивной группы",
        ),
    ),
    "head-of-child-rights": (
        Text("Nigar Əhmədova", "Nigar Ahmadova", "Нигяр Ахмедова"),
        Text(
            "Uşaq hüquqlarının müdafiəsi şöbəsinin müdiri",
            "Head of the Child Rights Department",
            "Заведующая отделом защиты прав ребёнка",
        ),
    ),
}

GENERAL = [
    Text(
        "İnsan hüquqları üzrə müvəkkil Konstitusiya Qanununun tələblərinə uyğun olaraq ölkənin bütün bölgələrində insan hüquq və azadlıqlarına riayət olunmasını izləməyə davam edir.",  # noqa: E501
        "The Commissioner for Human Rights continues to monitor the observance of human rights and freedoms in every region of the country, as the Constitutional Law on the Commissioner requires.",  # noqa: E501
        "Уполномоченный по правам человека, как того требует Конституционный закон, продолжает следить за соблюдением прав и свобод человека во всех регионах страны.",  # noqa: E501
    ),
    Text(
        "Aparata daxil olan hər bir şikayət qeydiyyata alınır, mahiyyəti üzrə araşdırılır və qanunla müəyyən edilmiş müddətdə yazılı cavablandırılır.",  # noqa: E501
        "Every complaint that reaches the Office is registered, examined on its merits and answered in writing within the time limits set by law.",  # noqa: E501
        "Каждая жалоба, поступившая в Аппарат, регистрируется, рассматривается по существу, и на неё в установленный законом срок даётся письменный ответ.",  # noqa: E501
    ),
    Text(
        "Pozuntu aşkar edildikdə müvəkkil aidiyyəti dövlət orqanına tövsiyə göndərir və onun icrasını sona qədər izləyir.",  # noqa: E501
        "Where a violation is found, the Commissioner sends the public body concerned a recommendation and follows up until it has been acted upon.",  # noqa: E501
        "Если нарушение установлено, Уполномоченный направляет соответствующему государственному органу рекомендацию и следит за её выполнением до конца.",  # noqa: E501
    ),
    Text(
        "Aparatın regional mərkəzləri paytaxtdan uzaqda yaşayan sakinlərə Bakıya gəlmədən müraciətlərini müvəkkilə çatdırmaq imkanı verir.",  # noqa: E501
        "The Office's regional centres allow residents who live far from the capital to bring their concerns to the Commissioner without travelling to Baku.",  # noqa: E501
        "Региональные центры Аппарата позволяют жителям отдалённых от столицы районов обращаться к Уполномоченному, не приезжая в Баку.",  # noqa: E501
    ),
    Text(
        "Qaldırılan məsələlərin çoxu sosial müavinətlər, pensiyalar, tibbi xidmətə çıxış və məhkəmə qərarlarının icrası ilə bağlı olub.",  # noqa: E501
        "Many of the questions raised concerned social benefits, pensions, access to medical care and the enforcement of court decisions.",  # noqa: E501
        "Многие из поднятых вопросов касались социальных пособий, пенсий, доступа к медицинской помощи и исполнения судебных решений.",  # noqa: E501
    ),
    Text(
        "Müraciətlərin bir qismi yerindəcə həllini tapıb, digərləri isə müvəkkilin nəzarəti ilə araşdırılması üçün səlahiyyətli orqanlara göndərilib.",  # noqa: E501
        "Some of the applications were resolved on the spot, while the others were sent to the competent authorities for examination under the Commissioner's supervision.",  # noqa: E501
        "Часть обращений была решена на месте, остальные направлены в компетентные органы для рассмотрения под контролем Уполномоченного.",  # noqa: E501
    ),
    Text(
        "Müvəkkil vəzifəli şəxslərə xatırladıb ki, insan ləyaqətinə hörmət vətəndaşlara göstərilən lütf deyil, Konstitusiyanın hər bir dövlət orqanının üzərinə qoyduğu vəzifədir.",  # noqa: E501
        "The Commissioner reminded officials that respect for human dignity is not a favour granted to citizens but a duty that the Constitution places on every public body.",  # noqa: E501
        "Уполномоченный напомнила должностным лицам, что уважение человеческого достоинства — не милость по отношению к гражданам, а обязанность, которую Конституция возлагает на каждый государственный орган.",  # noqa: E501
    ),
    Text(
        "Vətəndaş cəmiyyəti təşkilatları ilə əməkdaşlıq Aparatın prioritetlərindən biri olaraq qalır, çünki problemdən çox vaxt ilk olaraq onlar xəbər tutur.",  # noqa: E501
        "Cooperation with civil society organisations remains one of the Office's priorities, since they are often the first to learn of a problem.",  # noqa: E501
        "Сотрудничество с организациями гражданского общества остаётся одним из приоритетов Аппарата, поскольку именно они часто первыми узнают о проблеме.",  # noqa: E501
    ),
    Text(
        "Nəticələr müvəkkilin Milli Məclisə təqdim olunan və bu saytda dərc edilən illik məruzəsində ətraflı şəkildə əks olunacaq.",  # noqa: E501
        "The findings will be set out in detail in the Commissioner's annual report, which is submitted to the Milli Majlis and published on this site.",  # noqa: E501
        "Выводы будут подробно изложены в ежегодном докладе Уполномоченного, который представляется Милли Меджлису и публикуется на этом сайте.",  # noqa: E501
    ),
    Text(
        "Aparatın əməkdaşları iştirakçılara şikayətin necə veriləcəyini, hansı sənədlərin tələb olunduğunu və araşdırmanın adətən nə qədər vaxt apardığını da izah ediblər.",  # noqa: E501
        "Staff of the Office also explained to those present how to lodge a complaint, what documents are needed and how long an examination usually takes.",  # noqa: E501
        "Сотрудники Аппарата также разъяснили присутствующим, как подать жалобу, какие документы для этого нужны и сколько времени обычно занимает рассмотрение.",  # noqa: E501
    ),
    Text(
        "Müvəkkil vurğulayıb ki, heç kəsə mənşəyinə, dilinə, dininə, siyasi baxışlarına və ya sosial vəziyyətinə görə kömək göstərməkdən imtina edilə bilməz.",  # noqa: E501
        "The Commissioner stressed that no one may be refused help because of their origin, language, religion, political opinion or social position.",  # noqa: E501
        "Уполномоченный подчеркнула, что никому не может быть отказано в помощи по причине происхождения, языка, религии, политических убеждений или социального положения.",  # noqa: E501
    ),
    Text(
        "Müraciətlər şəxsən, poçt vasitəsilə, Aparatın internet saytı üzərindən və ya gecə-gündüz fəaliyyət göstərən pulsuz qaynar xəttə zəng etməklə təqdim oluna bilər.",  # noqa: E501
        "Applications may be submitted in person, by post, through the Office's website or by calling the free hotline, which answers around the clock.",  # noqa: E501
        "Обращения можно подать лично, по почте, через сайт Аппарата или позвонив на бесплатную горячую линию, которая работает круглосуточно.",  # noqa: E501
    ),
    Text(
        "Görüş zamanı tərəflər əvvəlki illərdə verilmiş tövsiyələrin necə həyata keçirildiyini də müzakirə ediblər.",  # noqa: E501
        "During the meeting the parties also discussed how the recommendations made in previous years have been put into practice.",  # noqa: E501
        "В ходе встречи стороны также обсудили, как выполняются рекомендации, сделанные в предыдущие годы.",  # noqa: E501
    ),
    Text(
        "Aparat məsələnin araşdırılmasını davam etdirəcək və nəticələr barədə ictimaiyyəti məlumatlandıracaq.",  # noqa: E501
        "The Office will continue to examine the matter and will inform the public of the results.",  # noqa: E501
        "Аппарат продолжит изучение вопроса и проинформирует общественность о результатах.",  # noqa: E501
    ),
    Text(
        "Öz hüquqlarını asanlıqla müdafiə edə bilməyən insanların, o cümlədən tək yaşayanların, yoxsulluq içində olanların və ucqar kəndlərin sakinlərinin vəziyyətinə xüsusi diqqət yetirilib.",  # noqa: E501
        "Particular attention was paid to the situation of people who cannot easily defend their own rights, such as those living alone, in poverty or in remote villages.",  # noqa: E501
        "Особое внимание было уделено положению людей, которым трудно самим защитить свои права: одиноким, малоимущим, жителям отдалённых сёл.",  # noqa: E501
    ),
    Text(
        "Müvəkkil yerli icra hakimiyyəti orqanlarına əməkdaşlığa görə təşəkkür edib və atılan addımlar barədə Aparatı məlumatlandırmağı xahiş edib.",  # noqa: E501
        "The Commissioner thanked the local executive authorities for their cooperation and asked them to keep the Office informed of the steps they take.",  # noqa: E501
        "Уполномоченный поблагодарила местные органы исполнительной власти за сотрудничество и попросила информировать Аппарат о предпринимаемых шагах.",  # noqa: E501
    ),
    Text(
        "Qanuna əsasən dövlət orqanları müvəkkilin sorğularına on gün ərzində cavab verməli və onun tələb etdiyi məlumatı gizlətməməlidir.",  # noqa: E501
        "Under the law, public bodies must answer the Commissioner's enquiries within ten days and may not withhold the information she requests.",  # noqa: E501
        "По закону государственные органы обязаны отвечать на запросы Уполномоченного в течение десяти дней и не вправе скрывать запрашиваемую ею информацию.",  # noqa: E501
    ),
    Text(
        "İnsan hüquqları ən yaxşı şəkildə insanların onları bildiyi yerdə qorunur, buna görə də hüquqların sadə dillə izah edilməsi şikayətlərin araşdırılması qədər Aparatın işinin bir hissəsidir.",  # noqa: E501
        "Human rights are protected best where people know them, so explaining them plainly is as much a part of the Office's work as examining complaints.",  # noqa: E501
        "Права человека лучше всего защищены там, где люди их знают, поэтому простое и понятное разъяснение прав — такая же часть работы Аппарата, как и рассмотрение жалоб.",  # noqa: E501
    ),
    Text(
        "Müvəkkil Aparatı müstəqildir: heç bir dövlət orqanından göstəriş almır, onun nəticələri isə yalnız qanuna və müəyyən edilmiş faktlara əsaslanır.",  # noqa: E501
        "The Commissioner's Office is independent: it takes no instructions from any public body, and its findings are based only on the law and the facts established.",  # noqa: E501
        "Аппарат Уполномоченного независим: он не получает указаний ни от одного государственного органа, а его выводы основаны только на законе и установленных фактах.",  # noqa: E501
    ),
    Text(
        "Müzakirədə aidiyyəti nazirliklərin, bələdiyyələrin və qeyri-hökumət təşkilatlarının nümayəndələri iştirak ediblər.",  # noqa: E501
        "Representatives of the relevant ministries, municipalities and non-governmental organisations took part in the discussion.",  # noqa: E501
        "В обсуждении приняли участие представители профильных министерств, муниципалитетов и неправительственных организаций.",  # noqa: E501
    ),
    Text(
        "Müvəkkil son illərdə əldə olunan irəliləyişi qeyd edib, lakin bildirib ki, hər bir insanın bu təminatlara praktikada arxalana bilməsi üçün hələ çox iş görülməlidir.",  # noqa: E501
        "The Commissioner noted the progress made in recent years but said that much remains to be done before every person can rely on these guarantees in practice.",  # noqa: E501
        "Уполномоченный отметила прогресс последних лет, но заявила, что предстоит сделать ещё многое, чтобы каждый человек мог на практике полагаться на эти гарантии.",  # noqa: E501
    ),
    Text(
        "Müvəkkilin səlahiyyətləri və müraciət edənlərin hüquqları barədə məlumat kitabçaları Azərbaycan, rus və ingilis dillərində paylanıb.",  # noqa: E501
        "Information about the Commissioner's mandate and about the rights of applicants was handed out in Azerbaijani, Russian and English.",  # noqa: E501
        "Были распространены информационные материалы о полномочиях Уполномоченного и правах заявителей на азербайджанском, русском и английском языках.",  # noqa: E501
    ),
    Text(
        "Şikayətdəki faktlar mübahisəli olduqda Aparatın əməkdaşları müvafiq yerə baş çəkə, vəzifəli şəxslərdən izahat ala və sənədləri araşdıra bilərlər.",  # noqa: E501
        "Where the facts of a complaint are disputed, staff of the Office may visit the place concerned, question officials and examine documents.",  # noqa: E501
        "Если факты, изложенные в жалобе, оспариваются, сотрудники Аппарата могут выехать на место, опросить должностных лиц и изучить документы.",  # noqa: E501
    ),
    Text(
        "Müvəkkil hüquqları pozulan hər kəsi susmamağa və tərəddüd etmədən Aparata müraciət etməyə çağırıb.",  # noqa: E501
        "The Commissioner called on everyone whose rights have been violated not to remain silent and to turn to the Office without hesitation.",  # noqa: E501
        "Уполномоченный призвала всех, чьи права нарушены, не молчать и без колебаний обращаться в Аппарат.",  # noqa: E501
    ),
    Text(
        "Aparatın işçi qrupu toplanmış məlumatları təhlil edəcək və Nazirlər Kabineti ilə Milli Məclis üçün təkliflər hazırlayacaq.",  # noqa: E501
        "A working group of the Office will analyse the information gathered and prepare proposals for the Government and the Milli Majlis.",  # noqa: E501
        "Рабочая группа Аппарата проанализирует собранную информацию и подготовит предложения для Кабинета министров и Милли Меджлиса.",  # noqa: E501
    ),
    Text(
        "Qanun hər bir müraciətin məxfiliyini təmin edir və müraciət edənin adı onun razılığı olmadan heç vaxt açıqlanmır.",  # noqa: E501
        "The law guarantees the confidentiality of every application, and the name of an applicant is never disclosed without their consent.",  # noqa: E501
        "Закон гарантирует конфиденциальность каждого обращения, и имя заявителя никогда не раскрывается без его согласия.",  # noqa: E501
    ),
    Text(
        "Müvəkkil həmçinin jurnalistlərin Aparatın yaxın aylar üçün planları ilə bağlı suallarını cavablandırıb.",  # noqa: E501
        "The Commissioner also answered questions from journalists about the Office's plans for the coming months.",  # noqa: E501
        "Уполномоченный также ответила на вопросы журналистов о планах Аппарата на ближайшие месяцы.",  # noqa: E501
    ),
    Text(
        "Qanunun aliliyinə və hamının qanun qarşısında bərabərliyinə hörmət bütün digər hüquqların söykəndiyi təməldir.",  # noqa: E501
        "Respect for the rule of law and for the equality of all before the law is the foundation on which every other right rests.",  # noqa: E501
        "Уважение к верховенству права и равенству всех перед законом — фундамент, на котором держатся все остальные права.",  # noqa: E501
    ),
    Text(
        "Səfərin nəticələri yerli qurumların rəhbərləri ilə görüşdə müzakirə edilib və aşkar olunan çatışmazlıqların aradan qaldırılması üçün müddət razılaşdırılıb.",  # noqa: E501
        "The results of the visit were discussed at a meeting with the heads of the local bodies, and a deadline was agreed for remedying the shortcomings found.",  # noqa: E501
        "Результаты визита были обсуждены на встрече с руководителями местных органов, и был согласован срок устранения выявленных недостатков.",  # noqa: E501
    ),
    Text(
        "Aparat aldığı cavabların xülasəsini dərc edəcək ki, ictimaiyyət bunun nəticəsində nəyin dəyişdiyini görə bilsin.",  # noqa: E501
        "The Office will publish a summary of the replies it receives, so that the public can see what has changed as a result.",  # noqa: E501
        "Аппарат опубликует сводку полученных ответов, чтобы общественность могла увидеть, что изменилось в результате.",  # noqa: E501
    ),
]

HEADINGS = [
    Text("Növbəti addımlar", "What happens next", "Дальнейшие шаги"),
    Text(
        "Müvəkkilə necə müraciət etmək olar",
        "How to apply to the Commissioner",
        "Как обратиться к Уполномоченному",
    ),
    Text("Nəticələr", "Findings", "Выводы"),
    Text(
        "Dövlət orqanları ilə əməkdaşlıq",
        "Cooperation with public bodies",
        "Взаимодействие с государственными органами",
    ),
]

# "{name}" is the Commissioner's name in the version's language.
QUOTES = [
    Text(
        "“Bizə müraciət edən hər kəs cavab almağa layiqdir və hər cavab qanuna əsaslanmalıdır,” — deyə {name} bildirib.",  # noqa: E501
        "“Every person who turns to us deserves an answer, and every answer must be based on the law,” said {name}.",  # noqa: E501
        "«Каждый, кто обращается к нам, заслуживает ответа, и каждый ответ должен основываться на законе», — подчеркнула {name}.",  # noqa: E501
    ),
    Text(
        "“Yalnız kağız üzərində olan hüquqlar heç kəsi qorumur; bizim vəzifəmiz onların gündəlik həyatda işləməsini təmin etməkdir,” — deyə {name} qeyd edib.",  # noqa: E501
        "“Rights that exist only on paper protect no one; our task is to make them work in everyday life,” said {name}.",  # noqa: E501
        "«Права, которые существуют только на бумаге, никого не защищают; наша задача — добиться, чтобы они работали в повседневной жизни», — отметила {name}.",  # noqa: E501
    ),
    Text(
        "“Bizə müraciət edən insan nəyinsə dəyişdiyini görənə qədər işi bağlamayacağıq,” — deyə {name} vurğulayıb.",  # noqa: E501
        "“We will not close a case until the person who came to us sees that something has changed,” said {name}.",  # noqa: E501
        "«Мы не закроем дело, пока человек, обратившийся к нам, не увидит, что что-то изменилось», — заявила {name}.",  # noqa: E501
    ),
    Text(
        "“İnsan ləyaqətinə hörmət hər bir dövlət qurumunun fəaliyyətinin qiymətləndiriləcəyi meyardır,” — deyə {name} bildirib.",  # noqa: E501
        "“Respect for human dignity is the measure by which every public institution will be judged,” said {name}.",  # noqa: E501
        "«Уважение к человеческому достоинству — мерило, по которому будут судить о каждом государственном учреждении», — подчеркнула {name}.",  # noqa: E501
    ),
    Text(
        "“Heç kəs şikayət etməkdən qorxmamalı və şikayət edən heç kəs buna görə əziyyət çəkməməlidir,” — deyə {name} bildirib.",  # noqa: E501
        "“No one should be afraid to complain, and no one who complains should suffer for it,” said {name}.",  # noqa: E501
        "«Никто не должен бояться жаловаться, и никто из тех, кто пожаловался, не должен из-за этого пострадать», — заявила {name}.",  # noqa: E501
    ),
    Text(
        "“Ən həssas insanların səsi hamıdan əvvəl eşidilməlidir,” — deyə {name} qeyd edib.",  # noqa: E501
        "“The voice of the most vulnerable must be heard first,” said {name}.",
        "«Голос самых уязвимых должен быть услышан первым», — отметила {name}.",
    ),
]

RECOMMENDATIONS_LEAD = Text(
    "Aparat aidiyyəti orqanlara aşağıdakıları tövsiyə edib:",
    "The Office asked the authorities concerned:",
    "Аппарат рекомендовал соответствующим органам:",
)
RECOMMENDATIONS = [
    Text(
        "aşkar edilmiş çatışmazlıqları üç ay ərzində aradan qaldırmaq;",
        "to remedy the shortcomings found within three months;",
        "устранить выявленные недостатки в течение трёх месяцев;",
    ),
    Text(
        "müvafiq əməkdaşları insan hüquqları standartları üzrə təlimə cəlb etmək;",
        "to train the staff concerned in human rights standards;",
        "обучить соответствующих сотрудников стандартам в области прав человека;",
    ),
    Text(
        "şikayət hüququ barədə məlumatı bütün maraqlı şəxslər üçün əlçatan etmək;",
        "to make information on the right to complain available to everyone concerned;",
        "сделать информацию о праве на жалобу доступной для всех заинтересованных лиц;",
    ),
    Text(
        "görülmüş tədbirlər barədə Aparatı yazılı məlumatlandırmaq.",
        "to inform the Office in writing of the measures taken.",
        "письменно проинформировать Аппарат о принятых мерах.",
    ),
]

CLOSINGS = [
    Text(
        "Hüquqlarının pozulduğunu düşünən hər kəs müvəkkilə ödənişsiz müraciət edə bilər.",  # noqa: E501
        "Anyone who believes that their rights have been violated may apply to the Commissioner free of charge.",  # noqa: E501
        "Каждый, кто считает, что его права нарушены, может бесплатно обратиться к Уполномоченному.",  # noqa: E501
    ),
    Text(
        "Aparatın qaynar xətti və regional mərkəzləri Azərbaycan, rus və ingilis dillərində hər kəs üçün açıqdır.",  # noqa: E501
        "The Office's hotline and regional centres are open to everyone, in Azerbaijani, Russian and English.",  # noqa: E501
        "Горячая линия и региональные центры Аппарата открыты для всех — на азербайджанском, русском и английском языках.",  # noqa: E501
    ),
    Text(
        "Müvəkkil nəticələr barədə növbəti illik məruzəsində məlumat verəcək.",
        "The Commissioner will report on the results in her next annual report.",
        "Уполномоченный сообщит о результатах в своём следующем ежегодном докладе.",
    ),
]

LINK = Text(
    'Ümumdünya İnsan Hüquqları Bəyannaməsinin mətni <a href="https://www.un.org/en/about-us/universal-declaration-of-human-rights">BMT-nin saytında</a> yerləşdirilib.',  # noqa: E501
    'The text of the Universal Declaration of Human Rights is available <a href="https://www.un.org/en/about-us/universal-declaration-of-human-rights">on the United Nations website</a>.',  # noqa: E501
    'Текст Всеобщей декларации прав человека размещён <a href="https://www.un.org/en/about-us/universal-declaration-of-human-rights">на сайте ООН</a>.',  # noqa: E501
)


class Theme(NamedTuple):
    """What a statement is about: its topics, titles, lead, heading, sentences.

    Titles and summaries may name a place: ``{place_en}``, ``{place_az}``,
    ``{place_ru}`` (and ``{place_ru_cap}`` at the start of a Russian title).
    """

    key: str
    topics: list
    titles: list
    summary: Text
    heading: Text
    sentences: list


THEMES = [
    Theme(
        "detention",
        ["detention", "national-preventive-mechanism", "torture-prevention"],
        [
            Text(
                "Milli preventiv qrup {place_az} azadlıqdan məhrumetmə yerlərində olub",
                "National preventive group visits places of detention in {place_en}",
                "Национальная превентивная группа посетила места лишения свободы {place_ru}",  # noqa: E501
            ),
            Text(
                "{place_az} müvəqqəti saxlama yerinə əvvəlcədən xəbərdarlıq edilmədən baxış keçirilib",  # noqa: E501
                "Unannounced visit to a temporary detention facility in {place_en}",
                "Внеплановое посещение изолятора временного содержания {place_ru}",
            ),
        ],
        Text(
            "Ombudsmanın milli preventiv qrupu {place_az} azadlıqdan məhrumetmə yerlərinə əvvəlcədən xəbərdarlıq etmədən baş çəkib, saxlanma şəraitini yoxlayıb və saxlanılan şəxslərlə təkbətək söhbət aparıb.",  # noqa: E501
            "The Ombudsman's national preventive group made an unannounced visit to places of detention in {place_en}, inspected the conditions and spoke in private with detainees.",  # noqa: E501
            "Национальная превентивная группа Омбудсмена без предварительного уведомления посетила места лишения свободы {place_ru}, проверила условия содержания и конфиденциально побеседовала с задержанными.",  # noqa: E501
        ),
        Text("Saxlanma şəraiti", "Conditions of detention", "Условия содержания"),
        [
            Text(
                "Milli preventiv qrupun üzvləri kameraları, tibb məntəqəsini, mətbəxi və hər bir saxlanmanın qeyd olunmalı olduğu jurnalları yoxlayıblar.",  # noqa: E501
                "Members of the national preventive group checked the cells, the medical unit, the kitchen and the registers in which every detention must be recorded.",  # noqa: E501
                "Члены национальной превентивной группы осмотрели камеры, медицинскую часть, пищеблок и журналы, в которых должно фиксироваться каждое задержание.",  # noqa: E501
            ),
            Text(
                "Saxlanılan şəxslərdən təkbətək söhbətdə onlara hüquqlarının izah edilib-edilmədiyi, ailələrinə zəng etməyə icazə verilib-verilmədiyi və saxlanmanın ilk saatlarından vəkillə təmin olunub-olunmadıqları soruşulub.",  # noqa: E501
                "Detainees were asked in private whether they had been informed of their rights, allowed to call their families and given access to a lawyer from the first hours of detention.",  # noqa: E501
                "Задержанных в конфиденциальной беседе спросили, разъяснили ли им их права, позволили ли позвонить родным и предоставили ли адвоката с первых часов задержания.",  # noqa: E501
            ),
            Text(
                "Qrup ventilyasiya sisteminin təmir edilməsini, kameralarda işıqlandırmanın yaxşılaşdırılmasını və hər bir saxlanılan şəxsin qəbul zamanı həkim müayinəsindən keçirilməsini tövsiyə edib.",  # noqa: E501
                "The group recommended repairing the ventilation, improving lighting in the cells and ensuring that every detainee is examined by a doctor on admission.",  # noqa: E501
                "Группа рекомендовала отремонтировать вентиляцию, улучшить освещение в камерах и обеспечить осмотр каждого задержанного врачом при поступлении.",  # noqa: E501
            ),
            Text(
                "Azadlıqdan məhrumetmə yerlərinə preventiv baxışlar əvvəlcədən xəbərdarlıq edilmədən, günün istənilən vaxtı keçirilir və əməkdaşlar istənilən saxlanılan şəxslə şahidsiz danışa bilərlər.",  # noqa: E501
                "Preventive visits to places of detention are made without notice, at any time of day, and staff may speak with any detainee without witnesses.",  # noqa: E501
                "Превентивные посещения мест лишения свободы проводятся без предупреждения, в любое время суток, и сотрудники могут беседовать с любым задержанным без свидетелей.",  # noqa: E501
            ),
            Text(
                "Baxış zamanı pis rəftarla bağlı şikayət daxil olmayıb, lakin qrup saxlanma jurnalının həmişə vaxtında doldurulmadığını qeyd edib.",  # noqa: E501
                "No complaints of ill-treatment were received during the visit, but the group noted that the register of detention was not always filled in on time.",  # noqa: E501
                "Жалоб на жестокое обращение в ходе посещения не поступило, однако группа отметила, что журнал учёта задержанных не всегда заполняется своевременно.",  # noqa: E501
            ),
        ],
    ),
    Theme(
        "children",
        ["children", "education-right", "youth"],
        [
            Text(
                "{place_az} məktəblərdə uşaq hüquqlarına dair “Hüquqlarını tanı” dərsləri keçirilib",  # noqa: E501
                "Know your rights: lessons on children's rights in schools in {place_en}",  # noqa: E501
                "«Знай свои права»: уроки о правах ребёнка в школах {place_ru}",
            ),
            Text(
                "Müvəkkil {place_az} uşaq evində olub",
                "The Commissioner visits a children's home in {place_en}",
                "Уполномоченный посетила детский дом {place_ru}",
            ),
        ],
        Text(
            "Ombudsman Aparatının əməkdaşları {place_az} şagirdlər, müəllimlər və valideynlərlə görüşərək uşaq hüquqları və uşağın kömək üçün hara müraciət edə biləcəyi barədə danışıblar.",  # noqa: E501
            "Staff of the Ombudsman's Office met pupils, teachers and parents in {place_en} to talk about children's rights and where a child can turn for help.",  # noqa: E501
            "Сотрудники Аппарата Омбудсмена встретились {place_ru} с учениками, учителями и родителями, чтобы рассказать о правах ребёнка и о том, куда ребёнок может обратиться за помощью.",  # noqa: E501
        ),
        Text("Uşaq hüquqları", "The rights of the child", "Права ребёнка"),
        [
            Text(
                "Uşaqlara sadə dillə təhsil, sağlamlıq, istirahət hüquqları və onlara aid məsələlərdə fikirlərinin dinlənilməsi hüququ barədə danışılıb.",  # noqa: E501
                "Children were told in simple words about their right to education, to health care, to rest and to be heard in matters that affect them.",  # noqa: E501
                "Детям простыми словами рассказали об их праве на образование, охрану здоровья, отдых и на то, чтобы их мнение учитывалось в касающихся их вопросах.",  # noqa: E501
            ),
            Text(
                "Aparatın uşaq hüquqları üzrə qaynar xətti ödənişsizdir və uşaq ona valideynin xəbəri və ya razılığı olmadan zəng edə bilər.",  # noqa: E501
                "The Office's child rights hotline is free of charge, and a child may call it without the knowledge or consent of a parent.",  # noqa: E501
                "Горячая линия Аппарата по правам ребёнка бесплатна, и ребёнок может позвонить на неё без ведома и согласия родителей.",  # noqa: E501
            ),
            Text(
                "Müvəkkil əlilliyi olan uşaqların həmyaşıdları ilə birlikdə təhsil ala bilməsi üçün inklüziv təhsilin əhəmiyyətinə diqqət çəkib.",  # noqa: E501
                "The Commissioner drew attention to the importance of inclusive education, so that children with disabilities can study together with their peers.",  # noqa: E501
                "Уполномоченный обратила внимание на важность инклюзивного образования, чтобы дети с инвалидностью могли учиться вместе со сверстниками.",  # noqa: E501
            ),
            Text(
                "Müəllimlərə xatırladılıb ki, uşağa qarşı zorakılığın istənilən forması, o cümlədən məktəbdə alçaldılma və zorbalıq barədə məlumat verilməli və bunun qarşısı alınmalıdır.",  # noqa: E501
                "Teachers were reminded that any form of violence against a child, including humiliation and bullying at school, must be reported and stopped.",  # noqa: E501
                "Учителям напомнили, что о любой форме насилия в отношении ребёнка, включая унижение и травлю в школе, необходимо сообщать и пресекать её.",  # noqa: E501
            ),
            Text(
                "Dərslərdə iştirak edən şagirdlərə onların yaşına uyğun hazırlanmış Uşaq Hüquqları haqqında Konvensiyaya dair kitabçalar paylanıb.",  # noqa: E501
                "Pupils who took part in the lessons received booklets on the Convention on the Rights of the Child written for their age.",  # noqa: E501
                "Ученикам, участвовавшим в уроках, раздали брошюры о Конвенции о правах ребёнка, написанные с учётом их возраста.",  # noqa: E501
            ),
        ],
    ),
    Theme(
        "domestic-violence",
        ["domestic-violence", "gender-equality", "legislation"],
        [
            Text(
                "Məişət zorakılığından müdafiəyə dair müvəkkilin rəyi",
                "Commissioner's opinion on protection from domestic violence",
                "Мнение Уполномоченного о защите от бытового насилия",
            ),
            Text(
                "{place_az} məişət zorakılığına dair dəyirmi masa keçirilib",
                "Round table on domestic violence held in {place_en}",
                "{place_ru_cap} прошёл круглый стол о бытовом насилии",
            ),
        ],
        Text(
            "Müvəkkil {place_az} polis əməkdaşları, sosial işçilər və qeyri-hökumət təşkilatları ilə görüşərək məişət zorakılığı qurbanlarının daha tez müdafiə olunması yollarını müzakirə edib.",  # noqa: E501
            "The Commissioner met police officers, social workers and non-governmental organisations in {place_en} to discuss how victims of domestic violence can be protected more quickly.",  # noqa: E501
            "Уполномоченный встретилась {place_ru} с сотрудниками полиции, социальными работниками и неправительственными организациями, чтобы обсудить, как быстрее защищать пострадавших от бытового насилия.",  # noqa: E501
        ),
        Text(
            "Zərərçəkənlərin müdafiəsi", "Protection for victims", "Защита пострадавших"
        ),
        [
            Text(
                "Mühafizə orderi tez bir zamanda verilməli və qüvvədə olduğu müddətdə zorakılıq törədən şəxs zərərçəkənin evindən uzaq tutulmalıdır.",  # noqa: E501
                "A protection order must be issued quickly, and the person who committed the violence must be kept away from the victim's home while it is in force.",  # noqa: E501
                "Охранный ордер должен выдаваться быстро, а лицо, совершившее насилие, на время его действия должно находиться вдали от жилья пострадавшей.",  # noqa: E501
            ),
            Text(
                "Məişət zorakılığının qurbanları qorxu, utanc və ya maddi asılılıq səbəbindən çox vaxt bu barədə məlumat vermirlər, buna görə də dövlət orqanları köməyi asan əlçatan etməlidirlər.",  # noqa: E501
                "Victims of domestic violence often do not report it out of fear, shame or financial dependence, so the authorities must make help easy to find.",  # noqa: E501
                "Пострадавшие от бытового насилия часто не сообщают о нём из страха, стыда или материальной зависимости, поэтому органы власти должны сделать помощь легкодоступной.",  # noqa: E501
            ),
            Text(
                "Müvəkkil şikayət verildiyi andan hər bir zərərçəkənə pulsuz hüquqi yardım və psixoloji dəstək göstərilməsini təklif edib.",  # noqa: E501
                "The Commissioner proposed that free legal aid and psychological support be offered to every victim from the moment a complaint is made.",  # noqa: E501
                "Уполномоченный предложила с момента подачи жалобы предоставлять каждой пострадавшей бесплатную юридическую помощь и психологическую поддержку.",  # noqa: E501
            ),
            Text(
                "Zərərçəkənlər və onların uşaqları üçün sığınacaqlar hələ də azdır və onların əksəriyyəti bölgələrdə deyil, paytaxtdadır.",  # noqa: E501
                "Shelters for victims and their children are still too few, and most of them are in the capital rather than in the regions.",  # noqa: E501
                "Приютов для пострадавших и их детей по-прежнему слишком мало, и большинство из них находится в столице, а не в регионах.",  # noqa: E501
            ),
            Text(
                "Məişət zorakılığı barədə məlumat alan polis əməkdaşları tərəflər arasındakı münasibətdən asılı olmayaraq onu qeydə almalı və tədbir görməlidirlər.",  # noqa: E501
                "Police officers who receive a report of domestic violence must register it and act on it, whatever the relationship between those involved.",  # noqa: E501
                "Сотрудники полиции, получившие сообщение о бытовом насилии, обязаны зарегистрировать его и принять меры независимо от отношений между сторонами.",  # noqa: E501
            ),
        ],
    ),
    Theme(
        "disability",
        ["disability", "older-persons", "social-protection"],
        [
            Text(
                "{place_az} stasionar sosial xidmət müəssisələrinin monitorinqi",
                "Monitoring of residential care homes in {place_en}",
                "Мониторинг домов-интернатов {place_ru}",
            ),
            Text(
                "{place_az} ictimai binaların əlçatanlığı yoxlanılıb",
                "Accessibility of public buildings in {place_en} examined",
                "{place_ru_cap} проверена доступность общественных зданий",
            ),
        ],
        Text(
            "Aparat {place_az} əlilliyi olan şəxslərin və yaşlıların ictimai binalara, nəqliyyata və xidmətlərə necə çıxış əldə etdiyini və nəyin dəyişməli olduğunu araşdırıb.",  # noqa: E501
            "The Office examined how persons with disabilities and older persons in {place_en} can reach public buildings, transport and services, and what must change.",  # noqa: E501
            "Аппарат изучил, насколько доступны лицам с инвалидностью и пожилым людям {place_ru} общественные здания, транспорт и услуги, и что необходимо изменить.",  # noqa: E501
        ),
        Text(
            "Əlçatanlıq və müstəqil yaşayış",
            "Accessibility and independent living",
            "Доступность и самостоятельная жизнь",
        ),
        [
            Text(
                "Baxış keçirilən binaların bir neçəsində, o cümlədən poliklinikada və poçt şöbəsində pandus, lift və əlçatan sanitar qovşaqlar ya yox idi, ya da istifadəyə yararsız idi.",  # noqa: E501
                "Ramps, lifts and accessible toilets were missing or unusable in several of the buildings visited, including a polyclinic and a post office.",  # noqa: E501
                "В нескольких из осмотренных зданий, в том числе в поликлинике и почтовом отделении, пандусы, лифты и доступные санузлы отсутствовали или были непригодны к использованию.",  # noqa: E501
            ),
            Text(
                "Sosial xidmət müəssisələrinin sakinləri gündəlik həyatları barədə özləri qərar verə, ziyarətçiləri sərbəst qəbul edə və nəticələrindən qorxmadan şikayət edə bilməlidirlər.",  # noqa: E501
                "Residents of care homes must be able to decide on their daily lives, receive visitors freely and complain without fear of consequences.",  # noqa: E501
                "Проживающие в домах-интернатах должны иметь возможность сами решать вопросы своей повседневной жизни, свободно принимать посетителей и жаловаться, не опасаясь последствий.",  # noqa: E501
            ),
            Text(
                "Müvəkkil xatırladıb ki, Əlilliyi olan şəxslərin hüquqları haqqında Konvensiya yalnız müəssisələrdə qayğını deyil, icma daxilində müstəqil yaşayışa dəstəyi də tələb edir.",  # noqa: E501
                "The Commissioner recalled that the Convention on the Rights of Persons with Disabilities requires support for independent living in the community, not only care in institutions.",  # noqa: E501
                "Уполномоченный напомнила, что Конвенция о правах инвалидов требует поддержки самостоятельной жизни в обществе, а не только ухода в учреждениях.",  # noqa: E501
            ),
            Text(
                "Bir çox yaşlı insan pensiyaların və əlilliyə görə müavinətlərin onlara səbəbi bildirilmədən yenidən hesablandığından şikayət edib.",  # noqa: E501
                "Many older persons complained that pensions and disability allowances are recalculated without their being told why.",  # noqa: E501
                "Многие пожилые люди жаловались, что пенсии и пособия по инвалидности пересчитываются без объяснения причин.",  # noqa: E501
            ),
            Text(
                "Vətəndaşlarla işləyən hər bir dövlət xidmətində işarət dili tərcüməsi və asan oxunan formada sənədlər mövcud olmalıdır.",  # noqa: E501
                "Sign language interpretation and documents in easy-to-read form should be available in every public service that deals with citizens.",  # noqa: E501
                "Сурдоперевод и документы в лёгком для чтения формате должны быть доступны в каждой государственной службе, работающей с гражданами.",  # noqa: E501
            ),
        ],
    ),
    Theme(
        "idps",
        ["idps", "housing", "mine-victims"],
        [
            Text(
                "Müvəkkil {place_az} məcburi köçkün ailələri ilə görüşüb",
                "The Commissioner meets internally displaced families in {place_en}",
                "Уполномоченный встретилась с семьями вынужденных переселенцев {place_ru}",  # noqa: E501
            ),
            Text(
                "{place_az} mina qurbanları ilə görüş: müvəkkil dəstəyin artırılmasına çağırır",  # noqa: E501
                "Landmine survivors in {place_en}: the Commissioner calls for more support",  # noqa: E501
                "Пострадавшие от мин {place_ru}: Уполномоченный призывает расширить поддержку",  # noqa: E501
            ),
        ],
        Text(
            "Müvəkkil {place_az} məcburi köçkün ailələrini mənzil, məşğulluq və doğma yurda qayıdış məsələləri ilə bağlı dinləyib, mina qurbanlarına yardımı müzakirə edib.",  # noqa: E501
            "In {place_en} the Commissioner heard internally displaced families on housing, employment and the return to their homes, and discussed help for landmine victims.",  # noqa: E501
            "{place_ru_cap} Уполномоченный выслушала семьи вынужденных переселенцев по вопросам жилья, занятости и возвращения в родные места и обсудила помощь пострадавшим от мин.",  # noqa: E501
        ),
        Text(
            "Qayıdış və məskunlaşma",
            "Return and resettlement",
            "Возвращение и расселение",
        ),
        [
            Text(
                "Məcburi köçkünlər işğaldan azad edilmiş ərazilərə qayıtmaq arzularından danışıb və kəndlərinin nə vaxt yenidən qurulacağını soruşublar.",  # noqa: E501
                "Internally displaced persons spoke of their wish to return to the liberated territories and asked when their villages would be rebuilt.",  # noqa: E501
                "Вынужденные переселенцы говорили о своём желании вернуться на освобождённые территории и спрашивали, когда будут восстановлены их сёла.",  # noqa: E501
            ),
            Text(
                "İşğaldan azad edilmiş ərazilərdə qalan minalar mülki şəxslərin, o cümlədən uşaqların və kənd təsərrüfatı işçilərinin ölümünə və şikəst olmasına səbəb olmaqda davam edir.",  # noqa: E501
                "Landmines left in the liberated territories continue to kill and maim civilians, among them children and agricultural workers.",  # noqa: E501
                "Мины, оставшиеся на освобождённых территориях, продолжают убивать и калечить мирных жителей, среди которых дети и сельскохозяйственные работники.",  # noqa: E501
            ),
            Text(
                "Müvəkkil beynəlxalq ictimaiyyəti minalanmış ərazilərin xəritələrinin tam şəkildə təhvil verilməsi üçün təzyiq göstərməyə çağırıb.",  # noqa: E501
                "The Commissioner called on the international community to press for maps of the minefields to be handed over in full.",  # noqa: E501
                "Уполномоченный призвала мировое сообщество добиваться полной передачи карт минных полей.",  # noqa: E501
            ),
            Text(
                "Yeni yerlərdə məskunlaşan ailələr yeni evlərinin qeydiyyata alınmasında və uşaqlarının yerli məktəblərə keçirilməsində kömək istəyiblər.",  # noqa: E501
                "Families who have been resettled asked for help with registering their new homes and with transferring their children to local schools.",  # noqa: E501
                "Переселённые семьи просили помочь с регистрацией новых домов и переводом детей в местные школы.",  # noqa: E501
            ),
            Text(
                "Minadan zərər çəkmiş şəxslərin təkcə birdəfəlik kompensasiyaya deyil, uzunmüddətli reabilitasiyaya, protezlərə və görə biləcəkləri işə ehtiyacı var.",  # noqa: E501
                "Landmine survivors need long-term rehabilitation, prosthetics and work they can do, not only a single payment of compensation.",  # noqa: E501
                "Пострадавшим от мин нужны долгосрочная реабилитация, протезирование и посильная работа, а не только единовременная компенсация.",  # noqa: E501
            ),
        ],
    ),
    Theme(
        "labour",
        ["labour-rights", "migrants", "trafficking"],
        [
            Text(
                "{place_az} keçirilən qəbulda işçilərin şikayətləri dinlənilib",
                "Workers' complaints heard at a reception in {place_en}",
                "{place_ru_cap} на приёме выслушаны жалобы работников",
            ),
            Text(
                "Müvəkkil əmək miqrantlarının hüquqları barədə",
                "The Commissioner on the rights of labour migrants",
                "Уполномоченный о правах трудовых мигрантов",
            ),
        ],
        Text(
            "{place_az} keçirilən qəbulda işçilər ödənilməmiş əmək haqqından, xəbərdarlıqsız işdən çıxarılmadan və yazılı müqavilə olmadan işlədilmədən şikayət ediblər; Aparat hər bir müraciəti araşdırmaya götürüb.",  # noqa: E501
            "At a reception in {place_en} employees complained of unpaid wages, dismissals without notice and work without a written contract; the Office has taken up each case.",  # noqa: E501
            "На приёме {place_ru} работники жаловались на невыплату зарплаты, увольнения без предупреждения и работу без письменного договора; Аппарат взялся за каждое обращение.",  # noqa: E501
        ),
        Text("Əmək hüquqları", "Labour rights", "Трудовые права"),
        [
            Text(
                "Bir neçə işçi əmək haqlarının gecikmə ilə və ya qismən ödənildiyini, almadıqları məbləğlərə görə imza atmağın onlardan tələb olunduğunu bildirib.",  # noqa: E501
                "Several employees said that their wages had been paid late or only in part, and that they had been asked to sign for sums they had not received.",  # noqa: E501
                "Несколько работников сообщили, что зарплата выплачивалась им с задержкой или частично и что их просили расписываться за суммы, которых они не получали.",  # noqa: E501
            ),
            Text(
                "Yazılı əmək müqaviləsi olmadan işləmək insanı sosial sığortadan, ödənişli məzuniyyətdən və qocalıqda pensiyadan məhrum edir.",  # noqa: E501
                "Work without a written employment contract deprives a person of social insurance, paid leave and a pension in old age.",  # noqa: E501
                "Работа без письменного трудового договора лишает человека социального страхования, оплачиваемого отпуска и пенсии по старости.",  # noqa: E501
            ),
            Text(
                "Müvəkkil əmək müfəttişliyindən adı çəkilən işəgötürənləri yoxlamağı və bir ay ərzində Aparata məlumat verməyi xahiş edib.",  # noqa: E501
                "The Commissioner asked the labour inspectorate to check the employers concerned and to report back to the Office within a month.",  # noqa: E501
                "Уполномоченный попросила трудовую инспекцию проверить указанных работодателей и в течение месяца сообщить Аппарату о результатах.",  # noqa: E501
            ),
            Text(
                "Əmək miqrantları da hər kəs kimi təhlükəsiz iş şəraiti, ədalətli əmək haqqı və məcburi əməkdən müdafiə hüququna malikdirlər.",  # noqa: E501
                "Labour migrants have the same right as everyone else to safe working conditions, fair pay and protection from forced labour.",  # noqa: E501
                "Трудовые мигранты, как и все, имеют право на безопасные условия труда, справедливую оплату и защиту от принудительного труда.",  # noqa: E501
            ),
            Text(
                "İstehsalatda baş verən bədbəxt hadisələr dərhal araşdırılmalı, xəsarət alanların ailələrinə isə kompensasiya hüquqları barədə məlumat verilməlidir.",  # noqa: E501
                "Workplace accidents must be investigated promptly, and the families of those injured must be told of their right to compensation.",  # noqa: E501
                "Несчастные случаи на производстве должны расследоваться незамедлительно, а семьям пострадавших необходимо разъяснять их право на компенсацию.",  # noqa: E501
            ),
        ],
    ),
    Theme(
        "education",
        ["human-rights-education", "youth", "education-right"],
        [
            Text(
                "{place_az} tələbələr üçün insan hüquqlarına dair mühazirə",
                "Human rights lecture for students in {place_en}",
                "Лекция о правах человека для студентов {place_ru}",
            ),
            Text(
                "İnsan Hüquqları üzrə Yay Məktəbinə qəbul elan olunur",
                "Applications open for the Human Rights Summer School",
                "Объявлен приём заявок в Летнюю школу по правам человека",
            ),
        ],
        Text(
            "Ombudsman Aparatı {place_az} tələbələr üçün insan hüquqlarının müdafiəsi və müvəkkil Aparatının fəaliyyəti barədə mühazirə təşkil edib.",  # noqa: E501
            "The Ombudsman's Office held a lecture for students in {place_en} on the protection of human rights and on how the Commissioner's Office works.",  # noqa: E501
            "Аппарат Омбудсмена провёл {place_ru} лекцию для студентов о защите прав человека и о том, как работает Аппарат Уполномоченного.",  # noqa: E501
        ),
        Text(
            "Hüquq maarifləndirməsi", "Human rights education", "Правовое просвещение"
        ),
        [
            Text(
                "Tələbələr müvəkkilin hansı işləri araşdırmağa necə qərar verdiyini və şikayətin anonim verilə bilib-bilmədiyini soruşublar.",  # noqa: E501
                "Students asked how the Commissioner chooses which cases to examine and whether a complaint can be made anonymously.",  # noqa: E501
                "Студенты спрашивали, как Уполномоченный решает, какие дела рассматривать, и можно ли подать жалобу анонимно.",  # noqa: E501
            ),
            Text(
                "Mühazirədə Ümumdünya İnsan Hüquqları Bəyannaməsinin tarixi və Azərbaycanın tərəfdar çıxdığı beynəlxalq müqavilələr barədə danışılıb.",  # noqa: E501
                "The lecture covered the history of the Universal Declaration of Human Rights and the international treaties to which Azerbaijan is a party.",  # noqa: E501
                "Лекция была посвящена истории Всеобщей декларации прав человека и международным договорам, участником которых является Азербайджан.",  # noqa: E501
            ),
            Text(
                "Ən fəal tələbələr Aparatda təcrübə keçməyə dəvət olunacaq və orada müraciət edənlərə cavabların hazırlanmasında iştirak edəcəklər.",  # noqa: E501
                "The best students will be invited to an internship at the Office, where they will help to prepare answers to applicants.",  # noqa: E501
                "Лучшие студенты будут приглашены на стажировку в Аппарат, где будут помогать готовить ответы заявителям.",  # noqa: E501
            ),
            Text(
                "İnsan hüquqlarının məktəbdə və universitetdə tədrisi gənclərə pozuntunu tanımağa və hara müraciət edəcəklərini bilməyə kömək edir.",  # noqa: E501
                "Teaching human rights at school and university helps young people to recognise a violation and to know where to turn.",  # noqa: E501
                "Преподавание прав человека в школе и университете помогает молодым людям распознать нарушение и знать, куда обратиться.",  # noqa: E501
            ),
            Text(
                "Tədris ili ərzində Aparatın mühazirəçiləri bölgələrdəki universitetlərə səfər edəcək, materiallar isə bu saytda yerləşdiriləcək.",  # noqa: E501
                "Lecturers from the Office will visit universities in the regions during the academic year, and the materials will be available on this site.",  # noqa: E501
                "В течение учебного года лекторы Аппарата посетят вузы в регионах, а материалы будут размещены на этом сайте.",  # noqa: E501
            ),
        ],
    ),
    Theme(
        "international",
        ["international-cooperation", "annual-report", "torture-prevention"],
        [
            Text(
                "Müvəkkil Avropa Şurasının nümayəndə heyəti ilə görüşüb",
                "The Commissioner meets a Council of Europe delegation",
                "Уполномоченный встретилась с делегацией Совета Европы",
            ),
            Text(
                "Müvəkkil ombudsman təsisatlarının beynəlxalq konfransında iştirak edib",  # noqa: E501
                "The Commissioner takes part in an international conference of ombudsman institutions",  # noqa: E501
                "Уполномоченный приняла участие в международной конференции институтов омбудсмена",  # noqa: E501
            ),
        ],
        Text(
            "Müvəkkil beynəlxalq tərəfdaşlarla işgəncələrin qarşısının alınması, mina qurbanlarının hüquqları və hüquq maarifləndirməsi sahəsində əməkdaşlığı müzakirə edib.",  # noqa: E501
            "The Commissioner discussed cooperation on the prevention of torture, the rights of landmine victims and human rights education with international partners.",  # noqa: E501
            "Уполномоченный обсудила с международными партнёрами сотрудничество в сфере предупреждения пыток, прав жертв мин и правового просвещения.",  # noqa: E501
        ),
        Text(
            "Beynəlxalq əməkdaşlıq",
            "International cooperation",
            "Международное сотрудничество",
        ),
        [
            Text(
                "Müvəkkil nümayəndə heyətini Aparatın ötən il ərzindəki fəaliyyəti və dövlət orqanlarına göndərilmiş tövsiyələr barədə məlumatlandırıb.",  # noqa: E501
                "The Commissioner informed the delegation of the Office's work over the past year and of the recommendations sent to public bodies.",  # noqa: E501
                "Уполномоченный проинформировала делегацию о работе Аппарата за прошедший год и о рекомендациях, направленных государственным органам.",  # noqa: E501
            ),
            Text(
                "Tərəflər azadlıqdan məhrumetmə yerlərinin monitorinqi və Aparat əməkdaşlarının təlimi sahəsində təcrübə mübadiləsi aparmağa razılaşıblar.",  # noqa: E501
                "The parties agreed to exchange experience on monitoring places of detention and on training the Office's staff.",  # noqa: E501
                "Стороны договорились обмениваться опытом в области мониторинга мест лишения свободы и обучения сотрудников Аппарата.",  # noqa: E501
            ),
            Text(
                "Müvəkkil iştirakçıları minaların mülki əhali üçün nəticələri və hələ də itkin düşmüş hesab edilən şəxslərin taleyi barədə məlumatlandırıb.",  # noqa: E501
                "The Commissioner informed the participants of the consequences of landmines for the civilian population and of the fate of persons still missing.",  # noqa: E501
                "Уполномоченный рассказала участникам о последствиях минной угрозы для мирного населения и о судьбе лиц, которые до сих пор считаются пропавшими без вести.",  # noqa: E501
            ),
            Text(
                "Müxtəlif ölkələrin ombudsman təsisatları bir çox oxşar problemlərlə üzləşir və həll yollarının bölüşülməsi onların hər birini gücləndirir.",  # noqa: E501
                "Ombudsman institutions of different countries face many of the same problems, and sharing solutions makes each of them stronger.",  # noqa: E501
                "Институты омбудсмена разных стран сталкиваются во многом с одними и теми же проблемами, и обмен решениями делает каждый из них сильнее.",  # noqa: E501
            ),
            Text(
                "Aparatın məruzələri həmçinin Birləşmiş Millətlər Təşkilatına, ATƏT-ə və Avropa Şurasına göndərilib.",  # noqa: E501
                "The Office's reports were also sent to the United Nations, the OSCE and the Council of Europe.",  # noqa: E501
                "Доклады Аппарата были также направлены в Организацию Объединённых Наций, ОБСЕ и Совет Европы.",  # noqa: E501
            ),
        ],
    ),
]

# Anniversary statements: the title is built from the commemoration's name and
# the anniversary phrase (statements.i18n.ordinals), the rest from this theme.
MEMORY = Theme(
    "memory",
    ["historical-memory", "missing-persons"],
    [],
    Text(
        "İldönümü münasibətilə müvəkkil qurbanların xatirəsini yad edib və günahkarların məsuliyyətə cəlb olunmasına çağırıb.",  # noqa: E501
        "On the anniversary the Commissioner honoured the memory of the victims and called for those responsible to be brought to justice.",  # noqa: E501
        "В годовщину трагедии Уполномоченный почтила память жертв и призвала привлечь виновных к ответственности.",  # noqa: E501
    ),
    Text("Qurbanların xatirəsi", "Remembering the victims", "Память о жертвах"),
    [
        Text(
            "Hər il bu gün Azərbaycan xalqı həyatını itirənləri yad edir, müvəkkil də onların xatirəsini ehtiramla anır.",  # noqa: E501
            "Every year on this day the people of Azerbaijan remember those who lost their lives, and the Commissioner joins them in honouring their memory.",  # noqa: E501
            "Каждый год в этот день народ Азербайджана вспоминает погибших, и Уполномоченный вместе со всеми чтит их память.",  # noqa: E501
        ),
        Text(
            "Yaşamaq hüququ bütün hüquqların ən əsasıdır və onun bu miqyasda pozulmasına heç vaxt bəraət qazandırıla və ya unudula bilməz.",  # noqa: E501
            "The right to life is the most fundamental of all rights, and its violation on such a scale can never be justified or forgotten.",  # noqa: E501
            "Право на жизнь — самое основное из всех прав, и его нарушению в таких масштабах нет и не может быть ни оправдания, ни забвения.",  # noqa: E501
        ),
        Text(
            "Müvəkkil beynəlxalq təşkilatları hadisələrə layiqli hüquqi qiymət verməyə və məsuliyyət daşıyanların cavabdehliyini təmin etməyə çağırıb.",  # noqa: E501
            "The Commissioner called on international organisations to give the events a proper legal assessment and to ensure that those responsible are held to account.",  # noqa: E501
            "Уполномоченный призвала международные организации дать событиям надлежащую правовую оценку и обеспечить, чтобы виновные понесли ответственность.",  # noqa: E501
        ),
        Text(
            "Qurbanların ailələri hələ də dövlətin qayğısına ehtiyac duyur və Aparat onların müraciətlərinə xüsusi diqqət yetirir.",  # noqa: E501
            "The families of the victims still need the state's care, and the Office gives their applications particular attention.",  # noqa: E501
            "Семьи погибших по-прежнему нуждаются в заботе государства, и Аппарат уделяет их обращениям особое внимание.",  # noqa: E501
        ),
        Text(
            "Bu hadisələr barədə həqiqətin dünyaya çatdırılması həm qurbanlar, həm də gələcək nəsillər qarşısında borcdur.",  # noqa: E501
            "Telling the truth about these events to the world is a duty owed both to the victims and to the generations to come.",  # noqa: E501
            "Донести до мира правду об этих событиях — долг и перед погибшими, и перед будущими поколениями.",  # noqa: E501
        ),
    ],
)

# What the generated hero images show (scripts/bench_data.py draws them).
IMAGE_ALTS = [
    Text(
        "Tünd mavi fonda açıq rəngli üfüqi zolaqlar.",
        "Pale horizontal bands on a dark blue background.",
        "Светлые горизонтальные полосы на тёмно-синем фоне.",
    ),
    Text(
        "Qırmızı fonda ağ dairələr.",
        "White circles on a red background.",
        "Белые круги на красном фоне.",
    ),
    Text(
        "Yaşıl fonda sarı diaqonal xətlər.",
        "Yellow diagonal lines on a green background.",
        "Жёлтые диагональные линии на зелёном фоне.",
    ),
    Text(
        "Boz fonda narıncı düzbucaqlılar.",
        "Orange rectangles on a grey background.",
        "Оранжевые прямоугольники на сером фоне.",
    ),
    Text(
        "Bənövşəyi fonda ağ ulduzlar.",
        "White stars on a purple background.",
        "Белые звёзды на фиолетовом фоне.",
    ),
    Text(
        "Firuzəyi fonda tünd dalğalı xətlər.",
        "Dark wavy lines on a turquoise background.",
        "Тёмные волнистые линии на бирюзовом фоне.",
    ),
]

CAPTION = Text(
    "Ombudsman Aparatının mətbuat xidmətinin fotosu.",
    "Photo: press service of the Ombudsman's Office.",
    "Фото: пресс-служба Аппарата Омбудсмена.",
)

OUTLETS = ["Azertac", "Trend", "APA", "Report", "Caliber.Az", "Interfax-Azerbaijan"]
REPORTERS = ["Vafa Guliyeva", "Elmir Aliyev", "Aysel Mammadova", "Ruslan Hasanov", ""]
RECIPIENTS = [
    Text(
        "Birləşmiş Millətlər Təşkilatı",
        "United Nations",
        "Организация Объединённых Наций",
    ),
    Text("ATƏT", "OSCE", "ОБСЕ"),
    Text("Avropa Şurası", "Council of Europe", "Совет Европы"),
]
CORRECTION = Text(
    "Mətndə bir tarix düzəldilib.",
    "A date in the text has been corrected.",
    "В тексте исправлена дата.",
)
WITHDRAWAL = Text(
    "Bəyanat mətndəki səhv məlumata görə geri çağırılıb.",
    "The statement has been withdrawn because it contained incorrect information.",
    "Заявление отозвано, поскольку содержало неверные сведения.",
)
ATTACHMENT_TITLE = Text(
    "İmzalanmış nüsxə (PDF)", "Signed copy (PDF)", "Подписанный экземпляр (PDF)"
)
