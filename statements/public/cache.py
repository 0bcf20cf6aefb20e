"""The public page cache: fast, and never showing what a reader should not see.

Pages are cached per URL (which carries the language) under two content
*generations*: the site's, and that of the section the page belongs to. A
statement's page (in every language, since the slug is the same in all) is in
the section of its slug; every other public page (home, lists, feeds, search,
sitemap, anniversaries) is in the "lists" section. A page may name more
sections it depends on (``response.page_cache_sections``): a statement page
showing "More on this topic" depends on its topics' sections, which a change
to any statement on those topics bumps; its entry keeps their generations,
read with a second round trip on a hit. A change to a statement
bumps its own section, the sections of the statements whose pages show it
(related either way, anniversary neighbours) and "lists"; any other change
(a person, a topic, a commemoration, a redirect, an import) bumps the site's
generation, which every page depends on. A page whose generations moved on
renders afresh on the next request; old entries are simply never read again
and expire on their own. Because the generations live in the shared cache
(Redis in production), a change made on one app server is seen by all.

A scheduled statement must appear at its time although nothing is saved then,
so no entry outlives the next scheduled publication. Requests of a signed-in
person (staff), previews and anything not a plain public GET are never
cached, here or by a front cache. A session cookie that belongs to no
signed-in person (expired, forged) changes nothing: the page is the public one.

Pages are keyed by scheme, host and full path, since a page's absolute links
(canonical, og:url, the sitemap) are built from the request's host.

The cache is an accelerator, never a dependency. With Redis down or hung
(django-redis ignores its errors: reads find nothing, writes are lost), pages
are rendered afresh, and for CACHE_RETRY_SECONDS this process does not even
try Redis, so that a hung one costs one request a timeout, not every request.
A change made meanwhile could not reach the shared generation; it is pushed
again once Redis answers.

With a read replica, a page is stored only if it was built from data at least
as new as the generation it is stored under: on a miss the replica's
ContentStamp is compared with the primary's, and a replica that has not yet
replayed the latest change (or does not answer) is passed over for the primary.
"""

import hashlib
import logging
import re
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models import Q as models_q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from statements.public.replica import REPLICA, public_read

logger = logging.getLogger("statements.cache")

GENERATION_KEY = "content-generation"
# A section's generation; see the module's docstring.
SECTION_KEY = "section-generation:{section}"
LISTS_SECTION = "lists"
# A statement's page: /<language>/statements/<slug>/ ("feed" is the feed's).
STATEMENT_PATH = re.compile(r"^/[a-z]{2}/statements/(?P<slug>[-\w]+)/$")
# Under both the site's and the lists' generation: a change to any statement
# (a new publish_at) can move the next release.
NEXT_RELEASE_KEY = "next-release:{generation}:{lists}"
# Pages are keyed by URL alone and remember the generation they were built
# under, so that a hit is one round trip to the cache: the generation and the
# page fetched together.
PAGE_KEY = "page:{digest}"
NO_RELEASE = "none"
# Paths that are public and the same for every reader.
CACHEABLE_PREFIXES = ("/sitemap", "/robots.txt")
# After the cache failed to answer, how long this process leaves it alone.
CACHE_RETRY_SECONDS = 5


class _CacheHealth:
    """Per process: whether the cache is worth asking, and what it owes."""

    down_until = 0.0
    # A generation bump that could not be written: pushed once Redis is back.
    bump_owed = False

    def usable(self):
        if time.monotonic() < self.down_until:
            return False
        if self.bump_owed:
            self.bump_owed = False
            bump_generation()
        return time.monotonic() >= self.down_until

    def failed(self):
        if time.monotonic() >= self.down_until:
            logger.warning(
                "The cache does not answer: pages are served uncached; "
                "trying again in %s s.",
                CACHE_RETRY_SECONDS,
            )
        self.down_until = time.monotonic() + CACHE_RETRY_SECONDS


cache_health = _CacheHealth()


def _new_generation():
    """A generation for an empty cache, or None when the cache does not answer.

    Starting from the clock keeps a restarted or flushed cache from reusing
    numbers that entries written before were keyed by.
    """
    generation = time.time_ns()
    # add() answers True or False; django-redis answers None when Redis failed.
    if cache.add(GENERATION_KEY, generation, timeout=None) is None:
        cache_health.failed()
        return None
    return cache.get(GENERATION_KEY, generation)


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
    # Without a cache every request is its own generation: nothing is reused.
    return time.time_ns() if generation is None else generation


