"""Search over public statements in one language, on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from statements.models import Statement, StatementVersion, VersionStatus
from statements.public.search import index as search_index
from statements.public.search import query as search
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
        pytest.skip("the stored tsvector and its GIN index are PostgreSQL's")


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


def test_a_title_match_ranks_above_a_passing_mention(client):
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


def test_only_the_newest_matches_are_ranked_and_counted(client, monkeypatch):
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


def test_a_search_within_the_bound_says_how_many_it_found(client, monkeypatch):
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


def test_the_stored_hashes_are_the_querys_hashes_of_the_terms(postgresql):
    """search_hashes holds what the query computes for each stored term, for
    letters outside ASCII too (the term is hashed as UTF-8 on both sides)."""
    statement = make_statement(languages=[], original_language="ru")
    make_version(statement, "ru", title="Следственный изолятор", body="<p>Баку</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(search_vector), search_hashes "
            "FROM statements_statementversion WHERE statement_id = %s",
            [statement.pk],
        )
        terms, hashes = cursor.fetchone()
    assert "изолятор" in terms
    assert sorted(hashes) == sorted(search.term_hash(term) for term in terms)


def test_a_hash_collision_is_not_a_match(postgresql, client, monkeypatch):
    """A version whose hashes hold the query's hash but not its term is not
    found: the vector has the last word."""
    public_statement("Prison visit")
    prison = search.term_hash("prison")
    monkeypatch.setattr(search, "term_hash", lambda term: prison)
    for found in ("prison", "prison visit"):
        assert titles(client.get("/en/search/", {"q": found})) == ["Prison visit"]
    for collision in ("zebra", "zebra giraffe"):
        assert titles(client.get("/en/search/", {"q": collision})) == []


def test_the_match_uses_the_gin_index(postgresql):
    """With sequential scans off, the planner reads the match from the GIN index
    of the terms' hashes (migration 0005).

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
        cursor.execute("SELECT gin_clean_pending_list('version_search_hashes')")
        cursor.execute("ANALYZE statements_statementversion")
        cursor.execute("SET LOCAL enable_seqscan = off")
        with CaptureQueriesContext(connection) as queries:
            results = search.search("en", "detention").versions
        # The first query reads the candidates: the one that matches.
        cursor.execute(f"EXPLAIN (FORMAT JSON) {queries[0]['sql']}")
        plan = cursor.fetchone()[0][0]["Plan"]
    assert "version_search_hashes" in index_names(plan), plan
    assert [version.title for version in results] == ["Detention monitoring"]


def index_names(node):
    """The indexes a node of an EXPLAIN (FORMAT JSON) plan and its children read."""
    names = {node["Index Name"]} if "Index Name" in node else set()
    for child in node.get("Plans", []):
        names |= index_names(child)
    return names


def test_a_quoted_phrase_matches_only_words_side_by_side(client):
    """ "human rights" finds the words together, not apart."""
    public_statement("Human rights in prisons")
    public_statement("Rights of the human person", "<p>Nothing else.</p>")
    assert titles(client.get('/en/search/?q="human rights"')) == [
        "Human rights in prisons"
    ]
    assert sorted(titles(client.get("/en/search/?q=human rights"))) == [
        "Human rights in prisons",
        "Rights of the human person",
    ]


def test_a_phrase_does_not_run_from_the_title_into_the_text(client):
    """The title's last word and the body's first are not a phrase."""
    public_statement("A visit to the prison", "<p>Rights were checked.</p>")
    assert titles(client.get('/en/search/?q="prison rights"')) == []


def test_capital_dotted_i_finds_and_marks_whole_words(client):
    """ "İnsan hüquqları" finds the text and marks the two words, not every i."""
    statement = make_statement(languages=[], original_language="az")
    make_version(
        statement,
        "az",
        title="Hesabat",
        summary="",
        body="<p>Bu il insan hüquqlarının müdafiəsi üçün iş davam etdi.</p>",
    )
    response = client.get("/az/search/", {"q": "İnsan hüquqları"})
    assert titles(response) == ["Hesabat"]
    snippet = str(response.context["results"][0]["snippet"])
    assert snippet == (
        "Bu il <mark>insan</mark> <mark>hüquqlarının</mark> müdafiəsi üçün iş "
        "davam etdi."
    )


