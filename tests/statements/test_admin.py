"""The staff admin: pages, the statement form and its rules, the list, languages."""

import datetime
import io
import os
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from statements.models import (
    Attachment,
    Statement,
    StatementKind,
    StatementVersion,
    VersionStatus,
)
from tests.factories import (
    image_bytes,
    make_commemoration,
    make_person,
    make_statement,
    make_superuser,
    make_topic,
    make_version,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/statements/statement/add/"
CHANGELIST_URL = "/admin/statements/statement/"


@pytest.fixture
def superuser():
    return make_superuser()


@pytest.fixture
def staff_client(client, superuser):
    """A signed-in superuser whose admin is in English, whatever the default."""
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


class _FormFields(HTMLParser):
    """What a browser would submit from the form with ``form_id``."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in {"file", "submit", "button", "image", "reset"}:
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "opts": []}
        elif tag == "option" and self._select is not None:
            self._select["opts"].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._select["opts"] if selected]
            if not chosen and not self._select["multiple"] and self._select["opts"]:
                chosen = [self._select["opts"][0][0]]
            self.fields += [(self._select["name"], value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None


def form_data(response, form_id="statement_form"):
    """The rendered form's fields, management forms included, as POST data."""
    parser = _FormFields(form_id)
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        if "__prefix__" in name:
            continue
        if name in data:
            existing = data[name]
            data[name] = (
                [*existing, value]
                if isinstance(existing, list)
                else [
                    existing,
                    value,
                ]
            )
        else:
            data[name] = value
    return data


def new_statement_data(client, **overrides):
    """POST data for the add form: one Azerbaijani draft by a new person."""
    data = form_data(client.get(ADD_URL))
    data.update(
        {
            "kind": StatementKind.STATEMENT,
            "issued_by": str(make_person().pk),
            "original_language": "az",
            "versions-0-language": "az",
            "versions-0-title": "Ombudsmanın şəhər çıxışı",
            "versions-0-summary": "Qısa xülasə.",
            "versions-0-body": "<p>Mətn</p>",
            "versions-0-status": VersionStatus.DRAFT,
        }
    )
    data.update(overrides)
    return data


def add_version_form(data, language, title, status=VersionStatus.DRAFT):
    index = int(data["versions-TOTAL_FORMS"])
    data.update(
        {
            f"versions-{index}-language": language,
            f"versions-{index}-title": title,
            f"versions-{index}-summary": "",
            f"versions-{index}-body": "<p>Text</p>",
            f"versions-{index}-status": status,
            "versions-TOTAL_FORMS": str(index + 1),
        }
    )


def png_upload(name="photo.png", trailing=b""):
    return SimpleUploadedFile(name, image_bytes("PNG") + trailing, "image/png")


def error_texts(response):
    """Every error message shown on the form page, as plain strings."""
    messages = []
    context = response.context
    messages += context["adminform"].form.errors.get("__all__", [])
    for field_errors in context["adminform"].form.errors.values():
        messages += field_errors
    for inline in context["inline_admin_formsets"]:
        messages += inline.formset.non_form_errors()
        for form_errors in inline.formset.errors:
            for field_errors in form_errors.values():
                messages += field_errors
    return messages


# Pages ----------------------------------------------------------------------


def _example_object(model):
    if model is Statement:
        return make_statement(languages=["az", "en"])
    if model is StatementVersion:
        return make_statement(languages=["az"]).versions.get()
    if model._meta.model_name == "commemoration":
        return make_commemoration(figures=[({"en": "killed"}, 150)])
    if model is Group:
        return Group.objects.order_by("pk").first()
    if model._meta.model_name == "person":
        return make_person()
    if model._meta.model_name == "topic":
        return make_topic()
    if model._meta.app_label == "readers":
        from tests.readers.examples import reader_example

        return reader_example(model)
    if model._meta.model_name == "term":
        return model.objects.create(texts={"az": "Müvəkkil", "en": "Commissioner"})
    if model._meta.app_label in ("accounts", "axes", "otp_totp"):
        from tests.security.examples import sign_in_example

        return sign_in_example(model)
    return model._default_manager.order_by("pk").first()


@pytest.mark.parametrize(
    "model",
    sorted(admin.site._registry, key=lambda model: model._meta.label),
    ids=lambda model: model._meta.label,
)
def test_every_admin_page_renders(staff_client, superuser, rf, model):
    """The list, add and change pages of every registered model answer 200."""
    instance = _example_object(model)
    assert instance is not None, f"give _example_object() a {model.__name__}"
    info = (model._meta.app_label, model._meta.model_name)
    urls = [
        reverse("admin:{}_{}_changelist".format(*info)),
        reverse("admin:{}_{}_change".format(*info), args=[instance.pk]),
    ]
    request = rf.get("/admin/")
    request.user = superuser
    # A read-only admin (a log, say) has no add page, even for a superuser.
    if admin.site._registry[model].has_add_permission(request):
        urls.append(reverse("admin:{}_{}_add".format(*info)))
    for url in urls:
        response = staff_client.get(url)
        if model._meta.label == "readers.OfficeContact" and url == urls[-1]:
            # One row only: once written, "add" opens it to be changed.
            assert response.status_code == 302, url
            assert response["Location"] == urls[1]
            continue
        assert response.status_code == 200, url


def test_statement_form_loads_ckeditor_then_the_csrf_helper(staff_client):
    """The body uses CKEditor; editor-csrf.js comes after ckeditor.js."""
    content = staff_client.get(ADD_URL).content.decode()
    assert 'data-type="ckeditortype"' in content
    editor = content.index("/static/ckeditor/ckeditor/ckeditor.js")
    helper = content.index("/static/js/editor-csrf.js")
    assert editor < helper
    assert '"uploadUrl": "/admin/editor-upload/"' in content.replace("&quot;", '"')


def test_translated_fields_are_labelled_by_language(staff_client):
    """Each language's input has a visible label naming the language."""
    response = staff_client.get(ADD_URL)
    assert response.status_code == 200
    for index, name in enumerate(["Azerbaijani", "English", "Russian"]):
        field_id = f"id_hero_image_alt_{index}"
        assert (
            f'<label class="translated-text__language" for="{field_id}">{name}'
            f"</label>" in response.content.decode()
        )
    assert 'role="group" aria-label="Hero image text alternative"' in (
        response.content.decode()
    )


# Creating a statement -------------------------------------------------------


def test_add_statement_with_versions_makes_a_transliterated_slug(
    staff_client, superuser
):
    """Saving the add form creates the statement, its version and an ASCII slug."""
    data = new_statement_data(staff_client)
    add_version_form(data, "ru", "Заявление Омбудсмена")
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, error_texts(response)
    statement = Statement.objects.get()
    assert statement.slug == "ombudsmanin-sheher-chixishi"
    assert statement.created_by == superuser
    assert statement.updated_by == superuser
    assert sorted(statement.versions.values_list("language", flat=True)) == [
        "az",
        "ru",
    ]
    assert {version.author for version in statement.versions.all()} == {superuser}


def test_blank_slug_comes_from_the_original_title_not_the_first_form(staff_client):
    """With Russian as the original language the slug is the Russian title's."""
    data = new_statement_data(staff_client, original_language="ru")
    add_version_form(data, "ru", "Заявление Омбудсмена")
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, error_texts(response)
    assert Statement.objects.get().slug == "zayavlenie-ombudsmena"


def test_editor_images_survive_saving(staff_client):
    """An image uploaded into the editor (a /media/ src) is kept in the body."""
    body = (
        '<p>Text</p><p><img alt="Rally" src="/media/editor/2025/01/abc.png"></p>'
        '<script>alert("x")</script>'
    )
    response = staff_client.post(
        ADD_URL, new_statement_data(staff_client, **{"versions-0-body": body})
    )
    assert response.status_code == 302, error_texts(response)
    stored = StatementVersion.objects.get().body
    assert '<img alt="Rally" src="/media/editor/2025/01/abc.png">' in stored
    assert "script" not in stored


def test_statement_without_original_language_version_is_refused(staff_client):
    """No version in the original language: a message, and nothing is created."""
    data = new_statement_data(staff_client, **{"versions-0-language": "en"})
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert (
        "Write the version in the original language (Azerbaijani): a statement "
        "cannot be saved without it." in error_texts(response)
    )
    assert not Statement.objects.exists()
    assert not StatementVersion.objects.exists()


def test_two_versions_in_one_language_are_refused(staff_client):
    """A duplicate language is named in a message, not an IntegrityError."""
    data = new_statement_data(staff_client)
    add_version_form(data, "az", "İkinci başlıq")
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert (
        "Two versions have the same language (Azerbaijani); keep one and remove "
        "the other." in error_texts(response)
    )
    assert not Statement.objects.exists()


def test_state_sent_in_the_form_is_ignored(staff_client):
    """A hand-made POST cannot publish: the state changes only by the workflow."""
    data = new_statement_data(
        staff_client, **{"versions-0-status": VersionStatus.PUBLISHED}
    )
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, error_texts(response)
    assert Statement.objects.get().versions.get().status == VersionStatus.DRAFT


def test_anniversary_statement_needs_commemoration_and_year(staff_client):
    """An anniversary statement without its commemoration gets the model's words."""
    data = new_statement_data(staff_client, kind=StatementKind.ANNIVERSARY)
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert (
        "An anniversary statement must name the commemoration it marks."
        in error_texts(response)
    )
    commemoration = make_commemoration()
    data.update(commemoration=str(commemoration.pk), anniversary_year="2025")
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, error_texts(response)
    assert Statement.objects.get().commemoration == commemoration


# Uploads --------------------------------------------------------------------


def test_real_png_hero_image_is_accepted_and_reencoded(staff_client):
    """A PNG with bytes appended is stored re-encoded under a generated name."""
    trailing = b"<script>alert(1)</script>"
    data = new_statement_data(
        staff_client, hero_image=png_upload("my holiday.png", trailing=trailing)
    )
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, error_texts(response)
    statement = Statement.objects.get()
    name = statement.hero_image.name
    assert name.startswith("images/") and name.endswith(".png")
    assert "holiday" not in name
    stored = statement.hero_image.read()
    assert trailing not in stored
    assert (statement.hero_image_width, statement.hero_image_height) == (64, 48)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile(
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                b"</svg>",
                "image/svg+xml",
            ),
            "SVG images are not accepted (they can carry scripts); use PNG or JPEG.",
        ),
        (
            SimpleUploadedFile("photo.jpg", b"just some text\n" * 20, "image/jpeg"),
            "The file is not a valid image (or it is damaged).",
        ),
        (
            SimpleUploadedFile("empty.png", b"", "image/png"),
            "The file is empty.",
        ),
    ],
    ids=["svg", "text-named-jpg", "empty"],
)
def test_hero_image_that_is_not_an_image_is_refused(staff_client, upload, message):
    """SVG, text named .jpg and empty files are refused with a clear message."""
    response = staff_client.post(
        ADD_URL, new_statement_data(staff_client, hero_image=upload)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hero_image"] == [message]
    assert not Statement.objects.exists()


def test_oversized_hero_image_is_refused(staff_client, settings):
    """An image over the size limit is refused, naming its size and the limit."""
    settings.UPLOAD_IMAGE_MAX_BYTES = 1_048_576
    noise = Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    upload = SimpleUploadedFile("big.png", buffer.getvalue(), "image/png")
    response = staff_client.post(
        ADD_URL, new_statement_data(staff_client, hero_image=upload)
    )
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors.as_data()["hero_image"]
    assert error.code == "too_large"
    assert error.messages[0].startswith("The image is 1.4")


def _with_attachment(data, upload):
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": upload,
            "attachments-0-title_en": "Signed statement",
            "attachments-0-position": "0",
        }
    )
    return data


