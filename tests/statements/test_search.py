"""Search over public statements in one language, on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from statements import search, search_index
from statements.models import Statement, StatementVersion, VersionStatus
from tests.factories import make_person, make_statement, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    statement = make_statement(languages=[], original_language="az", slug="visit")
    make_version(
        statement,
        "az",
        title="İstintaq təcridxanasına baş çəkildi",
        body="<p>Müvəkkil Şəki şəhərindəki təcridxanada məhbuslarla görüşdü.</p>",
    )
    make_version(
        statement,
        "ru",
        title="Посещение следственного изолятора",
        body="<p>Омбудсмен посетила следственный изолятор и встретилась с "
        "задержанными.</p>",
    )
    make_version(
        statement,
        "en",
        title="Visit to a pre-trial detention centre",
        body="<p>The Commissioner met detainees and inspected their conditions.</p>",
    )
    other = make_statement(languages=["en"], slug="children")
    other.versions.update(title="Children's rights week")
    hidden = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    hidden.versions.update(title="Detainees draft")
    return statement


def titles(response):
    return [r["version"].title for r in response.context["results"]]


def test_finds_azerbaijani_words(client, corpus):
    """An Azerbaijani word finds the Azerbaijani version."""
    response = client.get("/az/search/?q=Şəki")
    assert titles(response) == ["İstintaq təcridxanasına baş çəkildi"]
    assert "<mark>Şəki</mark>" in response.content.decode()


def test_finds_russian_words_case_insensitively(client, corpus):
    """A capitalised Russian word finds the lower-case text."""
    response = client.get("/ru/search/?q=Изолятор")
    assert titles(response) == ["Посещение следственного изолятора"]


def test_finds_english_and_never_a_draft(client, corpus):
    """English search finds the public version, not the draft with the same word."""
    response = client.get("/en/search/?q=detainees")
    assert titles(response) == ["Visit to a pre-trial detention centre"]
    assert "<mark>detainees</mark>" in response.content.decode()


def test_search_is_per_language(client, corpus):
    """A Russian word searched on the English site finds nothing."""
    response = client.get("/en/search/?q=изолятор")
    assert titles(response) == []
    assert "Nothing was found." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "'; DROP TABLE statements_statement; --",
        "<script>alert(1)</script>",
        "a" * 5000,
        "!!! & | ( ) :* <->",
        "%00%ff",
        "\x00\x01",
        '"unterminated',
    ],
)
def test_hostile_or_empty_queries_get_a_calm_page(client, corpus, query):
    """Anything typed gives a 200 page, never an error, never raw markup."""
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_snippet_escapes_the_text_around_marks(client, corpus):
    """Text in the snippet is escaped; only <mark> is markup."""
    statement = make_statement(languages=["en"])
    version = statement.versions.get()
    version.body = "<p>Rights &lt;b&gt;matter&lt;/b&gt; for detainees.</p>"
    version.save()
    content = client.get("/en/search/?q=matter").content.decode()
    assert "&lt;b&gt;<mark>matter</mark>&lt;/b&gt;" in content


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("ranking and the stored search vector are PostgreSQL's")


def public_statement(title, body="<p>The body of the statement.</p>", **overrides):
    statement = make_statement(languages=[], original_language="en", **overrides)
    make_version(statement, "en", title=title, body=body)
    return statement


def test_an_edited_version_is_found_by_its_new_words_only(client):
    """Matching follows edits: the old words stop matching, the new ones start."""
    statement = public_statement("Visit to a prison", "<p>Inspection of cells.</p>")
    version = statement.versions.get()
    version.title = "Meeting with journalists"
    version.body = "<p>The Commissioner met reporters.</p>"
    version.save()
    assert titles(client.get("/en/search/?q=reporters")) == ["Meeting with journalists"]
    assert titles(client.get("/en/search/?q=prison")) == []
    assert titles(client.get("/en/search/?q=inspection")) == []


def test_versions_the_public_may_not_see_are_never_found(client):
    """Drafts, versions in review, scheduled and unreleased statements stay out."""
    for status in (VersionStatus.DRAFT, VersionStatus.REVIEW):
        statement = make_statement(languages=[], original_language="en")
        make_version(statement, "en", status=status, title=f"Ombudsdrafted {status}")
    public_statement(
        "Ombudsdrafted scheduled", publish_at=timezone.now() + timedelta(days=1)
    )
    public_statement("Ombudsdrafted unscheduled", publish_at=None)
    # Released only once the Azerbaijani version is published too.
    public_statement("Ombudsdrafted awaiting az", required_languages=["en", "az"])
    public_statement("Ombudsdrafted public")
    assert titles(client.get("/en/search/?q=ombudsdrafted")) == ["Ombudsdrafted public"]


def test_a_title_match_ranks_above_a_passing_mention(client, postgresql):
    """The older statement about the word comes before newer ones that mention it."""
    now = timezone.now()
    public_statement(
        "Monitoring of psychiatric hospitals",
        "<p>The team visited wards.</p>",
        publish_at=now - timedelta(days=30),
    )
    for days in (1, 2):
        public_statement(
            f"Annual report {days}",
            "<p>Among many institutions, one psychiatric ward was visited, "
            "alongside schools, courts, police stations and orphanages.</p>",
            publish_at=now - timedelta(days=days),
        )
    assert titles(client.get("/en/search/?q=psychiatric")) == [
        "Monitoring of psychiatric hospitals",
        "Annual report 1",
        "Annual report 2",
    ]


def test_only_the_newest_matches_are_ranked_and_counted(
    client, postgresql, monkeypatch
):
    """Past the bound, the count and the pages agree on the same newest matches."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    now = timezone.now()
    for days in range(1, 6):
        public_statement(
            f"Prison visit {days}",
            "<p>A prison.</p>" if days != 3 else "<p>Prison, prison, prison.</p>",
            publish_at=now - timedelta(days=days),
        )
    response = client.get("/en/search/?q=prison")
    assert response.context["page_obj"].paginator.count == 3
    assert titles(response) == ["Prison visit 3", "Prison visit 1", "Prison visit 2"]
    # The reader is told that older matches were left out.
    count = response.content.decode().split('class="result-count"')[1]
    assert "More than 3 results for “prison”: the newest 3 are shown" in count


