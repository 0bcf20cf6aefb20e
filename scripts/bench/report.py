"""The bench's report: the machine, the targets, the Markdown table."""

import json
import os
import platform
import subprocess

import psutil

from . import crawl, peer
from .common import BASELINE_SCALE, MODES, OTHER_LOAD_WARNING, ROOT, SEARCH_TERM


def machine():
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
        "cpu_model": cpu_model(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "gunicorn": gunicorn.__version__,
        "nginx": version(["nginx", "-v"]).replace("nginx version: ", ""),
        "wrk": version(["wrk", "--version"]).split(" [")[0],
        "commit": git + (" + uncommitted changes" if dirty else ""),
    }


def cpu_model():
    """The processor's name, as lscpu gives it (psutil does not)."""
    try:
        done = subprocess.run(
            ["lscpu", "--json"], capture_output=True, text=True, timeout=10
        )
        fields = json.loads(done.stdout)["lscpu"]
    except (OSError, subprocess.TimeoutExpired, ValueError, KeyError):
        return ""
    # Newer versions nest the model under the vendor.
    while fields:
        field = fields.pop(0)
        if field.get("field", "").rstrip(":") == "Model name":
            return field.get("data", "")
        fields += field.get("children", [])
    return ""


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


def search_figures(args, report):
    """The search page's two figures: one request alone, and p50 under load
    in each mode measured; ``None`` when search was not measured."""
    page = report["pages"].get("search")
    if not page:
        return None
    loads = {
        mode: {
            "p50_ms": entry["p50_us"] / 1000,
            "p99_ms": entry["p99_us"] / 1000,
            "rps": entry["rps"],
            "requests": entry["requests"],
            "other_cpu": entry.get("other_cpu", 0),
        }
        for mode, pages in report["results"].items()
        if (entry := pages.get("search")) and entry["requests"]
    }
    return {
        "path": page["path"],
        "matches": report["extra"]["search_matches"],
        "single_ms": page["single_ms"],
        "queries": page["queries"],
        "connections": args.connections,
        "under_load": loads,
    }


def search_line(args, report):
    found = search_figures(args, report)
    if not found:
        return ""
    under_load = "; ".join(
        f"{MODES[mode]}: p50 {load['p50_ms']:.0f} ms, p99 {load['p99_ms']:.0f} ms, "
        f"{load['rps']:.1f} req/s"
        + (
            f" (other processes {load['other_cpu']:.0%} of the CPU)"
            if load["other_cpu"] > OTHER_LOAD_WARNING
            else ""
        )
        for mode, load in found["under_load"].items()
    )
    return (
        f"**Search** `{found['path']}` at {args.scale:,} statements "
        f"({found['matches']:,} matching versions, {found['queries']} queries): "
        f"one request alone **{found['single_ms']:.0f} ms**; under load "
        f"({found['connections']} connections) "
        + (under_load or "no request completed")
        + "."
    )


# The search targets hold at the large scale.
SEARCH_TARGET_SCALE = 100_000
SEARCH_P50_MS = 425
SEARCH_SINGLE_MS = 55


def targets(args, report):
    """The issue's targets, each with the measured value: reported, not asserted."""
    ceiling = report["ceiling"]["rps"]
    results = report["results"]
    pages = report["pages"]
    rows = []

    def add(description, measured, met):
        rows.append({"target": description, "measured": measured, "met": met})

    search = search_figures(args, report)
    if search and args.scale >= SEARCH_TARGET_SCALE:
        add(
            f"search, one request, ≤ {SEARCH_SINGLE_MS} ms at {SEARCH_TARGET_SCALE:,}",
            f"{search['single_ms']:.0f} ms",
            search["single_ms"] <= SEARCH_SINGLE_MS,
        )
        load = search["under_load"].get("off")
        if load:
            add(
                f"search, app cache off, p50 under load ≤ {SEARCH_P50_MS} ms at "
                f"{SEARCH_TARGET_SCALE:,}",
                f"{load['p50_ms']:.0f} ms",
                load["p50_ms"] <= SEARCH_P50_MS,
            )

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
    peer.peer_targets(report, add)
    crawl.publication_target(report, add)
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
        f"- PostgreSQL JIT: {report['jit']} and random_page_cost = 1.1 (SSD) "
        "for the bench database, as docs/deployment.md recommends",
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
        search_line(args, report),
        "",
        "gunicorn worker RSS, highest seen (sampled every 0.25 s): "
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
    lines += peer.peer_markdown(report)
    lines += crawl.publication_markdown(report)
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
