"""One rule for the text that is stored, at every entrance.

- Refused, with a message: NUL and unpaired surrogates. Neither is text;
  PostgreSQL cannot store the first, nor UTF-8 the second, and both mean the
  source is damaged. (Django's form fields already refuse NUL.)
- Removed: every other control character except tab and newline (a carriage
  return becomes a newline, a vertical tab or form feed, which word
  processors put in pasted text, becomes a newline or a space); in
  single-line fields, newlines and tabs become spaces and the bidirectional
  controls (embeddings, overrides, isolates and marks), which can make a
  title read differently from what it says, are removed.

clean_text() applies it (models.pre_save and TranslatedTextField do, so no
path into the database skips it); text_problem() names what is refused.
xml_safe() is for output: whatever is already stored, a feed or a sitemap
never fails on it.
"""

import re

# C0 and C1 controls except tab (09) and newline (0A); CR, VT and FF are
# turned into line breaks or spaces before these are removed.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# XML 1.0 allows tab, newline, CR and these ranges only.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text_problem(value):
    """Why ``value`` cannot be stored as text, or None."""
    if not isinstance(value, str):
        return None
    if "\x00" in value:
        return "contains a NUL character (\\u0000), which is not text"
    found = _SURROGATE.search(value)
    if found:
        return (
            f"contains an unpaired surrogate (\\u{ord(found.group()):04x}), "
            "which is not valid Unicode text"
        )
    return None


def clean_text(value, multiline=True):
    """``value`` with what the rule removes removed (see the module's text)."""
    if not isinstance(value, str) or not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if multiline:
        value = value.replace("\x0b", "\n").replace("\x0c", "\n")
    else:
        value = re.sub("[\t\n\x0b\x0c]", " ", value)
        value = _BIDI.sub("", value)
    value = _CONTROLS.sub("", value)
    return _SURROGATE.sub("", value)


def clean_translated(texts, multiline=True):
    if not isinstance(texts, dict):
        return texts
    return {
        code: clean_text(text, multiline) if isinstance(text, str) else text
        for code, text in texts.items()
    }


def xml_safe(value):
    """``value`` with every character XML 1.0 cannot carry removed."""
    if not isinstance(value, str):
        return value
    return _NOT_XML.sub("", value)