def test_a_search_within_the_bound_says_how_many_it_found(
    client, postgresql, monkeypatch
):
    """Exactly as many matches as the bound are all shown, without "more than"."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    for days in range(1, 4):
        public_statement(f"Prison visit {days}", "<p>A prison.</p>")
    page = client.get("/en/search/?q=prison").content.decode()
    assert "3 results for “prison”" in page
    assert "More than" not in page


# At most: the matches (ids and kinds), one page of them (none when nothing
# matched), the topics and the years of the filters; however many match,
# whatever the filters.
SEARCH_PAGE_QUERIES = 4


@pytest.mark.parametrize(
    "params",
    [
        {"q": "detention"},
        {"q": "detention monitoring", "page": "2"},
        {"q": '"detention monitoring"', "kind": "statement", "year": "2020"},
        {"q": "detention", "topic": "no-such-topic"},
        {"q": "nothing-matches-this"},
    ],
)
def test_the_search_page_reads_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, params
):
    """A page of results costs the same queries however many match."""
    for number in range(25):
        public_statement(f"Detention monitoring {number}")
    with django_assert_max_num_queries(SEARCH_PAGE_QUERIES):
        response = client.get("/en/search/", params)
    assert response.status_code == 200


def test_a_chosen_kind_past_the_bound_costs_one_query_more(
    client, django_assert_num_queries, monkeypatch
):
    """With more matches than are ranked, a chosen kind is searched again, so
    that its older matches are not lost behind the other kinds' newer ones."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    now = timezone.now()
    for days in range(1, 5):
        public_statement(f"Prison visit {days}", publish_at=now - timedelta(days=days))
    public_statement(
        "Prison release", kind="press_release", publish_at=now - timedelta(days=9)
    )
    with django_assert_num_queries(SEARCH_PAGE_QUERIES + 1):
        response = client.get("/en/search/", {"q": "prison", "kind": "press_release"})
    assert titles(response) == ["Prison release"]


def test_twenty_five_matches_are_counted_and_paged(client):
    """The count is every match; the first page shows twenty."""
    for number in range(25):
        public_statement(f"Detention monitoring {number}")
    response = client.get("/en/search/?q=detention")
    assert len(titles(response)) == 20
    assert response.context["page_obj"].paginator.count == 25


def test_the_stored_vector_holds_the_pipelines_terms(postgresql):
    """search_vector is written from the app's pipeline, the same as the query's."""
    statement = make_statement(languages=[], original_language="az")
    make_version(statement, "az", title="İnsan hüquqları", body="<p>Şəkidə</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(search_vector) "
            "FROM statements_statementversion WHERE statement_id = %s",
            [statement.pk],
        )
        stored = set(cursor.fetchone()[0])
    assert {"insan", "huquq", "sek"} <= stored


def test_the_match_uses_the_gin_index(postgresql):
    """With sequential scans off, the planner reads the match from the GIN index.

    A few thousand rows, one of them matching, make the index clearly the
    cheapest way for the planner; on a handful of rows any index would do.
    """
    person = make_person()
    now = timezone.now()
    fillers = Statement.objects.bulk_create(
        Statement(slug=f"filler-{n}", issued_by=person, publish_at=now, released_at=now)
        for n in range(2000)
    )
    StatementVersion.objects.bulk_create(
        StatementVersion(
            statement=statement,
            language="en",
            title="Filler",
            status=VersionStatus.PUBLISHED,
            search_document="filler\nrights of the child",
            released_at=now,
        )
        for statement in fillers
    )
    public_statement("Detention monitoring")
    search_index.reindex()
    with connection.cursor() as cursor:
        # Rows of earlier, rolled-back tests wait in the index's pending list,
        # which the planner charges for; merged, the index costs what it will.
        cursor.execute("SELECT gin_clean_pending_list('version_search')")
        cursor.execute("ANALYZE statements_statementversion")
        cursor.execute("SET LOCAL enable_seqscan = off")
        with CaptureQueriesContext(connection) as queries:
            results = search.search("en", "detention").versions
        # The first query reads the candidates: the one that matches.
        cursor.execute(f"EXPLAIN (FORMAT JSON) {queries[0]['sql']}")
        plan = cursor.fetchone()[0][0]["Plan"]
    assert "version_search" in index_names(plan), plan
    assert [version.title for version in results] == ["Detention monitoring"]


def index_names(node):
    """The indexes a node of an EXPLAIN (FORMAT JSON) plan and its children read."""
    names = {node["Index Name"]} if "Index Name" in node else set()
    for child in node.get("Plans", []):
        names |= index_names(child)
    return names
