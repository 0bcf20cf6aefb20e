"""`make bench`: how fast the public site is, with realistic data, on this machine.

It creates a PostgreSQL database (``ombudsman_bench_<scale>`` on the local
server, or the one ``DATABASE_URL`` names), migrates it and fills it with
``--scale`` statements in az, en and ru (scripts/bench_data.py), unless it
already holds exactly that. It then serves the site with gunicorn (production
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

    .venv/bin/python scripts/bench.py [--scale 100000] [--duration 15] …
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_data
import bench_extra
import bench_servers

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
LANGUAGE = "en"
SEARCH_TERM = "detention"
SITEMAP_PAGE = "/sitemap-statements.xml?p=1"
MODES = {
    "off": "app cache off",
    "on": "app cache on (Redis)",
    "front": "front cache (nginx)",
}
BASELINE_SCALE = 10_000
# A run during which other processes used more of the CPU than this is marked.
OTHER_LOAD_WARNING = 0.1


def out(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Benchmark the public site (see the module docstring)."
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
    state = bench_data.database_state(url)
    if state and "foreign" in state:
        raise SystemExit(
            f"Refusing to use {url}: {state['foreign']}. Point DATABASE_URL (or "
            "--database-url) at a database of its own."
        )
    fresh = (
        state is not None
        and state.get("scale") == args.scale
        and state.get("generator") == bench_data.GENERATOR_VERSION
        and state.get("seed") == args.seed
    )
    os.environ.update(env)
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ["CACHE_URL"] = "locmem://"
    if fresh and not args.regenerate:
        out("Database already holds this scale; reusing it (--regenerate to redo).")
        bench_data.set_jit(url, args.pg_jit)
        manage("migrate", "--noinput", "-v0", env=os.environ)
        # A migration that rewrote a table leaves its visibility map empty,
        # and counts would read the heap instead of the index until
        # autovacuum came by; a vacuum of a settled database takes seconds.
        bench_data.vacuum_analyze(url)
        _django_setup()
        return {"generated": False, **bench_data.marker_details(url)}
    name = bench_data.parse_url(url)["dbname"]
    if state is None:
        bench_data.create_database(url)
    elif "empty" not in state:
        out(f"Dropping {name} (the bench's, made for other data) to regenerate it…")
        bench_data.drop_database(url)
        bench_data.create_database(url)
    bench_data.set_jit(url, args.pg_jit)
    out("Migrating (production settings)…")
    manage("migrate", "--noinput", "-v0", env=os.environ)
    _django_setup()
    # Marks the database as the bench's before filling it, so that an
    # interrupted run is redone next time rather than taken for someone else's.
    bench_data.write_marker(url, None, args.seed, None, {})
    out(f"Generating {args.scale:,} statements × 3 languages…")
    counts, seconds = bench_data.generate(url, args.scale, args.seed, out)
    from django.db import connections

    connections.close_all()
    bench_data.write_marker(url, args.scale, args.seed, seconds, counts)
    out(f"Generated in {seconds:.1f}s: {counts}")
    return {"generated": True, **bench_data.marker_details(url)}


def _django_setup():
    import django

    django.setup()


# -- what to measure -----------------------------------------------------------


def choose_pages():
    from django.db.models import Count
    from django.utils import timezone

    from statements.models import Statement
    from statements.public.search.query import search

    statement = (
        Statement.objects.published(LANGUAGE)
        .filter(withdrawn_at__isnull=True)
        .exclude(hero_image="")
        .annotate(
            topic_count=Count("topics", distinct=True),
            coverage_count=Count("coverage", distinct=True),
        )
        .filter(topic_count__gte=2, coverage_count__gte=1)
        .order_by("-publish_at")
        .first()
    )
    if statement is None:
        raise SystemExit("No public statement with an image and topics to measure.")
    year = timezone.localdate().year - 1
    found = search(LANGUAGE, SEARCH_TERM)
    matches = found.versions.count()
    pages = [
        ("home", f"/{LANGUAGE}/"),
        ("list", f"/{LANGUAGE}/statements/"),
        ("filtered list", f"/{LANGUAGE}/statements/?kind=press_release&year={year}"),
        ("statement", f"/{LANGUAGE}/statements/{statement.slug}/"),
        ("search", f"/{LANGUAGE}/search/?q={SEARCH_TERM}"),
        ("feed", f"/{LANGUAGE}/statements/feed/"),
        # A full section page: the index at /sitemap.xml is one COUNT, and
        # every section page costs the same as the first.
        ("sitemap", SITEMAP_PAGE),
    ]
    return pages, {
        "search_matches": matches,
        "search_capped": found.capped,
        "filter_year": year,
    }


def count_queries(pages, explain):
    """SQL queries, size and in-process time of one request per page, cache off.

    A first request warms per-process caches (URL resolver, templates,
    content types); the second is counted. With ``explain`` every SELECT is
    run again under EXPLAIN (ANALYZE, BUFFERS).
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    found = {}
    for name, path in pages:
        first = client.get(path)
        if first.status_code != 200:
            raise SystemExit(f"{path} answered {first.status_code}, not 200")
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        queries = list(context.captured_queries)
        found[name] = {
            "path": path,
            "queries": len(queries),
            "bytes": len(response.content),
            "single_ms": elapsed * 1000,
            "sql": [{"sql": q["sql"], "ms": float(q["time"]) * 1000} for q in queries],
        }
        if explain:
            found[name]["explain"] = [
                _explain(connection, q["sql"])
                for q in queries
                if q["sql"].lstrip().upper().startswith("SELECT")
            ]
    return found


