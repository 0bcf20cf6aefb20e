"""Translators' workspace: side by side, outdated by paragraph, XLIFF, coverage."""

import pytest
from django.urls import reverse

from accounts.roles import EDITOR, TRANSLATOR
from statements import workflow
from statements.models import StatementVersion, VersionStatus
from statements.translating import tracking
from tests.factories import make_staff, make_statement, make_version
from tests.statements.test_admin import error_texts, form_data

pytestmark = pytest.mark.django_db

ORIGINAL_BODY = (
    "<p>First paragraph about the visit.</p>"
    "<h2>Findings</h2>"
    "<ul><li>Cells were overcrowded.</li><li>Medical care was late.</li></ul>"
    "<blockquote><p>Everyone deserves dignity.</p></blockquote>"
)


@pytest.fixture
def statement():
    statement = make_statement(languages=[], original_language="en")
    make_version(
        statement, "en", title="Visit to a detention centre", body=ORIGINAL_BODY
    )
    ru = make_version(
        statement,
        "ru",
        title="Посещение изолятора",
        body="<p>Первый абзац.</p>",
        status=VersionStatus.DRAFT,
    )
    tracking.bring_up_to_date(ru)
    return statement


def signed_in(client, user):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def edit_source(client, statement, body, kind):
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    data = form_data(client.get(url))
    index = next(
        i
        for i in range(int(data["versions-TOTAL_FORMS"]))
        if data[f"versions-{i}-language"] == "en"
    )
    data[f"versions-{index}-body"] = body
    data[f"versions-{index}-change_kind"] = kind
    if kind == "substantive":
        data[f"versions-{index}-correction_note"] = "The findings were corrected."
    response = client.post(url, data)
    source = statement.versions.get(language="en")
    if response.status_code == 302 and workflow.working_item(source) is not source:
        # A live source changes when another editor approves its draft.
        workflow.perform("submit", source, response.wsgi_request.user)
        workflow.perform("approve", source, make_staff(EDITOR))
    return response


def test_substantive_source_change_marks_translation_outdated(client, statement):
    """The ru translation is outdated after a substantive en change, with the
    changed paragraph shown; a minor change marks nothing."""
    editor = make_staff(EDITOR)
    signed_in(client, editor)
    minor = ORIGINAL_BODY.replace("overcrowded", "over-crowded")
    assert edit_source(client, statement, minor, "minor").status_code == 302
    ru = statement.versions.get(language="ru")
    assert ru.outdated_since is None
    changed = minor.replace("Medical care was late.", "Medical care was refused.")
    assert edit_source(client, statement, changed, "substantive").status_code == 302
    ru.refresh_from_db()
    assert ru.outdated_since is not None
    changes = tracking.changes_since_translation(ru)
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("changed", "Cells were overcrowded.", "Cells were over-crowded."),
        ("changed", "Medical care was late.", "Medical care was refused."),
    ]


def test_change_kind_is_asked_when_a_version_has_translations(client, statement):
    """Editing a draft source that has translations asks minor or substantive."""
    editor = make_staff(EDITOR)
    statement.versions.filter(language="en").update(status=VersionStatus.DRAFT)
    signed_in(client, editor)
    response = edit_source(client, statement, "<p>New text.</p>", "")
    assert response.status_code == 200
    assert (
        "This version has translations: say whether the change is minor or "
        "substantive." in error_texts(response)
    )


def test_outdated_translation_made_from_a_non_original_source(statement):
    """A version translated from ru (not the original) follows ru's changes."""
    az = make_version(statement, "az", title="Baş çəkmə", status=VersionStatus.DRAFT)
    az.source_language = "ru"
    az.save()
    tracking.bring_up_to_date(az)
    en = statement.versions.get(language="en")
    assert tracking.source_changed(en, substantive=True) == 0
    ru = statement.versions.get(language="ru")
    ru.body = "<p>Первый абзац, исправленный.</p>"
    ru.save()
    assert tracking.source_changed(ru, substantive=True) == 1
    az.refresh_from_db()
    assert az.outdated_since is not None
    assert tracking.source_of(az) == ru


