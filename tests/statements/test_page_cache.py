"""The page cache is fast and never wrong: changes show on the next request."""

import datetime
import io
import os
import re
import socket
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import AUTHOR, EDITOR
from ombudsman.settings.cache import redis_cache
from statements import workflow
from statements.models import VersionStatus
from tests.factories import make_staff, make_statement, make_topic

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_is_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """The page cache on, with local memory and with Redis as in production."""
    if request.param == "redis":
        if not redis_is_up():
            if os.environ.get("REQUIRE_REDIS") == "1":
                pytest.fail("REQUIRE_REDIS=1 but Redis is not answering on 6379")
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        entry = redis_cache(REDIS_URL, "ombudsman-test")
        # Production's tight bounds are for a Redis that hangs (tested in
        # tests/security/test_cache_outage.py); here a busy test machine must
        # not turn a slow answer into a miss.
        entry["OPTIONS"].update({"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5})
        settings.CACHES = {"default": entry}
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRONT_CACHE_SECONDS = 60
    cache.clear()
    yield request.param
    cache.clear()


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_second_request_is_a_hit_without_queries(client, page_cache):
    """The second reader of a page costs no database query."""
    make_statement(languages=["en"])
    first, _ = get(client, "/en/statements/")
    second, queries = get(client, "/en/statements/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content


def test_publishing_shows_on_the_next_request(client, page_cache):
    """A version approved after a page was cached appears at once."""
    statement = make_statement(
        languages=["en"], status=VersionStatus.DRAFT, publish_at=None
    )
    version = statement.versions.get()
    title = version.title
    assert title not in get(client, "/en/")[0].content.decode()
    workflow.submit(version, make_staff(AUTHOR))
    workflow.approve(version, make_staff(EDITOR))
    assert title in get(client, "/en/")[0].content.decode()


def test_withdrawal_and_name_changes_show_on_the_next_request(client, page_cache):
    """Withdrawing a statement or renaming its issuer invalidates cached pages."""
    statement = make_statement(languages=["en", "az"])
    url = f"/en/statements/{statement.slug}/"
    get(client, url)
    workflow.withdraw(
        statement, make_staff(EDITOR), {"en": "Postponed.", "az": "Təxirə salınıb."}
    )
    assert "Postponed." in get(client, url)[0].content.decode()
    person = statement.issued_by
    person.name = {"en": "A New Name"}
    person.save()
    assert "A New Name" in get(client, url)[0].content.decode()


def test_scheduled_statement_appears_at_its_time(client, page_cache):
    """Cached pages expire no later than the next scheduled publication."""
    soon = timezone.now() + datetime.timedelta(seconds=2)
    statement = make_statement(languages=["en"], publish_at=soon)
    title = statement.versions.get().title
    before = get(client, "/en/")[0]
    assert title not in before.content.decode()
    max_age = int(re.search(r"max-age=(\d+)", before["Cache-Control"]).group(1))
    assert max_age <= 2
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.3)
    assert title in get(client, "/en/")[0].content.decode()


def test_public_pages_tell_front_caches_at_most_sixty_seconds(client, page_cache):
    """Cache-Control: public, max-age=60 with Last-Modified and an ETag."""
    make_statement(languages=["en"])
    response = get(client, "/en/statements/")[0]
    assert response["Cache-Control"] == "public, max-age=60"
    assert response.has_header("Last-Modified")
    assert response.has_header("ETag")


def test_conditional_request_gets_304(client, page_cache):
    """A client that has the page gets 304 Not Modified."""
    make_statement(languages=["en"])
    etag = get(client, "/en/statements/")[0]["ETag"]
    response = get(client, "/en/statements/", HTTP_IF_NONE_MATCH=etag)[0]
    assert response.status_code == 304
    assert response.content == b""


def test_staff_pages_and_previews_are_never_cached(client, page_cache):
    """A signed-in person's pages and previews are private and not stored."""
    statement = make_statement(languages=["en"], status=VersionStatus.DRAFT)
    client.force_login(make_staff(EDITOR))
    for url in ("/en/statements/", f"/en/statements/{statement.slug}/preview/"):
        first = get(client, url)[0]
        second = get(client, url)[0]
        assert "X-Page-Cache" not in second, url
        assert "private" in first["Cache-Control"], url
        assert "no-store" in first["Cache-Control"], url
    admin = get(client, "/admin/")[0]
    assert "private" in admin["Cache-Control"]


def test_not_found_pages_are_not_kept(client, page_cache):
    """A 404 is not cached, so a page published a moment later is found."""
    response = get(client, "/en/statements/not-yet/")[0]
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    statement = make_statement(languages=["en"], slug="not-yet")
    assert get(client, "/en/statements/not-yet/")[0].status_code == 200
    assert statement.pk


def test_cache_off_renders_every_time(client, settings):
    """With PAGE_CACHE_SECONDS=0 every request renders, still with headers."""
    settings.PAGE_CACHE_SECONDS = 0
    make_statement(languages=["en"])
    get(client, "/en/statements/")
    response, queries = get(client, "/en/statements/")
    assert "X-Page-Cache" not in response
    assert queries > 0
    assert response["Cache-Control"].startswith("public")


def test_hit_keeps_the_headers_and_answers_304(client, page_cache):
    """A page served from the cache has its security headers and validators."""
    make_statement(languages=["en"])
    first = get(client, "/en/statements/")[0]
    hit = get(client, "/en/statements/")[0]
    assert hit["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "ETag"):
        assert hit[header] == first[header], header
    assert hit["Last-Modified"] == first["Last-Modified"]
    again, queries = get(client, "/en/statements/", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert again.status_code == 304
    assert queries == 0


def test_hit_front_lifetime_still_ends_at_the_next_release(client, page_cache):
    """A page cached a while before a scheduled release tells front caches to
    keep it only until that release, also when it is served from the cache."""
    make_statement(languages=["en"])
    make_statement(
        languages=["en"], publish_at=timezone.now() + datetime.timedelta(seconds=20)
    )
    assert get(client, "/en/")[0]["X-Page-Cache"] == "miss"
    time.sleep(1.1)
    hit = get(client, "/en/")[0]
    assert hit["X-Page-Cache"] == "hit"
    max_age = int(re.search(r"max-age=(\d+)", hit["Cache-Control"]).group(1))
    assert max_age <= 19


def test_clear_page_cache_command_renders_afresh(client, page_cache):
    """After a deploy, `manage.py clear_page_cache` makes every page a miss."""
    from django.core.management import call_command

    make_statement(languages=["en"])
    get(client, "/en/")
    assert get(client, "/en/")[0]["X-Page-Cache"] == "hit"
    output = io.StringIO()
    call_command("clear_page_cache", stdout=output)
    assert "cleared" in output.getvalue()
    assert get(client, "/en/")[0]["X-Page-Cache"] == "miss"


def test_each_host_gets_its_own_page(client, page_cache):
    """With two allowed host names, each reader's canonical link, og:url,
    robots.txt and sitemap carry the host they asked for, never the first
    requester's."""
    statement = make_statement(languages=["en"], slug="two-hosts")
    for url in (
        f"/en/statements/{statement.slug}/",
        "/robots.txt",
        "/sitemap-statements.xml",
    ):
        for host in ("localhost", "127.0.0.1", "localhost"):
            body = get(client, url, HTTP_HOST=host)[0].content.decode()
            other = "127.0.0.1" if host == "localhost" else "localhost"
            assert f"://{host}/" in body, (url, host)
            assert f"://{other}/" not in body, (url, host)
    page = get(client, f"/en/statements/{statement.slug}/", HTTP_HOST="127.0.0.1")
    assert page[0]["X-Page-Cache"] == "hit"


def test_a_bogus_session_cookie_does_not_skip_the_cache(client, page_cache):
    """Any cookie named like the session, unless it is a signed-in person's
    session, gets the cached public page: one key lookup, no rendering."""
    make_statement(languages=["en"])
    get(client, "/en/statements/")
    for value in ("bogus", "x" * 40, ""):
        client.cookies["sessionid"] = value
        response, queries = get(client, "/en/statements/")
        assert response["X-Page-Cache"] == "hit", value
        assert queries <= 1
        assert "Set-Cookie" not in response


def test_an_anonymous_session_gets_the_cached_page(client, page_cache):
    """A real session without a signed-in user (a language choice, a failed
    sign-in) is a reader like any other."""
    from django.contrib.sessions.backends.db import SessionStore

    make_statement(languages=["en"])
    get(client, "/en/statements/")
    session = SessionStore()
    session["anything"] = 1
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert get(client, "/en/statements/")[0]["X-Page-Cache"] == "hit"


def test_only_a_signed_in_session_turns_the_cache_off(client, page_cache):
    make_statement(languages=["en"])
    get(client, "/en/statements/")
    client.force_login(make_staff(EDITOR))
    response = get(client, "/en/statements/")[0]
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


# --- a change cools only the pages that show it ------------------------------

LANGUAGES = ("az", "en", "ru")


def _statement_urls(statement):
    return [f"/{code}/statements/{statement.slug}/" for code in LANGUAGES]


def _list_urls():
    return [
        url
        for code in LANGUAGES
        for url in (f"/{code}/", f"/{code}/statements/", f"/{code}/statements/feed/")
    ]


def _warm(client, urls):
    for url in urls:
        assert get(client, url)[0]["X-Page-Cache"] in ("miss", "hit"), url
        assert get(client, url)[0]["X-Page-Cache"] == "hit", url


def _states(client, urls):
    return {url: get(client, url)[0]["X-Page-Cache"] for url in urls}


def test_a_publication_keeps_unrelated_statement_pages_hits(client, page_cache):
    """A new statement goes out: the pages of every other statement stay
    cached in every language; the home pages, lists and feeds show it."""
    unrelated = make_statement(languages=list(LANGUAGES))
    new = make_statement(
        languages=list(LANGUAGES), status=VersionStatus.DRAFT, publish_at=None
    )
    _warm(client, _statement_urls(unrelated) + _list_urls())
    author, editor = make_staff(AUTHOR), make_staff(EDITOR)
    for version in new.versions.all():
        workflow.submit(version, author)
        workflow.approve(version, editor)
    assert set(_states(client, _statement_urls(unrelated)).values()) == {"hit"}
    for url in _list_urls():
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "miss", url
        language = url.split("/")[1]
        assert new.versions.get(language=language).title in response.content.decode()
    assert set(_states(client, _statement_urls(new)).values()) == {"miss"}


def test_a_correction_cools_its_own_pages_and_those_listing_it(client, page_cache):
    """An approved edition of one language cools that statement's pages in
    every language (they name each other), the pages that list it as related
    (either way) and the lists; an unrelated statement's pages stay hits."""
    changed = make_statement(languages=list(LANGUAGES))
    links_to_it = make_statement(languages=list(LANGUAGES))
    linked_from_it = make_statement(languages=list(LANGUAGES))
    unrelated = make_statement(languages=list(LANGUAGES))
    links_to_it.related.add(changed)
    changed.related.add(linked_from_it)
    everything = [
        *_statement_urls(changed),
        *_statement_urls(links_to_it),
        *_statement_urls(linked_from_it),
        *_statement_urls(unrelated),
        *_list_urls(),
    ]
    _warm(client, everything)
    en = changed.versions.get(language="en")
    editor = make_staff(EDITOR)
    workflow.save_draft(
        en,
        make_staff(AUTHOR),
        {"title": "A corrected headline", "body": en.body, "change_kind": "minor"},
    )
    workflow.perform("submit", en, editor)
    workflow.perform("approve", en, make_staff(EDITOR, username="second-editor"))
    states = _states(client, everything)
    cooled = [url for url, state in states.items() if state == "miss"]
    assert sorted(cooled) == sorted(
        [
            *_statement_urls(changed),
            *_statement_urls(links_to_it),
            *_statement_urls(linked_from_it),
            *_list_urls(),
        ]
    )
    for url in _statement_urls(links_to_it) + ["/en/", "/en/statements/"]:
        if url.startswith("/en/"):
            assert "A corrected headline" in get(client, url)[0].content.decode()


def test_a_withdrawal_cools_its_pages_and_keeps_others(client, page_cache):
    """Withdrawn, a statement's pages say so at once in every language; an
    unrelated statement's pages are still served from the cache."""
    withdrawn = make_statement(languages=list(LANGUAGES))
    unrelated = make_statement(languages=list(LANGUAGES))
    _warm(client, _statement_urls(withdrawn) + _statement_urls(unrelated))
    workflow.withdraw(
        withdrawn,
        make_staff(EDITOR),
        {"en": "Postponed.", "az": "Təxirə salınıb.", "ru": "Отложено."},
    )
    assert set(_states(client, _statement_urls(unrelated)).values()) == {"hit"}
    for url, reason in zip(
        _statement_urls(withdrawn),
        ("Təxirə salınıb.", "Postponed.", "Отложено."),
        strict=True,
    ):
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "miss"
        assert reason in response.content.decode()


def test_a_change_to_a_shared_fact_still_cools_every_page(client, page_cache):
    """A person, topic or commemoration may be shown anywhere: all pages cool."""
    statement = make_statement(languages=list(LANGUAGES))
    other = make_statement(languages=list(LANGUAGES))
    urls = _statement_urls(statement) + _statement_urls(other) + _list_urls()
    _warm(client, urls)
    person = other.issued_by
    person.name = {"en": "Someone Else"}
    person.save()
    assert set(_states(client, urls).values()) == {"miss"}


def _more_on_this_topic(response):
    """The slugs "More on this topic" links to, in order; None without it."""
    found = re.search(
        r'id="related-heading">(.*?)</section>', response.content.decode(), re.S
    )
    if found is None:
        return None
    return re.findall(r'href="/[a-z]{2}/statements/([-\w]+)/"', found[1])


def test_a_publication_on_a_topic_shows_at_once_on_its_pages_still_hits(
    client, page_cache
):
    """A page that shows "More on this topic" (nothing linked by the editors)
    shows a new statement on its topic at once, and is still served from the
    cache: only the small block is built again, once for all pages on the
    topic; a page on another topic is untouched."""
    rights, water = make_topic(key="rights"), make_topic(key="water")
    on_topic = make_statement(languages=list(LANGUAGES), topics=[rights])
    also_on_topic = make_statement(languages=list(LANGUAGES), topics=[rights])
    other_topic = make_statement(languages=list(LANGUAGES), topics=[water])
    new = make_statement(
        languages=list(LANGUAGES),
        status=VersionStatus.DRAFT,
        publish_at=None,
        topics=[rights],
    )
    _warm(client, _statement_urls(on_topic) + _statement_urls(other_topic))
    assert _more_on_this_topic(get(client, _statement_urls(on_topic)[0])[0]) == [
        also_on_topic.slug
    ]
    author, editor = make_staff(AUTHOR), make_staff(EDITOR)
    for version in new.versions.all():
        workflow.submit(version, author)
        workflow.approve(version, editor)
    assert set(_states(client, _statement_urls(other_topic)).values()) == {"hit"}
    rebuilt = []
    for url in _statement_urls(on_topic):
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "hit", url
        rebuilt.append(response["X-Page-Cache-Fragment"])
        assert _more_on_this_topic(response) == [new.slug, also_on_topic.slug]
        language = url.split("/")[1]
        assert new.versions.get(language=language).title in response.content.decode()
        again, queries = get(client, url)
        assert again["X-Page-Cache-Fragment"] == "hit"
        assert queries == 0
        assert again.content == response.content
    # One block per language, built by the first page that needed it.
    assert rebuilt == ["rebuilt"] * len(LANGUAGES)
    response, _ = get(client, _statement_urls(also_on_topic)[0])
    assert _more_on_this_topic(response) == [new.slug, on_topic.slug]


def test_more_on_this_topic_never_lists_the_page_itself_and_shows_three(
    client, page_cache
):
    """Each page on a topic shows the three newest others, whichever page
    built the shared block."""
    rights = make_topic(key="rights")
    now = timezone.now()
    statements = [
        make_statement(
            languages=["en"],
            topics=[rights],
            publish_at=now - datetime.timedelta(hours=10 - number),
        )
        for number in range(5)
    ]
    slugs = [statement.slug for statement in statements]
    newest_first = list(reversed(slugs))
    for statement in reversed(statements):
        response, _ = get(client, f"/en/statements/{statement.slug}/")
        expected = [slug for slug in newest_first if slug != statement.slug][:3]
        assert _more_on_this_topic(response) == expected
        again, _ = get(client, f"/en/statements/{statement.slug}/")
        assert again["X-Page-Cache"] == "hit"
        assert _more_on_this_topic(again) == expected


def test_a_withdrawal_on_a_topic_leaves_its_pages_at_once(client, page_cache):
    """A statement withdrawn leaves "More on this topic" on the pages of its
    topic at the next request, though those pages stay cached."""
    rights = make_topic(key="rights")
    page = make_statement(languages=list(LANGUAGES), topics=[rights])
    withdrawn = make_statement(languages=list(LANGUAGES), topics=[rights])
    _warm(client, _statement_urls(page))
    workflow.withdraw(
        withdrawn,
        make_staff(EDITOR),
        {"en": "Postponed.", "az": "Təxirə salınıb.", "ru": "Отложено."},
    )
    for url in _statement_urls(page):
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "hit"
        assert _more_on_this_topic(response) is None
        assert withdrawn.slug not in response.content.decode()


def test_a_changed_block_changes_the_validators(client, page_cache):
    """A reader holding the page from before a publication on its topic is not
    told "not modified": the ETag and Last-Modified follow the block."""
    rights = make_topic(key="rights")
    page = make_statement(languages=["en"], topics=[rights])
    make_statement(languages=["en"], topics=[rights])
    new = make_statement(
        languages=["en"], status=VersionStatus.DRAFT, publish_at=None, topics=[rights]
    )
    url = f"/en/statements/{page.slug}/"
    first, _ = get(client, url)
    etag = first["ETag"]
    assert get(client, url, HTTP_IF_NONE_MATCH=etag)[0].status_code == 304
    time.sleep(1.1)  # Last-Modified has a resolution of a second
    version = new.versions.get()
    workflow.submit(version, make_staff(AUTHOR))
    workflow.approve(version, make_staff(EDITOR))
    changed, _ = get(client, url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["X-Page-Cache"] == "hit"
    assert new.slug in _more_on_this_topic(changed)
    assert changed["ETag"] != etag
    assert int(changed["Content-Length"]) == len(changed.content)
    since = get(client, url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])[0]
    assert since.status_code == 200


def test_a_statement_scheduled_on_a_topic_appears_at_its_time(client, page_cache):
    """No block outlives the next scheduled publication."""
    rights = make_topic(key="rights")
    page = make_statement(languages=["en"], topics=[rights])
    soon = make_statement(
        languages=["en"],
        topics=[rights],
        publish_at=timezone.now() + datetime.timedelta(seconds=2),
    )
    url = f"/en/statements/{page.slug}/"
    assert _more_on_this_topic(get(client, url)[0]) is None
    assert _more_on_this_topic(get(client, url)[0]) is None
    time.sleep(2.5)
    assert _more_on_this_topic(get(client, url)[0]) == [soon.slug]


def test_a_link_cools_the_two_pages_it_joins_and_nothing_else(client, page_cache):
    """Linking two statements changes what their two pages list; the pages of
    statements already linked to either, and the lists, stay hits."""
    first = make_statement(languages=list(LANGUAGES))
    second = make_statement(languages=list(LANGUAGES))
    linked_to_first = make_statement(languages=list(LANGUAGES))
    first.related.add(linked_to_first)
    _warm(
        client,
        _statement_urls(first)
        + _statement_urls(second)
        + _statement_urls(linked_to_first)
        + _list_urls(),
    )
    first.related.add(second)
    untouched = _statement_urls(linked_to_first) + _list_urls()
    assert set(_states(client, untouched).values()) == {"hit"}
    for url in _statement_urls(first):
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "miss"
        assert f"/statements/{second.slug}/" in response.content.decode()
    for url in _statement_urls(second):
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "miss"
        assert f"/statements/{first.slug}/" in response.content.decode()