def bump_generation():
    """Make every stored page stale, on every app server sharing the cache."""
    advance_content_stamp()
    try:
        bumped = cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the cache is empty or was flushed
        bumped = cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
        bumped = True if bumped is None and _cache_answers() else bumped
    if bumped is None:
        # Redis did not answer: the change must still reach it when it is back,
        # or pages stored before it would be served again.
        cache_health.bump_owed = True
        cache_health.failed()


def page_section(path):
    """The section a public page at ``path`` belongs to."""
    match = STATEMENT_PATH.match(path)
    if match and match["slug"] != "feed":
        return f"statement:{match['slug']}"
    return LISTS_SECTION


def _section_key(section):
    return SECTION_KEY.format(section=section)


def _new_section_generation(key):
    """Like _new_generation, for a section: None when the cache does not answer."""
    generation = time.time_ns()
    if cache.add(key, generation, timeout=None) is None:
        cache_health.failed()
        return None
    return cache.get(key, generation)


def bump_sections(sections):
    """Make the pages of ``sections`` stale, on every app server.

    A bump that cannot reach the cache is owed as a bump of the site's
    generation: coarser, but nothing stored before it is served again.
    """
    advance_content_stamp()
    for section in sorted(set(sections)):
        key = _section_key(section)
        try:
            bumped = cache.incr(key)
        except ValueError:  # no generation yet: no page is stored under one
            bumped = cache.set(key, time.time_ns(), timeout=None)
            bumped = True if bumped is None and _cache_answers() else bumped
        if bumped is None:
            cache_health.bump_owed = True
            cache_health.failed()
            return


def statements_changed(statement_ids, extra=()):
    """Bump the sections of the pages that show the statements ``statement_ids``:
    their own, those that list them as related (either way), their anniversary
    neighbours', those showing "More on this topic" for their topics, and the
    lists. ``extra``: further sections known to the caller (those a change
    took the statements out of)."""
    from statements.models import Statement

    ids = set(statement_ids)
    shown_with = Statement.related.through.objects.filter(
        models_q(from_statement_id__in=ids) | models_q(to_statement_id__in=ids)
    ).values_list("from_statement_id", "to_statement_id")
    for pair in shown_with:
        ids.update(pair)
    # The year links of the changed statements' own commemorations show them;
    # those of the statements merely related to them do not.
    commemorations = Statement.objects.filter(
        pk__in=statement_ids, commemoration__isnull=False
    ).values("commemoration_id")
    shown = Statement.objects.filter(
        models_q(pk__in=ids) | models_q(commemoration_id__in=commemorations)
    ).values_list("slug", flat=True)
    sections = {f"statement:{slug}" for slug in shown if slug}
    sections.update(extra)
    topics = Statement.topics.through.objects.filter(
        statement_id__in=statement_ids
    ).values_list("topic__key", flat=True)
    sections.update(f"topic:{key}" for key in topics)
    bump_sections({LISTS_SECTION, *sections})


def statements_linked(statement_ids):
    """Call after statements were linked to or unlinked from each other:
    effective on commit. Only their own pages show the link."""
    ids = list(statement_ids)
    transaction.on_commit(lambda: _statements_linked_safely(ids))


def _statements_linked_safely(ids):
    from statements.models import Statement

    try:
        slugs = list(
            Statement.objects.filter(pk__in=ids).values_list("slug", flat=True)
        )
    except DatabaseError:
        logger.exception("Could not read the statements of a changed link.")
        bump_generation()
        return
    bump_sections({f"statement:{slug}" for slug in slugs if slug})


def _cache_answers():
    """For backends whose set() returns nothing even when it worked."""
    probe = f"cache-probe:{time.time_ns()}"
    cache.set(probe, 1, timeout=5)
    return cache.get(probe) == 1


def content_changed(statement_id=None, extra=()):
    """Call after changing anything a public page shows; effective on commit.

    With ``statement_id``, the change is to that statement alone (its text,
    facts, corrections, attachments, relations): only the pages that show it
    are cooled (and the sections ``extra``). Without, every page is.
    The prepared pages and cards it shows, and every stored list count, are
    out of date at once, in the change's own transaction
    (statements.public.prepared).
    """
    from statements.public import prepared

    prepared.changed(statement_id)
    if statement_id is None:
        transaction.on_commit(bump_generation)
    else:
        transaction.on_commit(lambda: _statements_changed_safely(statement_id, extra))


