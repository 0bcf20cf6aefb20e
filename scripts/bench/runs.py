"""What the bench measures: the pages, their SQL, and the wrk runs."""

import os
import time

from . import crawl, data, servers
from . import peer as peer_site
from .app import app as app_modules
from .common import LANGUAGE, MODES, OTHER_LOAD_WARNING, SEARCH_TERM, SITEMAP_PAGE, out


def choose_pages():
    from django.db.models import Count
    from django.utils import timezone

    modules = app_modules()
    Statement, search = modules.models.Statement, modules.search
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

    def __init__(self, args, env, workdir, port, running, sampler):
        self.args, self.env, self.workdir = args, env, workdir
        self.port, self.running, self.sampler = port, running, sampler
        self.url = f"http://127.0.0.1:{port}"
        self.server = None
        self.restarts = 0

    def start(self, mode, extra):
        self.mode, self.extra = mode, extra
        self.server = servers.gunicorn(
            self.port,
            {**os.environ, **self.env, **extra},
            self.workdir / f"gunicorn-{mode}.log",
            workers=self.args.workers,
            worker_class=self.args.worker_class,
            threads=self.args.worker_threads,
        )
        self.running.append(self.server.start())
        servers.wait_for(f"{self.url}/healthz", self.server)
        self.sampler.watch(self.server.pid)

    def stop(self):
        self.sampler.watch(None)
        self.server.stop()
        self.running.remove(self.server)
        self.server = None

    def settle(self):
        if servers.settle(f"{self.url}/healthz", self.server, timeout=10):
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
        self.other = servers.OtherLoad(database)

    def measure(self, url, label=None, app=None):
        args = self.args
        if args.warmup:
            servers.wrk(url, args.warmup, args.connections, args.threads,
                              self.script)  # fmt: skip
            if app:
                app.settle()
        self.sampler.label = label
        self.other.start()
        result = servers.wrk(
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
    busy = servers.cpu_busy(2)
    deadline = time.monotonic() + (args.wait_idle if longest is None else longest)
    if busy > args.idle_threshold and when:
        out(f"  the machine is {busy:.0%} busy {when}; waiting up to "
            f"{args.wait_idle}s for it to calm down…")  # fmt: skip
    while busy > args.idle_threshold and time.monotonic() < deadline:
        busy = servers.cpu_busy(5)
    if busy > args.idle_threshold:
        out(f"  still {busy:.0%} busy: the figures below are lower than they "
            "would be on a quiet machine")  # fmt: skip
    return round(busy, 3)


def run(args, env, pages, workdir, running, sampler):
    """All measurements; returns (ceiling, results, checks, background)."""
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    script = workdir / "report.lua"
    script.write_text(servers.WRK_SCRIPT)
    database = data.parse_url(env["DATABASE_URL"])["dbname"]
    runner = Runner(args, script, sampler, database)
    app_port = servers.free_port()
    front_port = servers.free_port()
    ceiling_port = servers.free_port()
    front = f"http://127.0.0.1:{front_port}"
    results = {mode: {} for mode in modes}
    checks, background = {}, {}

    app = App(args, env, workdir, app_port, running, sampler)

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
    _status, _headers, html = servers.fetch(app.url + statement_path)
    (workdir / "nginx" / "ceiling").mkdir(parents=True, exist_ok=True)
    (workdir / "nginx" / "ceiling" / "statement.html").write_bytes(html)
    nginx = servers.nginx(
        workdir / "nginx", app_port, front_port, ceiling_port, env["MEDIA_ROOT"]
    )
    running.append(nginx.start())
    ceiling_url = f"http://127.0.0.1:{ceiling_port}/statement.html"
    servers.wait_for(ceiling_url, nginx)
    out(f"\nCeiling: nginx serving the statement page's HTML ({len(html):,} bytes)")
    ceilings = [runner.measure(ceiling_url)]
    out(f"  {'before the runs':<16}{describe(ceilings[0])}")

    if "off" in modes:
        out(f"\n{MODES['off']}  (PAGE_CACHE_SECONDS=0)")
        run_pages("off", app.url)
    app.stop()

    peer = None
    if args.peer == "yes" or (args.peer == "auto" and peer_site.peer_ready()):
        background["peer"] = wait_until_idle(args, "before the peer's runs")
        peer = peer_site.run_peer(args, out)

    if "on" in modes or "front" in modes:
        if not servers.redis_answers(args.redis_port):
            out(f"Starting redis-server on 127.0.0.1:{args.redis_port}…")
            redis = servers.redis_server(args.redis_port, workdir)
            running.append(redis.start())
            deadline = time.monotonic() + 20
            while not servers.redis_answers(args.redis_port):
                if time.monotonic() > deadline or not redis.running():
                    raise RuntimeError(f"redis-server failed:\n{redis.log_tail()}")
                time.sleep(0.1)
        servers.redis_flush(args.redis_port, args.redis_db)
        cache_url = f"redis://127.0.0.1:{args.redis_port}/{args.redis_db}"
        background["on"] = wait_until_idle(args, "before the cached runs")
        app.start("on", {"CACHE_URL": cache_url, "PAGE_CACHE_SECONDS": "300"})
        _, first, _ = servers.fetch(app.url + statement_path)
        _, second, _ = servers.fetch(app.url + statement_path)
        checks["app cache"] = {
            "X-Page-Cache": [first.get("X-Page-Cache"), second.get("X-Page-Cache")],
            "Cache-Control": second.get("Cache-Control"),
        }
        if "on" in modes:
            out(f"\n{MODES['on']}  (CACHE_URL={cache_url}, PAGE_CACHE_SECONDS=300)")
            run_pages("on", app.url)
        if "front" in modes:
            _, first, _ = servers.fetch(front + statement_path)
            _, second, _ = servers.fetch(front + statement_path)
            checks["front cache"] = {
                "X-Cache-Status": [
                    first.get("X-Cache-Status"),
                    second.get("X-Cache-Status"),
                ]
            }
            out(f"\n{MODES['front']}  (deploy/nginx/, app cache on behind it)")
            run_pages("front", front)
        if args.crawl:
            slugs = crawl.crawl_slugs(args.crawl, LANGUAGE)
            manage_env = {**os.environ, **env, "CACHE_URL": cache_url}
            checks["after publication"] = crawl.after_publication(
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
