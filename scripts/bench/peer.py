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
