"""Two parts of `make bench` beyond wrk on single pages.

- The Wagtail peer (../shared/peerbench, once its setup_wagtail.sh has been
  run): its run_bench.sh is run within the bench's run, and its article and
  index pages are put side by side with the statement and list pages.
- "After a publication": with the page cache on (Redis), a crawler walks
  ``--crawl`` statement pages until every one is cached, one statement is
  published (related to three of the walked ones and on their topics, as a
  real one would be),
  and the crawler walks them again: the share of hits is what a publication
  costs the cache. For comparison the walk is repeated after a bump of the
  site's generation, which is what every publication did before issue 19.
"""

import os
import re
import subprocess
import time
from pathlib import Path

import bench_servers

ROOT = Path(__file__).resolve().parent.parent
PEERBENCH = Path(os.environ.get("PEERBENCH", ROOT.parent / "shared" / "peerbench"))
PEER_SITE = Path("/tmp/peerbench/peersite")
PEER_RESULTS = Path("/tmp/peerbench/results.txt")
# "(a) detail /news/x/   136.2   110.00   190.00   8   12345   0"
PEER_ROW = re.compile(
    r"^\((?P<key>a|b|c|c2)\)\s.*?\s+(?P<rps>[\d.]+)\s+(?P<p50>\S+)\s+(?P<p99>\S+)"
    r"\s+(?P<queries>\S+)\s+(?P<bytes>\S+)\s+(?P<errors>\d+)$"
)
PEER_NAMES = {"a": "article", "b": "index", "c": "static", "c2": "static, close"}


def peer_ready():
    return (PEERBENCH / "run_bench.sh").exists() and (PEER_SITE / "manage.py").exists()


def run_peer(args, out):
    """Runs the peer's bench with the same load; its rows by name, or None."""
    env = {
        **os.environ,
        "DURATION": f"{args.duration}s",
        "WARMUP": f"{max(args.warmup, 1)}s",
        "CONNS": str(args.connections),
        "THREADS": str(args.threads),
    }
    # Not the bench's production settings: the peer has its own.
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL"):
        env.pop(name, None)
    out("\nWagtail peer (../shared/peerbench/run_bench.sh, same load)…")
    done = subprocess.run(
        ["bash", str(PEERBENCH / "run_bench.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        out(f"  the peer's bench failed ({done.returncode}):\n{done.stderr[-2000:]}")
        return None
    text = PEER_RESULTS.read_text()
    rows = {}
    for line in text.splitlines():
        match = PEER_ROW.match(line.strip())
        if match:
            rows[PEER_NAMES[match["key"]]] = {
                "rps": float(match["rps"]),
                "p50_ms": _number(match["p50"]),
                "p99_ms": _number(match["p99"]),
                "queries": _number(match["queries"]),
                "bytes": _number(match["bytes"]),
                "errors": int(match["errors"]),
            }
    for name, row in rows.items():
        out(f"  {name:<16}{row['rps']:9.1f} req/s  p50 {row['p50_ms']} ms")
    return {"rows": rows, "header": text.splitlines()[:2]}


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


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
    from statements.public.queries import public_versions

    return list(
        public_versions(language)
        .values_list("statement__slug", flat=True)[:count]
        .iterator()
    )


def _walk(base, paths):
    states = {}
    started = time.perf_counter()
    for path in paths:
        _status, headers, _body = bench_servers.fetch(base + path)
        state = headers.get("X-Page-Cache", "none")
        states[state] = states.get(state, 0) + 1
    return states, time.perf_counter() - started


def after_publication(base, slugs, language, manage_env, out):
    """The share of hits in a walk of ``slugs`` just after one publication."""
    import sys

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


def peer_markdown(report):
    """The side-by-side table, or an empty list without a peer run."""
    peer = report.get("peer")
    if not peer:
        return []
    rows = peer["rows"]
    ours = report["results"].get("off", {})
    on = report["results"].get("on", {})
    pages = report["pages"]
    lines = [
        "",
        "## Side by side with Wagtail (same machine, same run, same load)",
        "",
        *(f"- {line}" for line in peer["header"]),
        "",
        "| page | this project req/s | p50 ms | SQL | Wagtail page | req/s "
        "| p50 ms | SQL | ratio |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for mine, theirs in (("statement", "article"), ("list", "index")):
        entry, other = ours.get(mine), rows.get(theirs)
        if not entry or not other:
            continue
        lines.append(
            f"| {mine}, app cache off | {entry['rps']:,.1f} "
            f"| {entry['p50_us'] / 1000:.1f} | {pages[mine]['queries']} "
            f"| {theirs} | {other['rps']:,.1f} | {other['p50_ms']:.1f} "
            f"| {other['queries']:.0f} | {entry['rps'] / other['rps']:.2f}× |"
        )
    for mine, theirs in (("statement", "article"), ("list", "index")):
        entry, other = on.get(mine), rows.get(theirs)
        if entry and other:
            lines.append(
                f"| {mine}, app cache hit | {entry['rps']:,.1f} "
                f"| {entry['p50_us'] / 1000:.1f} | 0 | {theirs} "
                f"| {other['rps']:,.1f} | {other['p50_ms']:.1f} "
                f"| {other['queries']:.0f} | {entry['rps'] / other['rps']:.2f}× |"
            )
    static = rows.get("static")
    if static:
        lines.append(
            f"| ceiling (nginx, static copy) | {report['ceiling']['rps']:,.0f} | "
            f"{report['ceiling']['p50_us'] / 1000:.2f} | — | static | "
            f"{static['rps']:,.0f} | {static['p50_ms']:.2f} | — | "
            f"{report['ceiling']['rps'] / static['rps']:.2f}× |"
        )
    return lines


def peer_targets(report, add):
    peer = report.get("peer")
    ours = report["results"].get("off", {})
    if not peer:
        return
    for mine, theirs in (("statement", "article"), ("list", "index")):
        entry, other = ours.get(mine), peer["rows"].get(theirs)
        if entry and other:
            ratio = entry["rps"] / other["rps"]
            add(
                f"{mine} page uncached ≥ 2× Wagtail's {theirs} page (req/s)",
                f"{entry['rps']:.1f} vs {other['rps']:.1f} = {ratio:.2f}×",
                ratio >= 2,
            )


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