def test_the_snippet_is_cut_between_words(client):
    """A long text is shortened to whole words on both sides of the match."""
    words = [f"word{n}" for n in range(200)]
    words[120] = "ombudsmanic"
    public_statement("Long", "<p>" + " ".join(words) + ".</p>")
    response = client.get("/en/search/", {"q": "ombudsmanic"})
    snippet = str(response.context["results"][0]["snippet"])
    assert snippet.startswith("… word")
    assert snippet.endswith(" …")
    inner = snippet[2:-2].replace("<mark>", "").replace("</mark>", "")
    assert all(part in words for part in inner.split()), inner
    assert "<mark>ombudsmanic</mark>" in snippet


@pytest.fixture
def kinds_and_topics():
    from tests.factories import make_topic

    prisons = make_topic(key="prisons", name={"en": "Prisons"})
    now = timezone.now()
    last_year = now.replace(year=now.year - 1)
    public_statement("Prison statement", kind="statement", topics=[prisons])
    public_statement("Prison press release", kind="press_release")
    public_statement("Old prison release", kind="press_release", publish_at=last_year)
    return now.year, last_year.year


def test_the_results_are_counted_by_kind(client, kinds_and_topics):
    """Each kind's count is shown, as a link that keeps the query."""
    response = client.get("/en/search/", {"q": "prison"})
    counts = {value: count for value, _label, count in response.context["kind_counts"]}
    assert counts == {"press_release": 2, "statement": 1, "anniversary": 0}
    page = response.content.decode()
    assert 'href="?kind=press_release&amp;q=prison">Press release: 2</a>' in page
    assert "<span>Anniversary statement: 0</span>" in page


def test_filters_narrow_the_results_and_keep_the_counts(client, kinds_and_topics):
    """Kind, year and topic filter the results; the kind counts ignore the kind."""
    this_year, last_year = kinds_and_topics
    response = client.get("/en/search/", {"q": "prison", "kind": "press_release"})
    assert sorted(titles(response)) == ["Old prison release", "Prison press release"]
    counts = {value: count for value, _label, count in response.context["kind_counts"]}
    assert counts["statement"] == 1
    response = client.get("/en/search/", {"q": "prison", "year": last_year})
    assert titles(response) == ["Old prison release"]
    response = client.get("/en/search/", {"q": "prison", "topic": "prisons"})
    assert titles(response) == ["Prison statement"]
    response = client.get("/en/search/", {"q": "prison", "kind": "nonsense\x00"})
    assert len(titles(response)) == 3


def test_the_filters_are_labelled_form_fields(client, kinds_and_topics):
    """Each filter is a labelled select in the same GET form as the words."""
    page = client.get("/en/search/", {"q": "prison"}).content.decode()
    form = page.split('class="search-form filters"')[1].split("</form>")[0]
    for name, field_id in (("kind", "filter-kind"), ("year", "filter-year")):
        assert f'<label for="{field_id}">' in form
        assert f'<select id="{field_id}" name="{name}">' in form
    assert '<label for="filter-topic">' in form
    assert 'name="q"' in form and 'method="get"' in page


