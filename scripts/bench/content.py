"""Text the benchmark's statements are built from, in az, en and ru.

The words live in corpus/*.json beside this file, read once at start:
``general.json`` the pool of general sentences, ``themes.json`` the themes,
``phrases.json`` headings, quotes, closings and the short texts of images,
corrections and the like, ``names.json`` places, extra topics and people,
outlets and reporters.

Every entry is the same text in the three languages, so a statement built by
picking entries by index reads as one text translated twice, as the office's
own statements do. Each statement has a theme (its topics, its title, a
handful of theme sentences); the rest of the body comes from a pool of
general sentences in the office's register. A word that only a theme uses
(``detention``) therefore occurs in about one statement in eight: a realistic
search with many results.

Theme titles and summaries may name a place: ``{place_en}``, ``{place_az}``,
``{place_ru}`` (``{place_ru_cap}`` at the start of a Russian title); a quote
names the Commissioner as ``{name}``.
"""

import json
from pathlib import Path
from typing import NamedTuple

CORPUS = Path(__file__).resolve().parent / "corpus"


class Text(NamedTuple):
    az: str
    en: str
    ru: str


class Place(NamedTuple):
    """A town, in the form a title needs: English, Azerbaijani locative
    ("in Ganja" = "Gəncədə") and Russian with its preposition."""

    en: str
    az: str
    ru: str


class Theme(NamedTuple):
    """What a statement is about: its topics, titles, lead, heading, sentences."""

    key: str
    topics: list
    titles: list
    summary: Text
    heading: Text
    sentences: list


def _read(name):
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def _text(entry):
    return Text(entry["az"], entry["en"], entry["ru"])


def _texts(entries):
    return [_text(entry) for entry in entries]


def _theme(entry):
    return Theme(
        entry["key"],
        entry["topics"],
        _texts(entry["titles"]),
        _text(entry["summary"]),
        _text(entry["heading"]),
        _texts(entry["sentences"]),
    )


_names = _read("names")
PLACES = [Place(p["en"], p["az"], p["ru"]) for p in _names["places"]]
# Topics beyond the ten of the demo content (demo/demo.json).
EXTRA_TOPICS = {key: _text(name) for key, name in _names["topics"].items()}
# People beyond the demo's Commissioner and press service (fictional).
EXTRA_PEOPLE = {
    key: (_text(person["name"]), _text(person["role"]))
    for key, person in _names["people"].items()
}
OUTLETS = _names["outlets"]
REPORTERS = _names["reporters"]

GENERAL = _texts(_read("general"))

_themes = _read("themes")
THEMES = [_theme(entry) for entry in _themes["themes"]]
# Anniversary statements: the title is built from the commemoration's name and
# the anniversary phrase (statements.i18n.ordinals), the rest from this theme.
MEMORY = _theme(_themes["memory"])

_phrases = _read("phrases")
HEADINGS = _texts(_phrases["headings"])
QUOTES = _texts(_phrases["quotes"])
RECOMMENDATIONS_LEAD = _text(_phrases["recommendations_lead"])
RECOMMENDATIONS = _texts(_phrases["recommendations"])
CLOSINGS = _texts(_phrases["closings"])
LINK = _text(_phrases["link"])
# What the generated hero images show (data.py draws them).
IMAGE_ALTS = _texts(_phrases["image_alts"])
CAPTION = _text(_phrases["caption"])
RECIPIENTS = _texts(_phrases["recipients"])
CORRECTION = _text(_phrases["correction"])
WITHDRAWAL = _text(_phrases["withdrawal"])
ATTACHMENT_TITLE = _text(_phrases["attachment_title"])
