"""The Wagtail peer, measured in the same run with the same load.

Once ../shared/peerbench's setup_wagtail.sh has been run, its run_bench.sh is
run within the bench's run, and its article and index pages are put side by
side with the statement and list pages.
"""

import os
import re
import subprocess
from pathlib import Path

from .common import ROOT

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


PAIRS = (("statement", "article"), ("list", "index"))
# Ours as measured in each mode, against Wagtail's uncached page: it has no
# page cache of its own.
OUR_MODES = (
    ("off", "app cache off"),
    ("on", "app cache hit (Redis)"),
    ("front", "front cache hit (nginx)"),
)


def _share(rps, ceiling):
    return round(100 * rps / ceiling, 2) if rps and ceiling else None


def side_by_side(report):
    """Ours and Wagtail's pages row by row, each as req/s, p50, SQL and the
    share of its own nginx ceiling; ``None`` without a peer run."""
    peer = report.get("peer")
    if not peer:
        return None
    theirs_rows = peer["rows"]
    our_ceiling = report["ceiling"]["rps"]
    static = theirs_rows.get("static") or {}
    their_ceiling = static.get("rps")
    rows = []
    for mode, label in OUR_MODES:
        for mine, theirs in PAIRS:
            entry = report["results"].get(mode, {}).get(mine)
            other = theirs_rows.get(theirs)
            if not entry or not other or not entry["requests"]:
                continue
            rows.append(
                {
                    "what": f"{mine} vs {theirs}",
                    "ours": {
                        "page": f"{mine}, {label}",
                        "rps": round(entry["rps"], 1),
                        "p50_ms": round(entry["p50_us"] / 1000, 2),
                        "queries": report["pages"][mine]["queries"]
                        if mode == "off"
                        else 0,
                        "ceiling_pct": _share(entry["rps"], our_ceiling),
                    },
                    "theirs": {
                        "page": f"{theirs}, uncached",
                        "rps": other["rps"],
                        "p50_ms": other["p50_ms"],
                        "queries": other["queries"],
                        "ceiling_pct": _share(other["rps"], their_ceiling),
                    },
                    "ratio": round(entry["rps"] / other["rps"], 2)
                    if other["rps"]
                    else None,
                }
            )
    if their_ceiling:
        rows.append(
            {
                "what": "nginx ceiling (static copy of the page)",
                "ours": {
                    "page": "statement.html",
                    "rps": round(our_ceiling, 1),
                    "p50_ms": round(report["ceiling"]["p50_us"] / 1000, 2),
                    "queries": 0,
                    "ceiling_pct": 100.0,
                },
                "theirs": {
                    "page": "article, static",
                    "rps": their_ceiling,
                    "p50_ms": static.get("p50_ms"),
                    "queries": 0,
                    "ceiling_pct": 100.0,
                },
                "ratio": round(our_ceiling / their_ceiling, 2),
            }
        )
    crawl = report.get("after_publication")
    if crawl:
        rows.append(
            {
                "what": f"crawler after a publication ({crawl['pages']:,} pages)",
                "ours": {
                    "page": "statement pages, app cache",
                    "hit_share_pct": round(100 * crawl["share"], 1),
                    "hits": crawl["hits_after_publication"],
                },
                "theirs": {"page": "no page cache: every request renders"},
                "ratio": None,
            }
        )
    return {"header": peer["header"], "rows": rows}


def _cell(value, spec):
    return "—" if value is None else format(value, spec)


def peer_markdown(report):
    """The side-by-side table, or an empty list without a peer run."""
    found = report.get("side_by_side") or side_by_side(report)
    if not found:
        return []
    lines = [
        "",
        "## Side by side with Wagtail (same machine, same run, same load)",
        "",
        *(f"- {line}" for line in found["header"]),
        "",
        "| | this project | req/s | p50 ms | SQL | % of its ceiling "
        "| Wagtail | req/s | p50 ms | SQL | % of its ceiling | ratio |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in found["rows"]:
        ours, theirs = row["ours"], row["theirs"]
        if "hit_share_pct" in ours:
            lines.append(
                f"| {row['what']} | {ours['page']} | | | | "
                f"**{ours['hit_share_pct']:.1f}% hits** | {theirs['page']} "
                "| | | | | |"
            )
            continue
        lines.append(
            f"| {row['what']} | {ours['page']} | {ours['rps']:,.1f} "
            f"| {_cell(ours['p50_ms'], '.2f')} | {ours['queries']} "
            f"| {_cell(ours['ceiling_pct'], '.2f')}% | {theirs['page']} "
            f"| {theirs['rps']:,.1f} | {_cell(theirs['p50_ms'], '.2f')} "
            f"| {_cell(theirs['queries'], '.0f')} "
            f"| {_cell(theirs['ceiling_pct'], '.2f')}% "
            f"| {_cell(row['ratio'], '.2f')}× |"
        )
    lines += [
        "",
        "Each side's share is of its own ceiling, nginx serving a static copy of "
        "its page on the same machine; *ratio* is ours over Wagtail's in req/s.",
    ]
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