def _statements_changed_safely(statement_id, extra):
    try:
        statements_changed([statement_id], extra)
    except DatabaseError:
        # Which pages show it cannot be read: cool them all.
        logger.exception("Could not read which pages show statement %s.", statement_id)
        bump_generation()


def _replica_configured():
    return REPLICA in settings.DATABASES


def advance_content_stamp():
    """Move the primary's ContentStamp on, after the change has committed.

    Its own transaction, after the change's: a replica that shows the new
    value has replayed the change too (it replays commits in order).
    """
    if not _replica_configured():
        return
    from statements.models import ContentStamp

    try:
        stamps = ContentStamp.objects.using("default")
        if not stamps.filter(pk=1).update(value=F("value") + 1):
            stamps.get_or_create(pk=1, defaults={"value": 1})
    except DatabaseError:
        logger.exception("Could not move the content stamp on.")


def _stamp(alias):
    from statements.models import ContentStamp

    value = (
        ContentStamp.objects.using(alias)
        .filter(pk=1)
        .values_list("value", flat=True)
        .first()
    )
    return value or 0


def replica_is_current():
    """Whether the replica has replayed every change the primary has committed
    so far. Read after the generation, so a yes covers the change behind it."""
    try:
        return _stamp(REPLICA) >= _stamp("default")
    except DatabaseError:
        # A replica that does not answer is passed over, not waited for.
        logger.warning("The read replica does not answer: reading the primary.")
        return False


