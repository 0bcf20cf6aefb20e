"""Malformed and oversized requests get a calm 4xx page quickly, never a 500.

Each hostile request is timed: it must be answered in well under a second,
so none of them can tie up a worker.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import image_bytes, make_statement, make_topic, make_user

pytestmark = pytest.mark.django_db

SECOND = 1.0


@pytest.fixture(autouse=True)
def some_content():
    make_statement(languages=["az", "en", "ru"], topics=[make_topic(key="rights")])


def timed(call, *args, **kwargs):
    started = time.perf_counter()
    response = call(*args, **kwargs)
    elapsed = time.perf_counter() - started
    assert elapsed < SECOND, f"{elapsed:.2f}s"
    return response


def client():
    return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")


GET_REQUESTS = [
    ("/en/statements/?page=%ZZ", 404),
    ("/en/statements/?page=99999999999999999999999999", 404),
    ("/en/statements/?page=-1", 404),
    ("/en/statements/?year=1e309", 200),
    ("/en/statements/?year=%00", 200),
    ("/en/statements/?kind[]=x&kind=%3Cscript%3E", 200),
    ("/en/statements/?topic=%00", 200),
    ("/en/statements/?topic=rights%0A", 200),
    ("/en/statements/?topic=" + "r" * 20000, 200),
    ("/en/statements/?topic=%C3%28%A0%A1", 200),
    ("/en/search/?q=" + "ombudsman " * 10000, 200),
    ("/en/search/?q=%00%00%00", 200),
    ("/en/search/?q%00=x", 200),
    ("/en/search/?q=" + "(a+)+$" * 200, 200),
    ("/en/search/?q=' OR 1=1 --", 200),
    ("/en/search/?q=a %26 | ! ( ) :* <-> <2> \\", 200),
    ("/en/search/?q=%FF%FE%FD", 200),
    ("/en/search/?q=%", 200),
    ("/en/search/?page=2&page=x&q=a", 404),
    ("/en/statements/feed/?kind=%3Cscript%3E", 200),
    ("/sitemap-statements.xml?p=abc", 404),
    ("/sitemap-statements.xml?p=99999", 404),
    ("/sitemap-%00.xml", 404),
    ("/en/statements/%E0%A4%A/", 404),
    ("/en/statements/%00/", 404),
    ("/en/statements/a%2Fb/", 404),
    ("/en/statements/" + "a" * 10000 + "/", 404),
    ("/xx/statements/", 404),
    ("/EN/", 404),
    ("/en-us/", 404),
    ("/en/anniversaries/%F0%9F%92%A9/", 404),
    ("/en/statements/../../etc/passwd", 404),
]


@pytest.mark.parametrize(("path", "status"), GET_REQUESTS, ids=range(len(GET_REQUESTS)))
def test_malformed_queries_and_paths_get_a_calm_answer(path, status):
    """Bad percent-encoding, NUL bytes, huge or hostile queries and unknown
    language prefixes answer a normal page or a 404 quickly."""
    response = timed(client().get, path)
    assert response.status_code == status, path
    if status != 200:
        assert b"<html" in response.content


@pytest.mark.parametrize(
    "query", ["?kind=%00", "?q=%00", "?language_state=%00", "?o=%00", "?p=%00"]
)
def test_nul_in_admin_filters_is_a_400_not_a_database_error(query):
    """A NUL byte in an admin filter (which PostgreSQL refuses in any string)
    is answered 400 before it reaches the database."""
    staff = client()
    staff.force_login(make_user(is_staff=True, is_superuser=True))
    response = timed(staff.get, f"/admin/statements/statement/{query}")
    assert response.status_code == 400


def test_nul_in_a_form_field_is_a_400():
    """A NUL byte in posted form data is refused with a 400."""
    response = timed(
        client().post, "/admin/login/", {"username": "admin\x00", "password": "x"}
    )
    assert response.status_code == 400


def test_too_many_query_fields_is_a_400():
    """More query fields than DATA_UPLOAD_MAX_NUMBER_FIELDS is a 400 page."""
    query = "&".join(f"f{number}=1" for number in range(1500))
    response = timed(client().get, f"/en/statements/?{query}")
    assert response.status_code == 400
    assert b"Bad request" in response.content


def test_too_many_form_fields_is_a_400():
    """A POST with thousands of fields is refused with a 400 before any work."""
    data = {f"field{number}": "x" for number in range(1500)}
    response = timed(client().post, "/admin/login/", data)
    assert response.status_code == 400


def test_form_body_over_the_memory_limit_is_a_400():
    """A form body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is a 400."""
    response = timed(
        client().post, "/admin/login/", {"username": "a" * (6 * 1024 * 1024)}
    )
    assert response.status_code == 400


def test_declared_oversized_body_is_refused_before_it_is_read():
    """A request announcing a body over MAX_REQUEST_BODY_BYTES gets a 400
    without the body being read at all."""
    response = timed(
        client().generic,
        "POST",
        "/admin/editor-upload/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(500 * 1024 * 1024),
    )
    assert response.status_code == 400


def test_too_many_files_is_a_400():
    """Uploading more files than DATA_UPLOAD_MAX_NUMBER_FILES is a 400."""
    staff = client()
    staff.force_login(make_user(is_staff=True))
    files = {
        f"upload{number}": SimpleUploadedFile(f"{number}.png", image_bytes())
        for number in range(25)
    }
    response = timed(staff.post, "/admin/editor-upload/", files)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end',
        b"\x00\xff" * 1000,
        b"--x--",
    ],
    ids=["unterminated", "binary", "empty-parts"],
)
def test_malformed_multipart_is_calm(body):
    """A broken multipart body is answered 400 (or the form's own error)."""
    response = timed(
        client().generic,
        "POST",
        "/admin/login/",
        body,
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "host", ["evil.example", "testserver\r\nX-Injected: 1", "a" * 300, "[::1"]
)
def test_unknown_or_malformed_host_is_a_400(host):
    """A Host header not in ALLOWED_HOSTS (or malformed) is a 400."""
    response = timed(client().get, "/en/", HTTP_HOST=host)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ACCEPT_LANGUAGE": "xx-YY;q=abc, " * 500},
        {"HTTP_COOKIE": "sessionid=" + "A" * 4000},
        {"HTTP_COOKIE": "sessionid=../../etc/passwd; csrftoken=<script>"},
        {"HTTP_COOKIE": "django_language=<script>alert(1)</script>"},
        {"HTTP_IF_NONE_MATCH": '"' + "x" * 5000},
        {"HTTP_IF_MODIFIED_SINCE": "not a date at all"},
    ],
    ids=[
        "accept-language",
        "long-cookie",
        "path-cookie",
        "language-cookie",
        "etag",
        "date",
    ],
)
def test_hostile_headers_get_the_normal_page(headers):
    """Garbage in Accept-Language, cookies or conditional headers changes
    nothing: the page is served."""
    response = timed(client().get, "/en/", **headers)
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE"])
def test_unexpected_methods_are_refused(method):
    """Public pages accept GET and HEAD only."""
    response = timed(client().generic, method, "/en/statements/")
    assert response.status_code == 405


def test_the_400_page_needs_no_database_and_is_translated():
    """The 400 page is rendered from the template alone, in the address's
    language."""
    query = "&".join(f"f{number}=1" for number in range(1500))
    response = client().get(f"/ru/statements/?{query}")
    assert response.status_code == 400
    assert b'<html lang="ru">' in response.content
