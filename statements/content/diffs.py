"""Paragraph-level differences between two texts, for people to read: what a
source changed since it was translated, what another editor changed while a
form was open."""

import difflib
from dataclasses import dataclass


@dataclass
class ParagraphChange:
    kind: str  # "changed", "added" or "removed"
    before: str
    after: str


def paragraph_changes(before_text, after_text):
    """The paragraphs (lines) that differ, paired where one replaced another."""
    before = [line for line in (before_text or "").splitlines() if line.strip()]
    after = [line for line in (after_text or "").splitlines() if line.strip()]
    changes = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = before[i1:i2], after[j1:j2]
        for index in range(max(len(old), len(new))):
            was = old[index] if index < len(old) else ""
            now = new[index] if index < len(new) else ""
            kind = "changed" if was and now else ("added" if now else "removed")
            changes.append(ParagraphChange(kind, was, now))
    return changes