def next_release(generation, now):
    """The next time a statement is scheduled to be issued, or None.

    Kept in the cache under ``generation``; read from the database alone when
    ``generation`` is None (the cache does not answer).
    """
    lists = None
    if generation is not None:
        lists = cache.get(_section_key(LISTS_SECTION))
        if lists is None:
            lists = _new_section_generation(_section_key(LISTS_SECTION))
        generation = None if lists is None else generation
    key = NEXT_RELEASE_KEY.format(generation=generation, lists=lists)
    stored = cache.get(key) if generation is not None else None
    if stored is not None and (stored == NO_RELEASE or stored > now.timestamp()):
        return None if stored == NO_RELEASE else stored
    from statements.models import Statement

    upcoming = (
        Statement.objects.filter(publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    value = upcoming.timestamp() if upcoming else NO_RELEASE
    if generation is not None:
        cache.set(key, value, timeout=settings.PAGE_CACHE_SECONDS or 300)
    return None if value == NO_RELEASE else value


def _seconds_until(release, now, limit):
    """``limit``, cut short by a release at timestamp ``release`` (or None)."""
    return seconds_left(release, now.timestamp(), limit)


def seconds_left(release, timestamp, limit):
    """_seconds_until, from the timestamp ``timestamp``."""
    if release is None:
        return limit
    return max(0, min(limit, int(release - timestamp)))


def _is_public_path(path):
    if path.startswith(CACHEABLE_PREFIXES):
        return True
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    return path.startswith(prefixes) and not path.rstrip("/").endswith("/preview")


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and _is_public_path(request.path)
        and not _signed_in(request)
    )


def _signed_in(request):
    """Whether the request's session cookie is a signed-in person's session.

    Any other cookie, however named, leaves the page public and cached: only
    a session that exists and holds a user turns the cache off. One primary-key
    read, and only for requests that carry the cookie.
    """
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    engine = import_module(settings.SESSION_ENGINE)
    try:
        return engine.SessionStore(session_key).get(SESSION_KEY) is not None
    except DatabaseError:
        # Without a database no session can be checked, and no page built:
        # a stored public page is the best answer there is.
        return False


def _page_key(request):
    # The host and scheme are part of the page: its absolute links use them.
    # get_host() has checked the host against ALLOWED_HOSTS.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return PAGE_KEY.format(digest=digest)


class PublicPageCacheMiddleware:
    """Serves public pages from the cache and tells front caches how long to keep.

    Placed just inside the security and conditional-GET middleware, before the
    session, locale and auth middleware and the headers' middleware: a hit is
    one round trip to the cache and no database query, and the page is stored
    with the headers (CSP, framing) the inner middleware gave it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            self._never_store(request, response)
            return response
        token = public_read.set(True)
        try:
            return self._public_response(request)
        finally:
            public_read.reset(token)

    def _public_response(self, request):
        app_seconds = settings.PAGE_CACHE_SECONDS
        front_seconds = settings.FRONT_CACHE_SECONDS
        now = timezone.now()
        key = _page_key(request)
        section_key = _section_key(page_section(request.path))
        # None: the cache does not answer, and the page is built without it.
        generation = section = None
        if cache_health.usable():
            if app_seconds:
                found, asked = _read_page(key, section_key)
                generation = found.get(GENERATION_KEY)
                if generation is None:
                    generation = _new_generation()
                section = found.get(section_key)
                if section is None and generation is not None:
                    section = _new_section_generation(section_key)
                if section is None:
                    generation = None
                response = _hit(
                    found.get(key),
                    generation,
                    section,
                    now,
                    page_key=key,
                    read=(found, asked),
                )
                if response is not None:
                    if response.get("X-Page-Cache-Fragment") == "unavailable":
                        self._never_store(request, response)
                    return response
            else:
                generation = current_generation()
        if _replica_configured() and not replica_is_current():
            # Built from the primary, the page is as new as the generation.
            public_read.set(False)
        response = self.get_response(request)
        if not self._storable(response):
            self._never_store(request, response)
            return response
        try:
            release = next_release(generation, now)
        except DatabaseError:
            # The page was rendered but the database has gone since: serve it
            # once, keep it nowhere.
            self._never_store(request, response)
            return response
        response["Last-Modified"] = http_date(now.timestamp())
        if not response.has_header("ETag"):
            set_response_etag(response)
        if app_seconds:
            keep = _seconds_until(release, now, app_seconds)
            if generation is None:
                # Front caches may still keep it for their short while.
                response["X-Page-Cache"] = "unavailable"
            else:
                if keep > 0:
                    entry = _freeze(response, generation, now, keep, release)
                    parts = getattr(response, "page_cache_parts", None)
                    if parts is not None:
                        # Stored with a slot: see statements.public.fragments.
                        entry["content"] = None
                        entry["parts"] = parts
                    entry["section"] = section
                    entry["sections"] = _section_generations(response)
                    if entry["sections"] is not None:
                        cache.set(key, entry, timeout=keep)
                response["X-Page-Cache"] = "miss"
        max_age = _seconds_until(release, now, front_seconds)
        patch_cache_control(response, public=True, max_age=max_age)
        return response

    @staticmethod
    def _storable(response):
        vary = {
            name.strip().lower()
            for name in response.get("Vary", "").split(",")
            if name.strip()
        }
        # Vary: Cookie means the session was read: the page is someone's own.
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Cache-Control" not in response
            and vary <= {"accept-language"}
        )

    @staticmethod
    def _never_store(request, response):
        if "Cache-Control" in response:
            return
        if request.method not in ("GET", "HEAD") or _is_public_path(request.path):
            # A public URL that was not cached here (a session, an error, a
            # preview) must not be kept by a front cache either.
            patch_cache_control(
                response, private=True, no_cache=True, no_store=True, max_age=0
            )


# The cache keys of the "More on this topic" block each stored page showed
# at its last hit, by page key: a hint, so that the next hit reads the page
# and its block in one round trip to the cache (a hit on a statement page
# made two). Only which keys to read is remembered, never what they hold; a
# wrong hint costs the second round trip, as before. Bounded per process.
_BLOCK_KEYS = {}
_BLOCK_KEYS_LIMIT = 20_000


def _read_page(key, section_key):
    """The cache entries a hit on page ``key`` needs, in one round trip where
    the page's block is known: (found, the keys asked for)."""
    wanted = [GENERATION_KEY, section_key, key, *_BLOCK_KEYS.get(key, ())]
    return cache.get_many(wanted), frozenset(wanted)


def _remember_block(key, block_keys):
    if _BLOCK_KEYS.get(key) == block_keys:
        return
    if len(_BLOCK_KEYS) >= _BLOCK_KEYS_LIMIT:
        _BLOCK_KEYS.clear()
    _BLOCK_KEYS[key] = block_keys


def _hit(stored, generation, section, now, build=True, page_key=None, read=None):
    """The response for the page entry ``stored`` if it is current under
    ``generation`` and ``section``, else None. ``build=False``: None too when
    a block it shows would have to be built (which reads the database).
    ``read``: what _read_page read for ``page_key``."""
    if (
        generation is None
        or section is None
        or stored is None
        or stored["generation"] != generation
        or stored.get("section") != section
        or stored["fresh_until"] <= now.timestamp()
        or not _sections_unchanged(stored.get("sections"))
    ):
        return None
    response = _rebuild(stored, generation, build, page_key, read)
    if response is None:
        return None
    if response.get("X-Page-Cache-Fragment") != "unavailable":
        max_age = _seconds_until(stored["release"], now, settings.FRONT_CACHE_SECONDS)
        patch_cache_control(response, public=True, max_age=max_age)
    response["X-Page-Cache"] = "hit"
    return response


def stored_response(request, now):
    """The stored page for ``request`` if there is a current one, without
    building anything, reading the database or writing to the cache: for
    statements.public.fast_hits, which answers before Django's handling of a request.
    None for anything else (a miss, a cache that does not answer)."""
    if not (settings.PAGE_CACHE_SECONDS and cache_health.usable()):
        return None
    key = _page_key(request)
    section_key = _section_key(page_section(request.path))
    found, asked = _read_page(key, section_key)
    stored = found.get(key)
    response = _hit(
        stored,
        found.get(GENERATION_KEY),
        found.get(section_key),
        now,
        build=False,
        page_key=key,
        read=(found, asked),
    )
    if response is not None:
        # What the answer was checked against, for fast_hits, which may send
        # it again while all of that is unchanged; a stitched block's own
        # checks were added by _rebuild.
        response.page_cache_checks = {
            GENERATION_KEY: stored["generation"],
            section_key: stored["section"],
            **(stored.get("sections") or {}),
            **getattr(response, "page_cache_checks", {}),
        }
        response.page_cache_release = stored["release"]
        response.page_cache_fresh_until = min(
            stored["fresh_until"],
            getattr(response, "page_cache_fresh_until", stored["fresh_until"]),
        )
    return response


def _section_generations(response):
    """The generations of the further sections ``response`` depends on, read
    before the page is stored (so a bump since makes it stale); None when the
    cache does not answer."""
    names = getattr(response, "page_cache_sections", ())
    if not names:
        return {}
    keys = [_section_key(name) for name in names]
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            found[key] = _new_section_generation(key)
            if found[key] is None:
                return None
    return {key: found[key] for key in keys}


def _sections_unchanged(sections):
    if not sections:
        return True
    return cache.get_many(list(sections)) == sections


def _freeze(response, generation, now, keep, release):
    headers = {
        name: value
        for name, value in response.items()
        if name not in ("Cache-Control", "X-Page-Cache")
    }
    return {
        "generation": generation,
        "fresh_until": now.timestamp() + keep,
        "keep": keep,
        "release": release,
        "status": response.status_code,
        "headers": headers,
        "content": response.content,
    }


def _rebuild(stored, generation, build=True, page_key=None, read=None):
    parts = stored.get("parts")
    if parts is None:
        response = HttpResponse(stored["content"], status=stored["status"])
        for name, value in stored["headers"].items():
            response[name] = value
        return response
    from statements.public import fragments

    if "topic_refs" not in parts:
        # Stored by a release that named topics by key alone: a miss.
        return None
    topics, language = parts["topic_refs"], parts["language"]
    if page_key is not None:
        _remember_block(page_key, fragments.block_keys(topics, language))
    try:
        found, built = fragments.fragment(
            topics, language, generation, build=build, read=read
        )
    except DatabaseError:
        # The block cannot be built: the page without it, kept nowhere.
        logger.exception("Could not build the block of a stored page.")
        found, built = None, None
    if found is None and built is False:
        return None
    if found is None:
        content = parts["head"] + parts["tail"]
        found = {"built_at": time.time()}
    else:
        content = fragments.stitch(
            parts["head"], parts["tail"], found, parts["statement"]
        )
    response = HttpResponse(content, status=stored["status"])
    for name, value in stored["headers"].items():
        if name not in ("ETag", "Content-Length", "Last-Modified"):
            response[name] = value
    # The block may be newer than the page around it: the validators follow
    # what is sent, so a conditional request never keeps an older block.
    if "Content-Length" in stored["headers"]:
        response["Content-Length"] = str(len(content))
    modified = max(found["built_at"], stored["fresh_until"] - stored["keep"])
    response["Last-Modified"] = http_date(modified)
    set_response_etag(response)
    response["X-Page-Cache-Fragment"] = {True: "rebuilt", False: "hit"}.get(
        built, "unavailable"
    )
    if built is False:
        response.page_cache_checks = found["sections"]
        response.page_cache_fresh_until = found["fresh_until"]
    return response
