"""Hits answered before Django's request handling are the pages the full stack
would send, with every header, and nothing else is answered there."""

import datetime
import io
import sys
import time

import pytest
from django.core.cache import cache, caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import AUTHOR, EDITOR
from statements import workflow
from statements.models import VersionStatus
from statements.public import cache as cache_module
from statements.public import fast_hits
from statements.public.fast_hits import PageCacheHits, ReadyAnswer, ReadyAnswers
from tests.factories import make_staff, make_statement, make_topic

pytestmark = pytest.mark.django_db(transaction=True)


class Django:
    """The full stack, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def app(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRONT_CACHE_SECONDS = 60
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    settings.SECURE_REFERRER_POLICY = "same-origin"
    cache.clear()
    # As Django's test client does: the test's connection stays open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield PageCacheHits(Django())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        cache.clear()


def call(app, path, method="GET", **headers):
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **headers,
    }
    answered = {}

    def start_response(status, response_headers, exc_info=None):
        answered["status"] = int(status.split()[0])
        answered["headers"] = response_headers

    body = app(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    headers = {}
    for name, value in answered["headers"]:
        headers.setdefault(name.lower(), []).append(value)
    return answered["status"], headers, content


def _comparable(headers):
    # The date of sending differs between two answers.
    return {name: value for name, value in headers.items() if name != "date"}


def test_a_fast_hit_is_the_full_stacks_hit(app):
    """Same status, body and headers (security, CSP, framing, Vary, caching)
    as the hit Django's own handling gives, without reaching it and without a
    database query."""
    statement = make_statement(languages=["en"])
    for path in (f"/en/statements/{statement.slug}/", "/en/statements/", "/en/"):
        status, headers, content = call(app, path)
        assert (status, headers["x-page-cache"]) == (200, ["miss"])
        calls = app.application.calls
        with CaptureQueriesContext(connection) as queries:
            fast = call(app, path)
            ready = call(app, path)
        assert app.application.calls == calls, path
        assert len(queries) == 0
        full = call(app.application, path)
        assert fast[0] == ready[0] == full[0] == 200
        assert fast[2] == ready[2] == full[2] == content
        assert _comparable(fast[1]) == _comparable(full[1])
        assert _comparable(ready[1]) == _comparable(full[1])
        for name in (
            "content-security-policy",
            "x-frame-options",
            "x-content-type-options",
            "referrer-policy",
            "cross-origin-opener-policy",
            "etag",
            "content-language",
        ):
            assert name in fast[1], (path, name)
        assert fast[1]["x-page-cache"] == ["hit"]
        assert "public" in fast[1]["cache-control"][0]


def test_a_fast_hit_answers_a_conditional_request_with_304(app):
    statement = make_statement(languages=["en"])
    path = f"/en/statements/{statement.slug}/"
    _status, headers, _content = call(app, path)
    calls = app.application.calls
    status, _headers, content = call(app, path, HTTP_IF_NONE_MATCH=headers["etag"][0])
    assert (status, content) == (304, b"")
    assert app.application.calls == calls


def test_a_session_cookie_staff_pages_and_posts_go_to_django(app):
    """Whether a session is someone's is Django's to decide; what is not a
    public GET is never answered from the cache here."""
    statement = make_statement(languages=["en"])
    path = f"/en/statements/{statement.slug}/"
    call(app, path)
    call(app, path)
    for path_, method, extra in (
        (path, "GET", {"HTTP_COOKIE": "sessionid=whatever"}),
        (path, "HEAD", {}),
        (path, "POST", {}),
        (f"/en/statements/{statement.slug}/preview/", "GET", {}),
        ("/admin/", "GET", {}),
    ):
        calls = app.application.calls
        call(app, path_, method, **extra)
        assert app.application.calls == calls + 1, (path_, method)


def test_a_host_that_is_not_allowed_gets_django_s_400(app):
    statement = make_statement(languages=["en"])
    path = f"/en/statements/{statement.slug}/"
    call(app, path)
    status, _headers, _content = call(app, path, HTTP_HOST="evil.example")
    assert status == 400


def test_a_block_to_rebuild_goes_to_django_and_is_right(app):
    """A page whose "More on this topic" changed is not answered from the
    fast path with the old block: Django builds the block, and the next reader
    gets the new one from the fast path."""
    rights = make_topic(key="rights")
    page = make_statement(languages=["en"], topics=[rights])
    make_statement(languages=["en"], topics=[rights])
    new = make_statement(
        languages=["en"], status=VersionStatus.DRAFT, publish_at=None, topics=[rights]
    )
    path = f"/en/statements/{page.slug}/"
    call(app, path)
    call(app, path)
    version = new.versions.get()
    workflow.submit(version, make_staff(AUTHOR))
    workflow.approve(version, make_staff(EDITOR))
    calls = app.application.calls
    _status, headers, content = call(app, path)
    assert app.application.calls == calls + 1
    assert headers["x-page-cache"] == ["hit"]
    assert headers["x-page-cache-fragment"] == ["rebuilt"]
    assert version.title.encode() in content
    _status, headers, again = call(app, path)
    assert app.application.calls == calls + 1
    assert headers["x-page-cache-fragment"] == ["hit"]
    assert again == content


def test_nothing_is_answered_here_with_the_cache_off(app, settings):
    settings.PAGE_CACHE_SECONDS = 0
    statement = make_statement(languages=["en"])
    path = f"/en/statements/{statement.slug}/"
    call(app, path)
    call(app, path)
    assert app.application.calls == 2


def test_a_statement_hit_reads_the_cache_once(app, monkeypatch):
    """A hit on a page with "More on this topic" reads the page and its block
    in one round trip to the cache once the page has been hit before; the
    block it serves is still the current one."""
    rights = make_topic(key="rights")
    page = make_statement(languages=["en"], topics=[rights])
    other = make_statement(languages=["en"], topics=[rights])
    path = f"/en/statements/{page.slug}/"
    call(app, path)
    call(app, path)
    # The stored page's way, not the ready answer's (tested below).
    app.ready = ReadyAnswers()
    reads = _cache_reads(monkeypatch)
    status, headers, content = call(app, path)
    assert (status, headers["x-page-cache"]) == (200, ["hit"])
    assert len(reads) == 1
    assert any(key.startswith("page:") for key in reads[0])
    assert other.versions.get().title.encode() in content


def _cache_reads(monkeypatch):
    """The keys of each get_many on the cache, from now on."""
    reads = []
    backend = caches["default"]
    real = backend.get_many
    monkeypatch.setattr(
        backend,
        "get_many",
        lambda keys, *a, **k: reads.append(list(keys)) or real(keys, *a, **k),
    )
    return reads


def test_a_ready_answer_reads_only_the_generations(app, monkeypatch):
    """Once the fast path has answered a page, the next request for it reads
    the small generations it was checked against, not the page."""
    rights = make_topic(key="rights")
    page = make_statement(languages=["en"], topics=[rights])
    make_statement(languages=["en"], topics=[rights])
    path = f"/en/statements/{page.slug}/"
    for _ in range(3):
        _status, _headers, content = call(app, path)
    reads = _cache_reads(monkeypatch)
    _status, headers, again = call(app, path)
    assert headers["x-page-cache"] == ["hit"]
    assert again == content
    assert len(reads) == 1
    assert all(not key.startswith(("page:", "fragment:")) for key in reads[0])
    assert "content-generation" in reads[0]
    assert "section-generation:topic:rights" in reads[0]


def test_a_ready_answer_is_never_sent_once_its_page_changed(app):
    """A correction, a new statement on the page's topic and a site-wide
    change each reach the next reader of a page that was answered ready."""
    rights = make_topic(key="rights")
    page = make_statement(languages=["en"], topics=[rights])
    make_statement(languages=["en"], topics=[rights])
    path = f"/en/statements/{page.slug}/"
    for _ in range(3):
        call(app, path)

    version = page.versions.get()
    version.title = "A corrected title"
    version.save()
    cache_module.content_changed(page.pk)
    for _ in range(3):
        _status, _headers, content = call(app, path)
        assert b"A corrected title" in content

    new = make_statement(
        languages=["en"], status=VersionStatus.DRAFT, publish_at=None, topics=[rights]
    )
    new_version = new.versions.get()
    workflow.submit(new_version, make_staff(AUTHOR))
    workflow.approve(new_version, make_staff(EDITOR))
    for _ in range(3):
        _status, _headers, content = call(app, path)
        assert new_version.title.encode() in content

    site = caches["default"].get("content-generation")
    cache_module.bump_generation()
    calls = app.application.calls
    call(app, path)
    assert app.application.calls == calls + 1
    assert caches["default"].get("content-generation") != site


def test_a_ready_answer_ends_when_its_page_stops_being_fresh(app, monkeypatch):
    """A page kept until a scheduled statement's time is not sent after it,
    and until then its max-age counts down to that time."""
    statement = make_statement(languages=["en"])
    make_statement(
        languages=["en"], publish_at=timezone.now() + datetime.timedelta(seconds=40)
    )
    path = f"/en/statements/{statement.slug}/"
    for _ in range(3):
        _status, headers, _content = call(app, path)
    assert headers["x-page-cache"] == ["hit"]
    max_age = int(headers["cache-control"][0].rsplit("=", 1)[1])
    assert 0 < max_age <= 40
    real_time = time.time
    monkeypatch.setattr(fast_hits.time, "time", lambda: real_time() + 30)
    _status, headers, _content = call(app, path)
    later = int(headers["cache-control"][0].rsplit("=", 1)[1])
    assert later <= max_age - 29
    monkeypatch.setattr(fast_hits.time, "time", lambda: real_time() + 60)
    reads = _cache_reads(monkeypatch)
    call(app, path)
    assert any(key.startswith("page:") for read in reads for key in read)


def test_conditional_requests_and_session_cookies_skip_ready_answers(app):
    statement = make_statement(languages=["en"])
    path = f"/en/statements/{statement.slug}/"
    for _ in range(3):
        _status, headers, _content = call(app, path)
    status, _headers, content = call(app, path, HTTP_IF_NONE_MATCH=headers["etag"][0])
    assert (status, content) == (304, b"")
    status, _headers, _content = call(app, path, HTTP_IF_MATCH='"something else"')
    assert status == 412
    calls = app.application.calls
    call(app, path, HTTP_COOKIE="sessionid=whatever")
    assert app.application.calls == calls + 1


def test_a_ready_answer_is_per_address(app):
    """The same path at another allowed host, or with a query, is not the
    ready answer of the first."""
    statement = make_statement(languages=["en"])
    path = f"/en/statements/{statement.slug}/"
    for _ in range(3):
        call(app, path)
    status, _headers, _content = call(app, path, HTTP_HOST="evil.example")
    assert status == 400
    _status, headers, _content = call(app, path + "?utm=1")
    assert headers["x-page-cache"] == ["miss"]


def test_ready_answers_keep_to_their_size():
    def answer(size):
        headers = [("Cache-Control", "public, max-age=60")]
        return ReadyAnswer("200 OK", headers, b"x" * size, {}, 0, None)

    answers = ReadyAnswers(limit=100)
    answers.keep("a", answer(40))
    answers.keep("b", answer(40))
    answers.get("a")
    answers.keep("c", answer(40))
    assert set(answers.answers) == {"a", "c"}
    assert answers.answers.currsize == 80
    answers.keep("huge", answer(101))
    assert "huge" not in answers.answers
    answers.keep("a", answer(10))
    assert answers.answers.currsize == 50


def test_the_scheme_a_proxy_reports_is_part_of_the_address(app, settings):
    """Behind a proxy that names the scheme in a header of its own, the page
    read over https is not the ready answer sent over http."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_SCHEME", "https")
    statement = make_statement(languages=["en"])
    path = f"/en/statements/{statement.slug}/"
    for _ in range(3):
        _status, headers, content = call(app, path)
    _status, headers, secure = call(app, path, HTTP_X_SCHEME="https")
    assert headers["x-page-cache"] == ["miss"]
    assert b'href="https://testserver' in secure
    assert b'href="https://testserver' not in content


def test_a_ready_answer_keeps_no_header_the_server_added(app):
    """wsgiref, runserver's server, adds Date and Server to the list of
    headers it is given: the ready answer must not send an old Date again."""
    statement = make_statement(languages=["en"])
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"/en/statements/{statement.slug}/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    sent = []

    def start_response(status, headers, exc_info=None):
        sent.append(list(headers))
        headers.append(("Date", f"sent {len(sent)}"))

    for _ in range(4):
        app(dict(environ), start_response)
    assert [name for name, _value in sent[-1]].count("Date") == 0
    assert dict(sent[-1])["X-Page-Cache"] == "hit"
