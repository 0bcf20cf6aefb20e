"""`make bench`: how fast the public site is, with realistic data, on this machine.

It creates a PostgreSQL database (``ombudsman_bench_<scale>`` on the local
server, or the one ``DATABASE_URL`` names), migrates it and fills it with
``--scale`` statements in az, en and ru (data.py), unless it already
holds exactly that; a kept database (``--keep-db``) is migrated first and
its schema checked against the code. It then serves the site with gunicorn (production
settings, 2 workers, persistent database connections, 127.0.0.1) and measures
seven public pages with wrk, three times over (the "sitemap" page is one full
section page, ``/sitemap-statements.xml?p=1``, not the index that names them):

- ``off``: the application's page cache off (``PAGE_CACHE_SECONDS=0``);
- ``on``: the page cache on, in Redis (``CACHE_URL=redis://…``);
- ``front``: through nginx as the caching reverse proxy that
  docs/deployment.md recommends (deploy/nginx/), the app cache on behind it.

The ceiling is nginx serving a saved copy of the statement page's HTML as a
static file; every figure is also given as a fraction of it. SQL queries per
request are counted in this process with Django's test client, cache off.
The table is printed and written to bench-results/bench-<scale>-<time>.md
(and .json). Every server the bench starts is stopped by its process id,
also on Ctrl-C.

    .venv/bin/python -m scripts.bench [--scale 100000] [--duration 15] …
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from . import data, servers
from . import peer as peer_site
from .common import PYTHON, RESULTS, ROOT, SITEMAP_PAGE, out
from .report import (
    explain_markdown,
    machine,
    markdown,
    search_figures,
    search_line,
    targets,
)
from .runs import choose_pages, count_queries, run, sitemap_sections, sitemap_urls


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench",
        description="Benchmark the public site (see the module docstring).",
    )
    parser.add_argument("--scale", type=int, default=10_000, help="statements")
    parser.add_argument("--duration", type=int, default=15, help="seconds per run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds before each")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--worker-class",
        choices=["sync", "gthread"],
        default="sync",
        help="gunicorn worker class (default sync, as behind a buffering proxy)",
    )
    parser.add_argument(
        "--worker-threads", type=int, default=4, help="threads per gthread worker"
    )
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--regenerate", action="store_true", help="rebuild the data even if present"
    )
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="keep the bench database afterwards (the next run reuses it)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="default: $DATABASE_URL, else "
        "postgres://postgres@127.0.0.1:5432/ombudsman_bench_<scale>",
    )
    parser.add_argument("--redis-port", type=int, default=6379)
    parser.add_argument(
        "--redis-db", type=int, default=13, help="emptied before the cached run"
    )
    parser.add_argument(
        "--modes",
        default="off,on,front",
        help="comma-separated subset of off,on,front",
    )
    parser.add_argument(
        "--pages", default="", help="comma-separated page names (default: all)"
    )
    parser.add_argument(
        "--peer",
        choices=["auto", "yes", "no"],
        default="auto",
        help="run ../shared/peerbench (Wagtail) in the same run: auto = when "
        "its setup_wagtail.sh has been run",
    )
    parser.add_argument(
        "--crawl",
        type=int,
        default=1000,
        help="statement pages the 'after a publication' crawler walks (0: skip)",
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="create and fill the database, keep it, and stop there",
    )
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument(
        "--wait-idle",
        type=int,
        default=300,
        help="seconds to wait for other load on the machine to end",
    )
    parser.add_argument("--idle-threshold", type=float, default=0.15)
    parser.add_argument(
        "--retries",
        type=int,
        default=2,
        help="times a run disturbed by other load is measured again",
    )
    parser.add_argument(
        "--pg-jit",
        action="store_true",
        help="leave PostgreSQL's JIT as the server has it (the bench database "
        "otherwise sets jit=off, as docs/deployment.md recommends)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


# -- set-up --------------------------------------------------------------------


def ensure_tools():
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if not missing and Path("/usr/sbin/nginx").exists():
        return
    packages = {"wrk": "wrk", "nginx": "nginx-light"}
    wanted = [packages[tool] for tool in missing]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(
            f"Missing {', '.join(missing)}. Install them with:\n"
            f"  sudo apt-get install -y {' '.join(wanted)}"
        )
    out(f"Installing {' '.join(wanted)} (apt-get)…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *wanted], check=True, env=env)


def bench_environment(database_url, workdir):
    """Production settings, as the bench's servers and this process see them."""
    return {
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.prod",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        # Plain http on the loopback: no redirect to https.
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "600",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "PYTHONUNBUFFERED": "1",
    }


