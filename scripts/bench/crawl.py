"""The "after a publication" crawler of `make bench`.

With the page cache on (Redis), a crawler walks ``--crawl`` statement pages
until every one is cached, one statement is published (related to three of
the walked ones and on their topics, as a real one would be), and the
crawler walks them again: the share of hits is what a publication costs the
cache. For comparison the walk is repeated after a bump of the site's
generation, which is what every publication did before issue 19.
"""

import subprocess
import sys
import time

from . import servers
from .app import app
from .common import ROOT

PUBLISH = """
import datetime
from django.utils import timezone
from statements.models import Person, Statement, StatementVersion, VersionStatus
now = timezone.now()
statement = Statement.objects.create(
    slug="bench-publication-" + str(int(now.timestamp())),
    kind="statement",
    issued_by=Person.objects.order_by("pk").first(),
    publish_at=now - datetime.timedelta(minutes=1),
    original_language="en",
)
for code, title in (("az", "Yeni bəyanat"), ("en", "A new statement"),
                    ("ru", "Новое заявление")):
    StatementVersion.objects.create(
        statement=statement, language=code, title=title,
        summary="A short lead.", body="<p>Published during the bench.</p>",
        status=VersionStatus.PUBLISHED,
    )
related = Statement.objects.filter(slug__in={related!r})
statement.related.add(*related)
# On the topics of the statements it is related to, as a real one would be.
statement.topics.set({{t for s in related for t in s.topics.all()}})
print(statement.slug, sorted(t.key for t in statement.topics.all()))
"""


def crawl_slugs(count, language):
    """The ``count`` newest public statements in ``language``: a crawler's walk."""
    return list(
        app()
        .public_versions(language)
        .values_list("statement__slug", flat=True)[:count]
        .iterator()
    )


def _walk(base, paths):
    """How many pages were hits, misses…, and how many hits had their "More
    on this topic" block rebuilt (one query, not a page) on the way."""
    states = {}
    started = time.perf_counter()
    for path in paths:
        _status, headers, _body = servers.fetch(base + path)
        state = headers.get("X-Page-Cache", "none")
        states[state] = states.get(state, 0) + 1
        block = headers.get("X-Page-Cache-Fragment")
        if state == "hit" and block == "rebuilt":
            states["hit, block rebuilt"] = states.get("hit, block rebuilt", 0) + 1
    return states, time.perf_counter() - started


def after_publication(base, slugs, language, manage_env, out):
    """The share of hits in a walk of ``slugs`` just after one publication."""
    paths = [f"/{language}/statements/{slug}/" for slug in slugs]
    out(f"\nAfter a publication: a crawler walks {len(paths):,} statement pages")
    warm, seconds = _walk(base, paths)
    out(f"  first walk (filling the cache): {warm} in {seconds:.0f} s")
    again, _ = _walk(base, paths)
    out(f"  second walk: {again}")
    # Three of the walked statements are related to the new one: their pages
    # must show it, so they are the misses a publication should cost.
    related = slugs[len(slugs) // 2 : len(slugs) // 2 + 3]
    published = (
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                PUBLISH.format(related=related),
            ],
            cwd=ROOT,
            env=manage_env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    out(f"  published {published}, related to {len(related)} walked statements")
    # Pages with nothing linked by the editors show "More on this topic": on
    # the new statement's topics they must cool too.
    after, seconds = _walk(base, paths)
    hits = after.get("hit", 0)
    out(f"  walk after the publication: {after} in {seconds:.1f} s")
    subprocess.run(
        [sys.executable, "manage.py", "clear_page_cache"],
        cwd=ROOT,
        env=manage_env,
        check=True,
        capture_output=True,
    )
    cleared, seconds = _walk(base, paths)
    out(
        f"  walk after a bump of the site's generation (as every publication "
        f"did before): {cleared} in {seconds:.0f} s"
    )
    return {
        "pages": len(paths),
        "related": len(related),
        "hits_after_publication": hits,
        "share": hits / len(paths) if paths else 0.0,
        "after_publication": after,
        "after_site_bump": cleared,
        "hits_after_site_bump": cleared.get("hit", 0),
    }


def publication_target(report, add):
    found = report.get("after_publication")
    if found:
        add(
            f"after one publication, ≥ 99% of {found['pages']:,} crawled "
            "statement pages are hits",
            f"{found['share']:.1%} ({found['hits_after_publication']:,} hits; "
            f"{found['hits_after_site_bump']:,} after a site-wide bump)",
            found["share"] >= 0.99,
        )


def publication_markdown(report):
    found = report.get("after_publication")
    if not found:
        return []
    return [
        "",
        "## After a publication",
        "",
        f"A crawler walked {found['pages']:,} statement pages (the newest, in "
        "English) until all were cached; one statement was published, related "
        f"to {found['related']} of them; the walk after it found "
        f"{found['after_publication']} (**{found['share']:.1%} hits**). After a "
        "bump of the site's generation (`manage.py clear_page_cache`, what "
        "every publication did before), the same walk found "
        f"{found['after_site_bump']}.",
    ]