def test_pdf_attachment_is_accepted(staff_client):
    """A real PDF is attached under a generated name."""
    data = _with_attachment(new_statement_data(staff_client), pdf_upload())
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, error_texts(response)
    attachment = Attachment.objects.get()
    assert attachment.file.name.startswith("files/")
    assert attachment.file.name.endswith(".pdf")
    assert attachment.title == {"en": "Signed statement"}


def test_attachment_that_is_not_a_pdf_is_refused(staff_client):
    """A file named .pdf that is not a PDF is refused, and nothing is created."""
    fake = SimpleUploadedFile("signed.pdf", b"<html>not a pdf</html>", "text/html")
    data = _with_attachment(new_statement_data(staff_client), fake)
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Only PDF files can be attached." in error_texts(response)
    assert not Statement.objects.exists()


# The list of statements -----------------------------------------------------


def _listed(client, query=""):
    response = client.get(CHANGELIST_URL + query)
    assert response.status_code == 200
    return [statement.pk for statement in response.context["cl"].result_list]


@pytest.fixture
def listed_statements():
    """Three statements that differ in kind, year, language states and topic."""
    topic = make_topic(name={"en": "Detention"})
    press = make_statement(
        languages=["az"],
        kind=StatementKind.PRESS_RELEASE,
        publish_at=datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.UTC),
    )
    make_version(press, "en", status=VersionStatus.DRAFT, title="Prison visit")
    anniversary = make_statement(
        languages=["az"],
        status=VersionStatus.REVIEW,
        kind=StatementKind.ANNIVERSARY,
        commemoration=make_commemoration(),
        anniversary_year=2025,
        publish_at=datetime.datetime(2025, 1, 19, 10, tzinfo=datetime.UTC),
    )
    everywhere = make_statement(
        languages=["en", "az", "ru"],
        topics=[topic],
        publish_at=datetime.datetime(2025, 3, 1, 10, tzinfo=datetime.UTC),
    )
    StatementVersion.objects.filter(statement=everywhere, language="ru").update(
        body="<p>Свидетели описали задержание.</p>"
    )
    return {
        "press": press.pk,
        "anniversary": anniversary.pk,
        "everywhere": everywhere.pk,
        "topic": topic.pk,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["everywhere", "anniversary", "press"]),
        ("?kind__exact=press_release", ["press"]),
        ("?kind__exact=anniversary", ["anniversary"]),
        ("?year=2024", ["press"]),
        ("?year=2025", ["everywhere", "anniversary"]),
        ("?language_state=missing-ru", ["anniversary", "press"]),
        ("?language_state=draft-en", ["press"]),
        ("?language_state=review", ["anniversary"]),
        ("?language_state=review-az", ["anniversary"]),
        ("?language_state=published", ["everywhere"]),
        ("?topics__id__exact={topic}", ["everywhere"]),
        ("?q=Prison", ["press"]),
        ("?q=задержание", ["everywhere"]),
        ("?q=nothing-matches-this", []),
    ],
)
def test_changelist_filters_and_search(
    staff_client, listed_statements, query, expected
):
    """Each filter and the search list exactly the matching statements."""
    rows = _listed(staff_client, query.format(**listed_statements))
    assert rows == [listed_statements[name] for name in expected]