def test_side_by_side_page_shows_source_and_changes(client, statement):
    """The translator sees the source, the shared facts and what changed."""
    ru = statement.versions.get(language="ru")
    en = statement.versions.get(language="en")
    en.body = ORIGINAL_BODY.replace("late", "refused")
    en.save()
    tracking.source_changed(en, substantive=True)
    translator = make_staff(TRANSLATOR, languages=["ru"])
    signed_in(client, translator)
    url = reverse("admin:statements_statementversion_change", args=[ru.pk])
    content = client.get(url).content.decode()
    assert 'class="side-by-side__source"' in content
    assert "Visit to a detention centre" in content
    assert "<del>Medical care was late.</del>" in content
    assert "<ins>Medical care was refused.</ins>" in content
    response = client.post(
        reverse("admin:statements_statementversion_up_to_date", args=[ru.pk])
    )
    assert response.status_code == 302
    ru.refresh_from_db()
    assert ru.outdated_since is None


def test_new_translation_can_start_with_the_source_structure(client, statement):
    """?structure=1 pre-fills the body with the source's headings and lists."""
    translator = make_staff(TRANSLATOR, languages=["az"])
    signed_in(client, translator)
    url = reverse("admin:statements_statementversion_add")
    response = client.get(
        url, {"statement": statement.pk, "language": "az", "structure": "1"}
    )
    body = response.context["adminform"].form.initial["body"]
    assert body == (
        "<p>…</p><h2>…</h2><ul><li>…</li><li>…</li></ul>"
        "<blockquote><p>…</p></blockquote>"
    )


def test_tampered_requests_are_refused(client, statement):
    """Up-to-date and XLIFF for a language not assigned: 403, nothing changed."""
    translator = make_staff(TRANSLATOR, languages=["az"])
    signed_in(client, translator)
    ru = statement.versions.get(language="ru")
    StatementVersion.objects.filter(pk=ru.pk).update(outdated_since="2025-01-01T00:00Z")
    response = client.post(
        reverse("admin:statements_statementversion_up_to_date", args=[ru.pk])
    )
    # Another language's version is not even there for this translator.
    assert response.status_code == 404
    ru.refresh_from_db()
    assert ru.outdated_since is not None
    xliff_url = reverse("admin:statements_statement_xliff", args=[statement.pk, "ru"])
    assert client.get(xliff_url).status_code == 403
    assert (
        client.get(
            reverse("admin:statements_statement_xliff", args=[statement.pk, "en"])
        ).status_code
        == 403
    )


def translated(content, replacements):
    text = content.decode()
    for source, target in replacements.items():
        text = text.replace(
            f"<source>{source}</source>",
            f"<source>{source}</source><target>{target}</target>",
        )
    return text.encode()


AZ = {
    "Visit to a detention centre": "İstintaq təcridxanasına baş çəkmə",
    "A short lead.": "Qısa giriş.",
    "First paragraph about the visit.": "Baş çəkmə haqqında ilk abzas.",
    "Findings": "Nəticələr",
    "Cells were overcrowded.": "Kameralar həddən artıq dolu idi.",
    "Medical care was late.": "Tibbi yardım gecikirdi.",
    "Everyone deserves dignity.": "Hər kəs ləyaqətə layiqdir.",
}


def test_xliff_round_trip_makes_a_draft_with_the_structure(client, statement):
    """Export, translate in a tool, import: an az draft with heading, list, quote."""
    translator = make_staff(TRANSLATOR, languages=["az"])
    signed_in(client, translator)
    url = reverse("admin:statements_statement_xliff", args=[statement.pk, "az"])
    exported = client.get(url)
    assert exported["Content-Type"].startswith("application/x-xliff+xml")
    assert b'source-language="en"' in exported.content
    assert b'target-language="az"' in exported.content
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("visit.en-az.xlf", translated(exported.content, AZ))
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    az = statement.versions.get(language="az")
    assert az.status == VersionStatus.DRAFT
    assert az.title == "İstintaq təcridxanasına baş çəkmə"
    assert az.body == (
        "<p>Baş çəkmə haqqında ilk abzas.</p><h2>Nəticələr</h2>"
        "<ul><li>Kameralar həddən artıq dolu idi.</li>"
        "<li>Tibbi yardım gecikirdi.</li></ul>"
        "<blockquote><p>Hər kəs ləyaqətə layiqdir.</p></blockquote>"
    )
    assert az.source_language == "en" and az.outdated_since is None