def _explain(connection, sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return {"sql": sql, "plan": plan}


def sitemap_urls(body):
    return body.count(b"<url>")


def sitemap_sections(body):
    return body.count(b"<sitemap>")


# -- the runs ------------------------------------------------------------------


class App:
    """The gunicorn under test, restarted when a slow page left requests queued.

    wrk stops with requests still waiting in gunicorn's listen backlog; a
    sync worker serves them anyway (to a closed socket), so a slow page
    would eat into the next page's run. After each run the bench waits for
    the queue to drain, or restarts gunicorn when that would take long.
    """

    def __init__(self, args, env, workdir, port, servers, sampler):
        self.args, self.env, self.workdir = args, env, workdir
        self.port, self.servers, self.sampler = port, servers, sampler
        self.url = f"http://127.0.0.1:{port}"
        self.server = None
        self.restarts = 0

    def start(self, mode, extra):
        self.mode, self.extra = mode, extra
        self.server = bench_servers.gunicorn(
            self.port,
            {**os.environ, **self.env, **extra},
            self.workdir / f"gunicorn-{mode}.log",
            workers=self.args.workers,
            worker_class=self.args.worker_class,
            threads=self.args.worker_threads,
        )
        self.servers.append(self.server.start())
        bench_servers.wait_for(f"{self.url}/healthz", self.server)
        self.sampler.watch(self.server.pid)

    def stop(self):
        self.sampler.watch(None)
        self.server.stop()
        self.servers.remove(self.server)
        self.server = None

    def settle(self):
        if bench_servers.settle(f"{self.url}/healthz", self.server, timeout=10):
            return
        self.stop()
        self.start(self.mode, self.extra)
        self.restarts += 1


class Runner:
    """Runs wrk against one URL after another, recording memory and load."""

    def __init__(self, args, script, sampler, database):
        self.args = args
        self.script = script
        self.sampler = sampler
        self.other = bench_servers.OtherLoad(database)

    def measure(self, url, label=None, app=None):
        args = self.args
        if args.warmup:
            bench_servers.wrk(url, args.warmup, args.connections, args.threads,
                              self.script)  # fmt: skip
            if app:
                app.settle()
        self.sampler.label = label
        self.other.start()
        result = bench_servers.wrk(
            url, args.duration, args.connections, args.threads, self.script
        )
        result["other_cpu"] = self.other.stop()
        self.sampler.label = None
        if app:
            restarts = app.restarts
            app.settle()
            result["restarted_after"] = app.restarts > restarts
        return result


def describe(result):
    if not result["requests"]:
        return "   no request completed within the run"
    text = (
        f"{result['rps']:9.1f} req/s  p50 {result['p50_us'] / 1000:8.2f} ms  "
        f"p99 {result['p99_us'] / 1000:8.2f} ms"
    )
    if result["errors"]:
        text += f"  ({result['errors']} errors/non-2xx)"
    if result.get("other_cpu", 0) > OTHER_LOAD_WARNING:
        text += f"  [other processes used {result['other_cpu']:.0%} of the CPU]"
    return text


def wait_until_idle(args, when, longest=None):
    """The machine's CPU use with none of the bench's load running.

    Something else running (tests, a build) lowers every figure, so the bench
    waits up to ``--wait-idle`` seconds for it to end, then goes on and
    records how busy the machine was.
    """
    busy = bench_servers.cpu_busy(2)
    deadline = time.monotonic() + (args.wait_idle if longest is None else longest)
    if busy > args.idle_threshold and when:
        out(f"  the machine is {busy:.0%} busy {when}; waiting up to "
            f"{args.wait_idle}s for it to calm down…")  # fmt: skip
    while busy > args.idle_threshold and time.monotonic() < deadline:
        busy = bench_servers.cpu_busy(5)
    if busy > args.idle_threshold:
        out(f"  still {busy:.0%} busy: the figures below are lower than they "
            "would be on a quiet machine")  # fmt: skip
    return round(busy, 3)


def run(args, env, pages, workdir, servers, sampler):
    """All measurements; returns (ceiling, results, checks, background)."""
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    script = workdir / "report.lua"
    script.write_text(bench_servers.WRK_SCRIPT)
    database = bench_data.parse_url(env["DATABASE_URL"])["dbname"]
    runner = Runner(args, script, sampler, database)
    app_port = bench_servers.free_port()
    front_port = bench_servers.free_port()
    ceiling_port = bench_servers.free_port()
    front = f"http://127.0.0.1:{front_port}"
    results = {mode: {} for mode in modes}
    checks, background = {}, {}

    app = App(args, env, workdir, app_port, servers, sampler)

    def run_pages(mode, base):
        for name, path in pages:
            result = runner.measure(base + path, f"{mode}/{name}", app)
            for _attempt in range(args.retries):
                if result["other_cpu"] <= OTHER_LOAD_WARNING:
                    break
                out(f"  {name:<16}{describe(result)}; measuring again")
                wait_until_idle(args, "", longest=60)
                again = runner.measure(base + path, f"{mode}/{name}", app)
                if again["other_cpu"] < result["other_cpu"]:
                    result = again
            results[mode][name] = result
            out(f"  {name:<16}{describe(result)}")

    background["start"] = wait_until_idle(args, "before the runs")
    # Off first: it also provides the statement page's HTML for the ceiling.
    app.start("off", {"PAGE_CACHE_SECONDS": "0", "CACHE_URL": "locmem://"})
    statement_path = dict(pages).get("statement", pages[0][1])
    _status, _headers, html = bench_servers.fetch(app.url + statement_path)
    (workdir / "nginx" / "ceiling").mkdir(parents=True, exist_ok=True)
    (workdir / "nginx" / "ceiling" / "statement.html").write_bytes(html)
    nginx = bench_servers.nginx(
        workdir / "nginx", app_port, front_port, ceiling_port, env["MEDIA_ROOT"]
    )
    servers.append(nginx.start())
    ceiling_url = f"http://127.0.0.1:{ceiling_port}/statement.html"
    bench_servers.wait_for(ceiling_url, nginx)
    out(f"\nCeiling: nginx serving the statement page's HTML ({len(html):,} bytes)")
    ceilings = [runner.measure(ceiling_url)]
    out(f"  {'before the runs':<16}{describe(ceilings[0])}")

    if "off" in modes:
        out(f"\n{MODES['off']}  (PAGE_CACHE_SECONDS=0)")
        run_pages("off", app.url)
    app.stop()

    peer = None
    if args.peer == "yes" or (args.peer == "auto" and bench_extra.peer_ready()):
        background["peer"] = wait_until_idle(args, "before the peer's runs")
        peer = bench_extra.run_peer(args, out)

    if "on" in modes or "front" in modes:
        if not bench_servers.redis_answers(args.redis_port):
            out(f"Starting redis-server on 127.0.0.1:{args.redis_port}…")
            redis = bench_servers.redis_server(args.redis_port, workdir)
            servers.append(redis.start())
            deadline = time.monotonic() + 20
            while not bench_servers.redis_answers(args.redis_port):
                if time.monotonic() > deadline or not redis.running():
                    raise RuntimeError(f"redis-server failed:\n{redis.log_tail()}")
                time.sleep(0.1)
        bench_servers.redis_flush(args.redis_port, args.redis_db)
        cache_url = f"redis://127.0.0.1:{args.redis_port}/{args.redis_db}"
        background["on"] = wait_until_idle(args, "before the cached runs")
        app.start("on", {"CACHE_URL": cache_url, "PAGE_CACHE_SECONDS": "300"})
        _, first, _ = bench_servers.fetch(app.url + statement_path)
        _, second, _ = bench_servers.fetch(app.url + statement_path)
        checks["app cache"] = {
            "X-Page-Cache": [first.get("X-Page-Cache"), second.get("X-Page-Cache")],
            "Cache-Control": second.get("Cache-Control"),
        }
        if "on" in modes:
            out(f"\n{MODES['on']}  (CACHE_URL={cache_url}, PAGE_CACHE_SECONDS=300)")
            run_pages("on", app.url)
        if "front" in modes:
            _, first, _ = bench_servers.fetch(front + statement_path)
            _, second, _ = bench_servers.fetch(front + statement_path)
            checks["front cache"] = {
                "X-Cache-Status": [
                    first.get("X-Cache-Status"),
                    second.get("X-Cache-Status"),
                ]
            }
            out(f"\n{MODES['front']}  (deploy/nginx/, app cache on behind it)")
            run_pages("front", front)
        if args.crawl:
            slugs = bench_extra.crawl_slugs(args.crawl, LANGUAGE)
            manage_env = {**os.environ, **env, "CACHE_URL": cache_url}
            checks["after publication"] = bench_extra.after_publication(
                app.url, slugs, LANGUAGE, manage_env, out
            )
        app.stop()

    ceilings.append(runner.measure(ceiling_url))
    out(f"\nCeiling again   {describe(ceilings[1])}")
    ceiling = {
        "rps": sum(c["rps"] for c in ceilings) / len(ceilings),
        "p50_us": sum(c["p50_us"] for c in ceilings) / len(ceilings),
        "p99_us": sum(c["p99_us"] for c in ceilings) / len(ceilings),
        "runs": ceilings,
        "bytes_per_response": len(html),
    }
    return ceiling, results, checks, background, peer


# -- the report ----------------------------------------------------------------


def machine():
    model = ""
    memory = 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass

    def version(command):
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        lines = (done.stdout or done.stderr).strip().splitlines()
        return lines[0] if lines else ""

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    git = version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = version(["git", "-C", str(ROOT), "status", "--porcelain"])
    import gunicorn

    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": round(memory / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "gunicorn": gunicorn.__version__,
        "nginx": version(["nginx", "-v"]).replace("nginx version: ", ""),
        "wrk": version(["wrk", "--version"]).split(" [")[0],
        "commit": git + (" + uncommitted changes" if dirty else ""),
    }