def test_search_lists_a_statement_once_when_several_versions_match(staff_client):
    """A word in every version's title still lists the statement once."""
    statement = make_statement(languages=["az", "en", "ru"])
    StatementVersion.objects.filter(statement=statement).update(title="Baku 1990")
    assert _listed(staff_client, "?q=Baku") == [statement.pk]


def test_changelist_columns(staff_client):
    """Title, kind, reference, public flag and every language's state are shown."""
    public = make_statement(
        languages=["az", "en"], reference_number=12, reference_year=2025
    )
    make_version(public, "ru", status=VersionStatus.REVIEW)
    draft = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    response = staff_client.get(CHANGELIST_URL)
    assert response.context["cl"].result_count == 2
    content = response.content.decode()
    assert public.title("az") in content
    assert "12/2025" in content
    cells = re.findall(r'<td class="field-publication">([^<]*)</td>', content)
    assert sorted(cells) == ["not public", "public"]
    assert draft.publish_at is not None
    for fragment in [
        '<li class="lang-state lang-state--published lang-state--original">'
        '<span aria-hidden="true">●</span> '
        '<abbr title="Azerbaijani (original language)">az</abbr> approved</li>',
        '<li class="lang-state lang-state--review"><span aria-hidden="true">◐</span> '
        '<abbr title="Russian">ru</abbr> in review</li>',
        '<li class="lang-state lang-state--missing"><span aria-hidden="true">—</span> '
        '<abbr title="Azerbaijani">az</abbr> missing</li>',
        '<li class="lang-state lang-state--draft lang-state--original">'
        '<span aria-hidden="true">○</span> '
        '<abbr title="English (original language)">en</abbr> draft</li>',
    ]:
        assert fragment in content, fragment