def indexed_versions():
    """The version ids that the search storage holds terms for."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM statements_statementversion "
                "WHERE search_vector IS NOT NULL"
            )
        else:
            cursor.execute("SELECT rowid FROM statements_search")
        return {row[0] for row in cursor.fetchall()}


def test_only_released_versions_are_stored_for_search(client):
    """A draft's or an unreleased statement's text never reaches the search storage."""
    draft = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    waiting = public_statement("Waiting", required_languages=["en", "az"])
    public = public_statement("Public")
    stored = indexed_versions()
    assert public.versions.get().pk in stored
    assert not {v.pk for v in draft.versions.all()} & stored
    assert waiting.versions.get().pk not in stored


def test_search_follows_release_changes_and_deletes(client):
    """Unpublishing or deleting a version takes it out of search at once."""
    statement = public_statement("Vanishing ombudsmanic words")
    version = statement.versions.get()
    assert titles(client.get("/en/search/?q=ombudsmanic")) == [
        "Vanishing ombudsmanic words"
    ]
    version.status = VersionStatus.DRAFT
    version.save()
    assert titles(client.get("/en/search/?q=ombudsmanic")) == []
    assert version.pk not in indexed_versions()
    version.status = VersionStatus.PUBLISHED
    version.save()
    assert titles(client.get("/en/search/?q=ombudsmanic")) != []
    version.delete()
    assert titles(client.get("/en/search/?q=ombudsmanic")) == []
    assert version.pk not in indexed_versions()


def test_a_scheduled_statement_is_found_once_its_time_comes(client, settings):
    """The match is stored in advance; the time is compared when searching."""
    statement = public_statement(
        "Scheduled ombudsmanic", publish_at=timezone.now() + timedelta(minutes=5)
    )
    assert titles(client.get("/en/search/?q=ombudsmanic")) == []
    Statement.objects.filter(pk=statement.pk).update(
        released_at=timezone.now() - timedelta(minutes=1)
    )
    StatementVersion.objects.filter(statement=statement).update(
        released_at=timezone.now() - timedelta(minutes=1)
    )
    assert titles(client.get("/en/search/?q=ombudsmanic")) == ["Scheduled ombudsmanic"]


def test_a_text_only_save_is_searched_by_its_new_words(client):
    """A save naming only the text fields still rewrites the terms."""
    statement = public_statement("Old words")
    version = statement.versions.get()
    version.title = "Ombudsmanic new words"
    version.save(update_fields=["title"])
    assert titles(client.get("/en/search/?q=ombudsmanic")) == ["Ombudsmanic new words"]


def test_names_topics_and_references_are_searchable_and_follow_renames(client):
    """The issuer, topics, commemoration and reference find the statement, and
    renaming them is followed."""
    from tests.factories import make_commemoration, make_topic

    person = make_person(name={"en": "Elmira Quliyeva"})
    topic = make_topic(name={"en": "Prisons"})
    commemoration = make_commemoration(name={"en": "Remembrance of Ombudsmania"})
    statement = public_statement(
        "Untitled",
        issued_by=person,
        topics=[topic],
        commemoration=commemoration,
        reference_number=7,
        reference_year=2031,
    )
    statement.versions.update()
    for query in ("Quliyeva", "prisons", "Ombudsmania", "7/2031", "No. 7/2031"):
        assert titles(client.get("/en/search/", {"q": query})) == ["Untitled"], query
    assert titles(client.get("/en/search/", {"q": "2031/7"})) == []
    topic.name = {"en": "Custody"}
    topic.save()
    person.name = {"en": "Leyla Rzayeva"}
    person.save()
    assert titles(client.get("/en/search/", {"q": "custody"})) == ["Untitled"]
    assert titles(client.get("/en/search/", {"q": "Rzayeva"})) == ["Untitled"]
    assert titles(client.get("/en/search/", {"q": "Quliyeva"})) == []
    other = make_topic(name={"en": "Asylum"})
    statement.topics.add(other)
    assert titles(client.get("/en/search/", {"q": "asylum"})) == ["Untitled"]


@pytest.mark.parametrize(
    "query",
    ['NEAR("a" "b")', "body:prison", "prison OR", "^prison*", '"""', "a\x00b"],
)
def test_full_text_syntax_is_never_passed_through(client, query):
    """What would be FTS5 or tsquery syntax is read as words, never an error."""
    public_statement("Prison visit")
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