def rss_by_mode(peaks):
    modes = {}
    for label, value in peaks.items():
        mode = label.split("/", 1)[0]
        modes[mode] = max(modes.get(mode, 0), value)
    return modes


def percent(value, ceiling):
    return 100.0 * value / ceiling if ceiling else 0.0


def baseline_results(args):
    if args.scale == BASELINE_SCALE:
        return None
    found = sorted(args.output.glob(f"bench-{BASELINE_SCALE}-*.json"))
    if not found:
        return None
    return json.loads(found[-1].read_text()), found[-1].name


def targets(args, report):
    """The issue's targets, each with the measured value: reported, not asserted."""
    ceiling = report["ceiling"]["rps"]
    results = report["results"]
    pages = report["pages"]
    rows = []

    def add(description, measured, met):
        rows.append({"target": description, "measured": measured, "met": met})

    def share(mode, page):
        entry = results.get(mode, {}).get(page)
        return percent(entry["rps"], ceiling) if entry else None

    if "off" in results and "statement" in results["off"]:
        value = share("off", "statement")
        add(
            "statement page, uncached, ≥ 1.2% of ceiling", f"{value:.2f}%", value >= 1.2
        )
    if "off" in results and "list" in results["off"]:
        value = share("off", "list")
        queries = pages["list"]["queries"]
        add(
            "list page, uncached, ≥ 0.7% of ceiling with ≤ 4 queries",
            f"{value:.2f}%, {queries} queries",
            value >= 0.7 and queries <= 4,
        )
    if results.get("on"):
        for page in ("statement", "list"):
            if page not in results["on"]:
                continue
            value = share("on", page)
            add(f"{page} page, app cache, ≥ 3% of ceiling", f"{value:.2f}%", value >= 3)
        # The sitemap section, a hundred times the ceiling's page, is compared
        # in bytes per second below.
        html = [p for p in results["on"] if p != "sitemap"]
        if html:
            low = min(html, key=lambda p: results["on"][p]["rps"])
            value = share("on", low)
            add(
                f"every page but the sitemap, app cache, ≥ 3% (lowest: {low})",
                f"{value:.2f}%",
                value >= 3,
            )
    if "front" in results:
        for page, entry in results["front"].items():
            value = share("front", page)
            p99 = entry["p99_us"] / 1000
            add(
                f"{page}, front cache, ≥ 50% of ceiling and p99 < 10 ms",
                f"{value:.1f}%, p99 {p99:.2f} ms",
                value >= 50 and p99 < 10,
            )
    if "sitemap" in pages:
        # A section page is a hundred times the ceiling's page: compared in
        # bytes per second, which is what limits serving it, not in requests.
        size = pages["sitemap"]["bytes"]
        ceiling_bytes = ceiling * report["ceiling"]["bytes_per_response"]
        for mode in ("on", "front"):
            entry = results.get(mode, {}).get("sitemap")
            if entry:
                value = percent(entry["rps"] * size, ceiling_bytes)
                rows.append(
                    {
                        "target": f"(for comparison) sitemap section, {MODES[mode]}, "
                        "in bytes per second",
                        "measured": f"{value:.0f}% of the ceiling's bytes per second",
                        "met": None,
                    }
                )
    peaks = report["rss_peak_kib"]
    if peaks:
        label = max(peaks, key=peaks.get)
        rss = peaks[label] / 1024
        add(
            f"gunicorn worker RSS < 150 MB (highest during {label})",
            f"{rss:.0f} MiB",
            rss < 150,
        )
        # The front runs reuse the workers of the "on" runs, sitemap included.
        others = {
            k: v
            for k, v in peaks.items()
            if not k.endswith("/sitemap") and not k.startswith("front/")
        }
        if len(others) < len(peaks) and others:
            label = max(others, key=others.get)
            rss = others[label] / 1024
            add(
                f"gunicorn worker RSS < 150 MB, sitemap left out ({label})",
                f"{rss:.0f} MiB",
                rss < 150,
            )
    bench_extra.peer_targets(report, add)
    bench_extra.publication_target(report, add)
    found = baseline_results(args)
    if found and "off" in results:
        baseline, name = found
        for page in ("list", "filtered list", "search"):
            before = baseline["results"].get("off", {}).get(page)
            now = results["off"].get(page)
            if not before or not now:
                continue
            ratio = now["p50_us"] / max(before["p50_us"], 1)
            add(
                f"{page} p50 at {args.scale:,} within 2× of {BASELINE_SCALE:,} "
                f"({name})",
                f"{now['p50_us'] / 1000:.1f} ms vs {before['p50_us'] / 1000:.1f} ms "
                f"= {ratio:.2f}×",
                ratio <= 2,
            )
            if min(now["requests"], before["requests"]) < args.connections:
                # Fewer requests than connections completed: the queue, not
                # the page, set p50. One request in-process says more.
                single_now = pages[page]["single_ms"]
                single_before = baseline["pages"][page]["single_ms"]
                ratio = single_now / max(single_before, 0.001)
                add(
                    f"{page}, one request in-process, within 2× of "
                    f"{BASELINE_SCALE:,} (p50 above is unreliable: too few "
                    "requests completed)",
                    f"{single_now:.0f} ms vs {single_before:.0f} ms = {ratio:.2f}×",
                    ratio <= 2,
                )
    return rows


