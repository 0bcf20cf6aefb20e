"""Measure Azerbaijani stemmers against tests/statements/az_word_forms.py.

The figures in docs/search.md ("The Azerbaijani stemmer") come from this
script. The two outside stemmers are not requirements of the project; to
measure them, install them into a scratch environment first:

    pip install snowballstemmer==3.1.1 azstemmer==0.1.0
    python scripts/evaluate_az_stemmers.py

A stemmer passes a check when the forms of a group share a stem (pairs
within each group of SAME) or when two different words do not (DIFFERENT).
"""

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from statements.public.search import az_stemmer
from statements.public.search.text import profile
from tests.statements.az_word_forms import DIFFERENT, SAME

ascii_fold = profile("az").fold


def as_written(word):
    return word.replace("İ", "i").replace("I", "ı").lower()


def score(stems):
    """Checks passed and the total, for ``stems(word) -> set of stems``."""
    passed = total = 0
    for group in SAME:
        found = {word: stems(word) for word in group}
        for a, b in itertools.combinations(group, 2):
            total += 1
            passed += bool(found[a] & found[b])
    for a, b in DIFFERENT:
        total += 1
        passed += not stems(a) & stems(b)
    return passed, total


def main():
    candidates = {
        "statements/public/search/az_stemmer.py": lambda w: set(
            az_stemmer.stems(ascii_fold(w))
        )
    }
    try:
        import snowballstemmer

        turkish = snowballstemmer.stemmer("turkish")
        candidates["Snowball Turkish, as written"] = lambda w: {
            turkish.stemWord(as_written(w))
        }
        candidates["Snowball Turkish, ASCII-folded"] = lambda w: {
            turkish.stemWord(ascii_fold(w))
        }
    except ImportError:
        print("snowballstemmer is not installed: skipped")  # noqa: T201
    try:
        from azstemmer import AzStemmer

        written, folded = AzStemmer("az"), AzStemmer("en")
        candidates["azstemmer, as written"] = lambda w: {written.stem(as_written(w))}
        candidates["azstemmer, ASCII word list"] = lambda w: {
            folded.stem(ascii_fold(w))
        }
    except ImportError:
        print("azstemmer is not installed: skipped")  # noqa: T201
    for name, stems in candidates.items():
        passed, total = score(stems)
        print(f"{name:40} {passed} of {total}")  # noqa: T201


if __name__ == "__main__":
    main()