def test_xliff_import_refuses_what_does_not_fit(client, statement):
    """Wrong statement, wrong language, changed source, or overwriting a draft:
    a clear message and nothing changed."""
    editor = make_staff(EDITOR)
    signed_in(client, editor)
    url = reverse("admin:statements_statement_xliff", args=[statement.pk, "az"])
    exported = translated(client.get(url).content, AZ)
    from django.core.files.uploadedfile import SimpleUploadedFile

    def send(target_url, content, **extra):
        upload = SimpleUploadedFile("t.xlf", content)
        response = client.post(target_url, {"file": upload, **extra}, follow=True)
        return [str(m) for m in response.context["messages"]]

    other = make_statement(languages=["en"])
    other_url = reverse("admin:statements_statement_xliff", args=[other.pk, "az"])
    assert send(other_url, exported) == [
        f"This file is for another statement (“{statement.slug}”)."
    ]
    wrong_language = exported.replace(b'target-language="az"', b'target-language="ru"')
    assert send(url, wrong_language) == ["This file is a translation into ru, not az."]
    assert send(url, b"not xml at all") == ["The file is not a readable XLIFF file."]
    en = statement.versions.get(language="en")
    en.title = "Visit to a pre-trial detention centre"
    en.save()
    assert send(url, exported) == [
        "The source text changed after this file was exported. Export it again "
        "and translate the changes."
    ]
    assert not statement.versions.filter(language="az").exists()
    ru_url = reverse("admin:statements_statement_xliff", args=[statement.pk, "ru"])
    fresh = client.get(ru_url).content
    ru_file = translated(
        fresh, {**AZ, "Visit to a pre-trial detention centre": "Посещение"}
    )
    assert send(ru_url, ru_file) == [
        "The ru draft already has text. Tick “Replace the draft's text” to overwrite "
        "it."
    ]
    assert statement.versions.get(language="ru").title == "Посещение изолятора"


def test_coverage_report_counts_and_draws_a_bar(client, statement):
    """Per language: public versions, missing and outdated, with a bar."""
    make_statement(languages=["en", "az"])
    editor = make_staff(EDITOR)
    signed_in(client, editor)
    response = client.get(reverse("admin:statements_statement_coverage"))
    content = response.content.decode()
    report = {row["code"]: row for row in response.context["report"]}
    assert (report["en"]["public"], report["en"]["total"]) == (2, 2)
    assert (report["az"]["public"], report["az"]["missing_count"]) == (1, 1)
    assert (report["ru"]["public"], report["ru"]["missing_count"]) == (0, 2)
    assert content.count('class="coverage__bar"') == 3
    translator = make_staff(TRANSLATOR, languages=["ru"])
    signed_in(client, translator)
    assert client.get(reverse("admin:statements_statement_coverage")).status_code == 403


def test_outdated_public_translation_carries_a_note(client, settings):
    """Readers of an outdated translation are told; the setting turns it off."""
    statement = make_statement(languages=["en", "az"])
    az = statement.versions.get(language="az")
    tracking.bring_up_to_date(az)
    en = statement.versions.get(language="en")
    en.body = "<p>Rewritten.</p>"
    en.save()
    tracking.source_changed(en, substantive=True)
    note = "This translation may not reflect the latest changes to the original."
    page = client.get(f"/en/statements/{statement.slug}/").content.decode()
    assert note not in page
    with_note = client.get(f"/az/statements/{statement.slug}/")
    assert with_note.status_code == 200
    settings.SHOW_OUTDATED_TRANSLATION_NOTE = False
    assert (
        "notice--outdated"
        not in client.get(f"/az/statements/{statement.slug}/").content.decode()
    )


def test_translator_queue_lists_outdated_versions(client, statement):
    """An outdated ru version appears in the Russian translator's queue."""
    en = statement.versions.get(language="en")
    en.body = "<p>Rewritten.</p>"
    en.save()
    tracking.source_changed(en, substantive=True)
    translator = make_staff(TRANSLATOR, languages=["ru"])
    signed_in(client, translator)
    page = client.get("/admin/").content.decode()
    assert "outdated: the source changed" in page


def test_submitting_a_translation_records_its_source(statement):
    """A translator's submission keeps what the source said at that moment."""
    translator = make_staff(TRANSLATOR, languages=["az"])
    az = make_version(statement, "az", title="Baş çəkmə", status=VersionStatus.DRAFT)
    workflow.submit(az, translator)
    az.refresh_from_db()
    assert az.source_text.startswith("Visit to a detention centre")


def test_coverage_report_queries_do_not_grow_with_the_archive():
    """The report counts in SQL: as many queries for 3 statements as for 15."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from statements.translating.progress import coverage_report

    def queries():
        with CaptureQueriesContext(connection) as captured:
            coverage_report()
        return len(captured)

    for _ in range(3):
        make_statement(languages=["en", "az"])
    few = queries()
    for _ in range(12):
        make_statement(languages=["en", "az"])
    assert queries() == few