def markdown(args, report):
    meta = report["machine"]
    ceiling = report["ceiling"]
    results = report["results"]
    modes = [m for m in MODES if m in results]
    data = report["data"]
    lines = [
        f"# Benchmark: {args.scale:,} statements × 3 languages",
        "",
        f"- When: {report['started']} (commit {meta['commit']})",
        f"- Machine: {meta['cpus']} × {meta['cpu_model']}, {meta['memory_gib']} GiB, "
        f"Linux {meta['kernel']}; PostgreSQL {meta['postgresql']}, "
        f"Python {meta['python']}",
        f"- Data: {data['counts'].get('statements', 0):,} statements, "
        f"{data['counts'].get('versions', 0):,} versions; "
        + (
            f"generated in {data['seconds']:.0f} s"
            if data["generated"]
            else f"reused (generated {data['generated_at'][:16]} in "
            f"{data['seconds']:.0f} s)"
        ),
        f"- App: gunicorn {meta['gunicorn']}, {args.workers} {args.worker_class} "
        "workers, production settings, CONN_MAX_AGE=600, 127.0.0.1",
        f"- Load: {meta['wrk']}, {args.connections} connections, {args.threads} "
        f"threads, {args.duration} s per page after a {args.warmup} s warm-up",
        f"- Ceiling: nginx {meta['nginx']} serving the statement page's HTML "
        f"({ceiling['bytes_per_response']:,} bytes) as a static file: "
        f"**{ceiling['rps']:,.0f} req/s** (mean of "
        + " and ".join(f"{run['rps']:,.0f}" for run in ceiling["runs"])
        + f", before and after the runs), p50 {ceiling['p50_us'] / 1000:.2f} ms, "
        f"p99 {ceiling['p99_us'] / 1000:.2f} ms",
        "- Other load on the machine (CPU busy with nothing of the bench "
        "running): "
        + ", ".join(
            f"{when} {value:.0%}" for when, value in report["background_cpu"].items()
        ),
        "- Other processes' share of the CPU during the measured runs: "
        + "; ".join(
            f"{mode} mean {sum(shares) / len(shares):.0%}, max {max(shares):.0%}"
            for mode, shares in (
                (mode, [e.get("other_cpu", 0) for e in results[mode].values()])
                for mode in modes
            )
            if shares
        ),
        f"- PostgreSQL JIT: {report['jit']} for the bench database",
        "",
    ]
    header = ["page", "SQL", "KiB", "1 req ms"]
    align = ["---", "---:", "---:", "---:"]
    for mode in modes:
        header += [f"{mode}: req/s", "p50 ms", "p99 ms", "% ceil"]
        align += ["---:"] * 4
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(align) + "|")
    for name, page in report["pages"].items():
        row = [
            name,
            str(page["queries"]),
            f"{page['bytes'] / 1024:.0f}",
            f"{page['single_ms']:.1f}",
        ]
        for mode in modes:
            entry = results[mode].get(name)
            if not entry or not entry["requests"]:
                row += ["none in time" if entry else "—", "—", "—", "—"]
                continue
            flag = " ⚠" if entry["errors"] else ""
            if entry.get("other_cpu", 0) > OTHER_LOAD_WARNING:
                flag += " ‡"
            row += [
                f"{entry['rps']:,.1f}{flag}",
                f"{entry['p50_us'] / 1000:.2f}",
                f"{entry['p99_us'] / 1000:.2f}",
                f"{percent(entry['rps'], ceiling['rps']):.2f}",
            ]
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "Modes: **off** `PAGE_CACHE_SECONDS=0`; **on** `CACHE_URL=redis://…` "
        "and `PAGE_CACHE_SECONDS=300` (after a warm-up every request is a hit); "
        "**front** nginx with deploy/nginx/ in front of the `on` app. SQL is "
        "counted per request with the cache off; KiB is the response body; "
        "*1 req ms* is one request in-process (Django test client, cache off, "
        "no concurrency). ‡ marks runs during which other processes on the "
        f"machine used more than {OTHER_LOAD_WARNING:.0%} of the CPU (figures "
        "too low). ⚠ marks runs with errors or non-2xx answers; *none "
        "in time* means no request completed within the run (each takes longer "
        "than the run at this concurrency).",
        "",
        "Pages: "
        + "; ".join(
            f"{name} `{page['path']}`" for name, page in report["pages"].items()
        )
        + ".",
        (
            f"Search `{SEARCH_TERM}` matches more than "
            f"{report['extra']['search_matches']:,} versions; the newest "
            f"{report['extra']['search_matches']:,} are ranked and shown."
            if report["extra"].get("search_capped")
            else f"Search `{SEARCH_TERM}` matches "
            f"{report['extra']['search_matches']:,} versions."
        )
        + (
            f" The sitemap index names {report['extra']['sitemap_sections']:,} "
            f"section pages; the first lists {report['extra']['sitemap_urls']:,} "
            f"URLs ({report['pages']['sitemap']['bytes'] / 2**20:.1f} MiB)."
            if "sitemap" in report["pages"]
            else ""
        ),
        "",
        "gunicorn worker RSS, highest seen (from /proc, sampled every 0.25 s): "
        + ", ".join(
            f"{mode} {value / 1024:.0f} MiB"
            for mode, value in rss_by_mode(report["rss_peak_kib"]).items()
        )
        + "; by page: "
        + ", ".join(
            f"{label} {value / 1024:.0f}"
            for label, value in report["rss_peak_kib"].items()
        )
        + " MiB.",
    ]
    if report["checks"]:
        lines.append(
            "Cache checks (two requests for the statement page): "
            + "; ".join(f"{k}: {v}" for k, v in report["checks"].items())
            + "."
        )
    lines += bench_extra.peer_markdown(report)
    lines += bench_extra.publication_markdown(report)
    lines += ["", "## Targets (reported, not asserted)", ""]
    for row in report["targets"]:
        if row["met"] is None:
            lines.append(f"- {row['target']}: {row['measured']}")
            continue
        mark = "met" if row["met"] else "**not met**"
        lines.append(f"- {row['target']}: {row['measured']} — {mark}")
    return "\n".join(lines) + "\n"


