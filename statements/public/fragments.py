""" "More on this topic", cached apart from the statement pages that show it.

A statement page whose editors linked no related statements shows the newest
public statements on its topics. Were that block part of the stored page, one
publication on a topic would cool every page on the topic. Instead the page is
stored with a slot where the block goes, and the block is kept on its own, one
per (set of topics, language), under the site's generation and those of its
topics' sections: a publication on a topic makes one small fragment stale, and
every page on the topic is still served from the cache, the fresh block
stitched in.

A fragment holds one item more than a page shows, so that each page can leave
itself out and still show as many: the newest ``LIMIT + 1`` on the topics
include the newest ``LIMIT`` other than any one of them.

The slot is a comment with a random token made for each render, so no text a
page shows (sanitised or not) can ever be taken for it.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from statements.public.cache import (
    GENERATION_KEY,
    _new_section_generation,
    _replica_configured,
    _seconds_until,
    _section_key,
    cache_health,
    current_generation,
    next_release,
    replica_is_current,
)
from statements.public.queries import SAME_TOPIC_LIMIT, newest_on_topics
from statements.public.replica import public_read

LIMIT = SAME_TOPIC_LIMIT
FRAGMENT_KEY = "fragment:more-on-topic:{language}:{digest}"
SECTION_TEMPLATE = "statements/includes/related_statements.html"
ITEM_TEMPLATE = "statements/includes/related_item.html"


def topic_sections(topic_keys):
    return [_section_key(f"topic:{key}") for key in sorted(set(topic_keys))]


def fragment_key(topics, language):
    named = sorted({f"{topic['key']}:{topic['id']}" for topic in topics})
    digest = hashlib.sha256("\n".join(named).encode()).hexdigest()
    return FRAGMENT_KEY.format(language=language, digest=digest)


def new_slot():
    """A placeholder no page text can contain."""
    return mark_safe(f"<!--more-on-this-topic:{secrets.token_hex(16)}-->")


def render_fragment(versions, language):
    """The block's frame and its items as HTML, each item with its statement."""
    with translation.override(language):
        slot = new_slot()
        frame = render_to_string(SECTION_TEMPLATE, {"by_topic": True, "slot": slot})
        items = [
            (
                version.statement_id,
                render_to_string(ITEM_TEMPLATE, {"related": version}).encode(),
            )
            for version in versions
        ]
    head, _slot, tail = frame.partition(slot)
    return {"head": head.encode(), "tail": tail.encode(), "items": items}


def block_for(fragment, statement_id):
    """The block as the page of ``statement_id`` shows it: b"" with nothing to show."""
    items = [html for owner, html in fragment["items"] if owner != statement_id]
    if not items:
        return b""
    return fragment["head"] + b"".join(items[:LIMIT]) + fragment["tail"]


def stitch(head, tail, fragment, statement_id):
    return head + block_for(fragment, statement_id) + tail


def block_keys(topics, language):
    """The cache keys ``fragment`` reads for ``topics`` besides the site's
    generation: the block's and its topics' sections'."""
    return (
        fragment_key(topics, language),
        *topic_sections([topic["key"] for topic in topics]),
    )


def fragment(topics, language, generation=None, build=True, read=None):
    """The fragment for ``topics`` (``[{"key": ..., "id": ...}]``) in
    ``language``: from the cache if it is still current, else built (one
    query) and stored. Returns (fragment, built); with ``build=False``,
    (None, False) where it would have to be built.

    ``generation``: the site's, if the caller has read it already; ``read``:
    (entries, keys asked for) of a read that may have fetched the block's
    entries with the page's (statements.public.cache._read_page).
    """
    now = timezone.now()
    topic_keys = [topic["key"] for topic in topics]
    topic_ids = [topic["id"] for topic in topics]
    use_cache = bool(settings.PAGE_CACHE_SECONDS) and cache_health.usable()
    if not use_cache:
        if not build:
            return None, False
        return _build(topic_ids, language, now), True
    key = fragment_key(topics, language)
    sections = topic_sections(topic_keys)
    wanted = [key, *sections] if generation else [GENERATION_KEY, key, *sections]
    if read is not None and read[1].issuperset(wanted):
        found = {name: read[0][name] for name in wanted if name in read[0]}
    else:
        found = cache.get_many(wanted)
    if generation is None:
        generation = found.get(GENERATION_KEY) or current_generation()
    current = {}
    for section in sections:
        value = found.get(section)
        if value is None:
            if not build:
                return None, False
            value = _new_section_generation(section)
            if value is None:  # the cache stopped answering
                return _build(topic_ids, language, now), True
        current[section] = value
    stored = found.get(key)
    if (
        stored is not None
        and stored["generation"] == generation
        and stored["sections"] == current
        and stored["fresh_until"] > now.timestamp()
    ):
        return stored, False
    if not build:
        return None, False
    # Generations read before the data: a bump meanwhile makes this one stale.
    built = _build(topic_ids, language, now)
    keep = _seconds_until(
        next_release(generation, now), now, settings.PAGE_CACHE_SECONDS
    )
    if keep > 0:
        built.update(
            generation=generation, sections=current, fresh_until=now.timestamp() + keep
        )
        cache.set(key, built, timeout=keep)
    return built, True


def _build(topic_ids, language, now):
    if _replica_configured() and public_read.get() and not replica_is_current():
        token = public_read.set(False)
        try:
            versions = newest_on_topics(topic_ids, language, now)
        finally:
            public_read.reset(token)
    else:
        versions = newest_on_topics(topic_ids, language, now)
    built = render_fragment(versions, language)
    built["built_at"] = now.timestamp()
    return built