def manage(*arguments, env):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def prepare_database(args, url, env):
    """Create, migrate and fill the database unless it already holds the scale.

    Returns a description of what was done and whether the bench owns it.
    """
    state = data.database_state(url)
    if state and "foreign" in state:
        raise SystemExit(
            f"Refusing to use {url}: {state['foreign']}. Point DATABASE_URL (or "
            "--database-url) at a database of its own."
        )
    fresh = (
        state is not None
        and state.get("scale") == args.scale
        and state.get("generator") == data.GENERATOR_VERSION
        and state.get("seed") == args.seed
    )
    os.environ.update(env)
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ["CACHE_URL"] = "locmem://"
    if fresh and not args.regenerate:
        out(
            "Database already holds this scale; migrating and reusing it "
            "(--regenerate to redo)."
        )
        data.set_jit(url, args.pg_jit)
        # The code may have moved on since the data was made: a new
        # migration, or a chain squashed into one that ``replaces`` it.
        manage("migrate", "--noinput", "-v0", env=os.environ)
        _django_setup()
        verify_schema()
        # A migration that rebuilt the search storage left it empty: the
        # pages would measure a search that finds nothing.
        missing = data.versions_without_search_terms()
        if missing:
            out(f"  {missing:,} released versions have no search terms; reindexing…")
            data.reindex_search()
        # A migration that rewrote a table leaves its visibility map empty,
        # and counts would read the heap instead of the index until
        # autovacuum came by; a vacuum of a settled database takes seconds.
        data.vacuum_analyze(url)
        return {"generated": False, **data.marker_details(url)}
    name = data.parse_url(url)["dbname"]
    if state is None:
        data.create_database(url)
    elif "empty" not in state:
        out(f"Dropping {name} (the bench's, made for other data) to regenerate it…")
        data.drop_database(url)
        data.create_database(url)
    data.set_jit(url, args.pg_jit)
    out("Migrating (production settings)…")
    manage("migrate", "--noinput", "-v0", env=os.environ)
    _django_setup()
    # Marks the database as the bench's before filling it, so that an
    # interrupted run is redone next time rather than taken for someone else's.
    data.write_marker(url, None, args.seed, None, {})
    out(f"Generating {args.scale:,} statements × 3 languages…")
    counts, seconds = data.generate(url, args.scale, args.seed, out)
    from django.db import connections

    connections.close_all()
    data.write_marker(url, args.scale, args.seed, seconds, counts)
    out(f"Generated in {seconds:.1f}s: {counts}")
    return {"generated": True, **data.marker_details(url)}


def verify_schema():
    """Stops the bench unless the kept database has the code's schema."""
    problems = data.schema_problems()
    if problems:
        raise SystemExit(
            "The kept bench database does not match the code after migrate:\n  "
            + "\n  ".join(problems)
            + "\nRun again with --regenerate."
        )


def _django_setup():
    import django

    django.setup()


# -- main ----------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    # Ctrl-C and kill both end in the finally below, which stops the servers;
    # SIGINT explicitly too, since a shell starts background jobs ignoring it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ensure_tools()
    url = (
        args.database_url
        or f"postgres://postgres@127.0.0.1:5432/ombudsman_bench_{args.scale}"
    )
    workdir = Path(tempfile.mkdtemp(prefix="ombudsman-bench-"))
    # nginx's workers run as an unprivileged user when started by root: they
    # must be able to read the ceiling copy and the media below it.
    workdir.chmod(0o755)
    env = bench_environment(url, workdir)
    running = []
    sampler = servers.RssSampler()
    started = datetime.datetime.now().astimezone()
    owned = False
    try:
        prepared = prepare_database(args, url, env)
        owned = not args.prepare_only
        if args.prepare_only:
            out(f"Prepared {data.parse_url(url)['dbname']}: {prepared['counts']}")
            return 0
        manage("collectstatic", "--noinput", "-v0", env=os.environ)
        data.write_media(env["MEDIA_ROOT"])
        pages, extra = choose_pages()
        if args.pages:
            wanted = {p.strip() for p in args.pages.split(",")}
            pages = [page for page in pages if page[0] in wanted]
        out("Counting SQL queries per page (test client, cache off)…")
        counted = count_queries(pages, explain=not args.no_explain)
        for name, page in counted.items():
            out(
                f"  {name:<16}{page['queries']:3d} queries  "
                f"{page['bytes'] / 1024:8.0f} KiB  {page['single_ms']:8.1f} ms"
            )
        if "sitemap" in counted:
            from django.test import Client

            client = Client()
            extra["sitemap_urls"] = sitemap_urls(client.get(SITEMAP_PAGE).content)
            extra["sitemap_sections"] = sitemap_sections(
                client.get("/sitemap.xml").content
            )
        else:
            extra["sitemap_urls"] = extra["sitemap_sections"] = 0
        info = machine()
        from django.db import connections

        connections.close_all()
        sampler.start()
        ceiling, results, checks, background, peer_run = run(
            args, env, pages, workdir, running, sampler
        )
        after = checks.pop("after publication", None)
        report = {
            "started": started.isoformat(timespec="seconds"),
            "arguments": {k: str(v) for k, v in vars(args).items()},
            "machine": info,
            "data": prepared,
            "extra": extra,
            "ceiling": ceiling,
            "results": results,
            "pages": counted,
            "rss_peak_kib": dict(sampler.peaks),
            "checks": checks,
            "background_cpu": background,
            "peer": peer_run,
            "after_publication": after,
            "jit": "server default"
            if args.pg_jit
            else "off (ALTER DATABASE … SET jit = off)",
        }
        report["side_by_side"] = peer_site.side_by_side(report)
        report["targets"] = targets(args, report)
        report["search"] = search_figures(args, report)
        text = markdown(args, report)
        out("")
        out(text)
        if report["search"]:
            # Last, where it is seen: the figure most runs are made for.
            out(search_line(args, report))
        args.output.mkdir(parents=True, exist_ok=True)
        stamp = started.strftime("%Y%m%d-%H%M%S")
        base = args.output / f"bench-{args.scale}-{stamp}"
        explain = "" if args.no_explain else explain_markdown(report)
        base.with_suffix(".md").write_text(text + explain)
        base.with_suffix(".json").write_text(json.dumps(report, indent=2, default=str))
        out(f"Written to {base.with_suffix('.md')} and .json")
    except KeyboardInterrupt:
        out("\nInterrupted; stopping the servers.")
        return 130
    finally:
        sampler.stop()
        for server in reversed(running):
            server.stop()
        if owned and not args.keep_db:
            from django.db import connections

            connections.close_all()
            data.drop_database(url)
            out(f"Dropped {data.parse_url(url)['dbname']} (--keep-db keeps it).")
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