def explain_markdown(report):
    lines = ["", "## Query plans (EXPLAIN ANALYZE, BUFFERS), cache off", ""]
    for name, page in report["pages"].items():
        if name not in ("list", "filtered list", "search"):
            continue
        lines.append(f"### {name} `{page['path']}`")
        lines.append("")
        for entry in page.get("explain", []):
            lines += ["```sql", entry["sql"], "```", "```", entry["plan"], "```", ""]
    return "\n".join(lines) + "\n"


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
    servers = []
    sampler = bench_servers.RssSampler()
    started = datetime.datetime.now().astimezone()
    owned = False
    try:
        data = prepare_database(args, url, env)
        owned = not args.prepare_only
        if args.prepare_only:
            out(f"Prepared {bench_data.parse_url(url)['dbname']}: {data['counts']}")
            return 0
        manage("collectstatic", "--noinput", "-v0", env=os.environ)
        bench_data.write_media(env["MEDIA_ROOT"])
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
        ceiling, results, checks, background, peer = run(
            args, env, pages, workdir, servers, sampler
        )
        after = checks.pop("after publication", None)
        report = {
            "started": started.isoformat(timespec="seconds"),
            "arguments": {k: str(v) for k, v in vars(args).items()},
            "machine": info,
            "data": data,
            "extra": extra,
            "ceiling": ceiling,
            "results": results,
            "pages": counted,
            "rss_peak_kib": dict(sampler.peaks),
            "checks": checks,
            "background_cpu": background,
            "peer": peer,
            "after_publication": after,
            "jit": "server default"
            if args.pg_jit
            else "off (ALTER DATABASE … SET jit = off)",
        }
        report["targets"] = targets(args, report)
        text = markdown(args, report)
        out("")
        out(text)
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
        for server in reversed(servers):
            server.stop()
        if owned and not args.keep_db:
            from django.db import connections

            connections.close_all()
            bench_data.drop_database(url)
            out(f"Dropped {bench_data.parse_url(url)['dbname']} (--keep-db keeps it).")
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
