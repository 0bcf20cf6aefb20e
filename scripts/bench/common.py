"""What the bench's modules share: where things are, the pages' names, output."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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