def _changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST_URL)
    assert response.status_code == 200
    return len(queries)


def _make_listed(count):
    topics = [make_topic(), make_topic()]
    person = make_person()
    for _index in range(count):
        statement = make_statement(
            languages=["az", "en"], issued_by=person, topics=topics
        )
        make_version(statement, "ru", status=VersionStatus.DRAFT)


def test_changelist_query_count_does_not_grow(
    staff_client, django_assert_max_num_queries
):
    """Listing 30 statements takes as many queries as listing 5."""
    _make_listed(5)
    with django_assert_max_num_queries(12):
        few = _changelist_queries(staff_client)
    _make_listed(25)
    with django_assert_max_num_queries(12):
        many = _changelist_queries(staff_client)
    assert few == many


# Change form ----------------------------------------------------------------


def test_change_statement_keeps_slug_and_stamps_editor(staff_client, superuser):
    """Saving an existing statement unchanged keeps its slug and records the editor."""
    statement = make_statement(languages=["az", "en"], slug="kept-slug")
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    data = form_data(staff_client.get(url))
    response = staff_client.post(url, data)
    assert response.status_code == 302, error_texts(response)
    statement.refresh_from_db()
    assert statement.slug == "kept-slug"
    assert statement.updated_by == superuser


def test_withdrawal_date_in_the_form_is_ignored(staff_client):
    """Withdrawal happens only through its button, with reasons, never the form."""
    statement = make_statement(languages=["az"])
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    data = form_data(staff_client.get(url))
    now = timezone.localtime()
    data.update(
        withdrawn_at_0=now.strftime("%Y-%m-%d"), withdrawn_at_1=now.strftime("%H:%M")
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, error_texts(response)
    statement.refresh_from_db()
    assert statement.withdrawn_at is None


def test_version_admin_defaults_author_to_who_saves(staff_client, superuser):
    """A version added on its own page is credited to whoever saves it."""
    statement = make_statement(languages=["az"])
    url = reverse("admin:statements_statementversion_add")
    data = form_data(staff_client.get(url), form_id="statementversion_form")
    data.update(
        statement=str(statement.pk),
        language="en",
        title="Statement",
        body="<p>Text</p>",
        status=VersionStatus.DRAFT,
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert statement.versions.get(language="en").author == superuser


def test_reference_pages_search_translated_names(staff_client):
    """Topics, people and commemorations are found by a name in any language."""
    make_topic(name={"ru": "Задержание", "en": "Detention"})
    make_person(name={"az": "Səbinə Əliyeva"})
    make_commemoration(name={"ru": "Трагедия 20 января"})
    for path, term in [
        ("topic", "Задерж"),
        ("person", "Əliyeva"),
        ("commemoration", "Трагедия"),
    ]:
        response = staff_client.get(f"/admin/statements/{path}/", {"q": term})
        assert response.context["cl"].result_count == 1, path


# Languages of the admin -----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "log_out"), [("ru", "Выйти"), ("az", "Çıx"), ("en", "Log out")]
)
def test_admin_follows_the_language_cookie(client, superuser, language, log_out):
    """The admin is shown in the language chosen with the switcher."""
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    assert f'<button type="submit">{log_out}</button>' in content


def test_language_switcher_sets_the_cookie_and_returns(client, superuser):
    """The header's switcher posts to set_language and comes back to the page."""
    client.force_login(superuser)
    page = client.get(CHANGELIST_URL)
    content = page.content.decode()
    assert 'action="/i18n/setlang/"' in content
    assert f'name="next" value="{CHANGELIST_URL}"' in content
    response = client.post("/i18n/setlang/", {"language": "ru", "next": CHANGELIST_URL})
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST_URL
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert "Выйти" in client.get(CHANGELIST_URL).content.decode()


def test_login_page_offers_the_language_switcher(client):
    """Someone not yet signed in can pick the admin's language too."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'class="language-switcher"' in response.content.decode()
    assert "Ombudsman statements" in response.content.decode()


def test_related_and_topic_autocomplete_find_by_title_and_name(staff_client):
    """The autocompletes search statements by version title and topics by name."""
    statement = make_statement(languages=["az", "en"])
    StatementVersion.objects.filter(statement=statement).update(title="Baku 1990")
    make_statement(languages=["en"])
    topic = make_topic(name={"ru": "Задержание"})
    url = "/admin/autocomplete/"
    base = {"app_label": "statements", "model_name": "statement"}
    related = staff_client.get(url, {**base, "field_name": "related", "term": "Baku"})
    assert [row["id"] for row in related.json()["results"]] == [str(statement.pk)]
    topics = staff_client.get(url, {**base, "field_name": "topics", "term": "Задер"})
    assert [row["id"] for row in topics.json()["results"]] == [str(topic.pk)]
