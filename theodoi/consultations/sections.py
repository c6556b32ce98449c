"""A draft's text → sections with stable keys, and the matching of sections across versions.

Plain Python (no Django): the consultation services call it when the office uploads a
version. A section is what a reader comments on: an article ("Điều 3."), or, in a draft
without articles, a top-level part ("I.", "1."). Keys are stable across versions so that a
comment made on version 1 stays on its section in version 2 when that section is unchanged
or edited (CONSUL's comments drift off their text when a draft changes: consul#5529).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from theodoi.extraction.structure import paragraphs
from theodoi.lib.text import search_key

# The section levels, from the most to the least specific a draft uses as its unit.
_LEVELS = ("article", "roman", "number")
# A top-level number has no dot inside ("3." but not "3.1.").
_TOP_NUMBER = re.compile(r"^\d{1,2}$")
# Sections this alike (difflib ratio on their search keys) are the same section, edited.
SAME_SECTION_RATIO = 0.6
PREAMBLE_KEY = "mo-dau"


@dataclass
class Section:
    key: str
    heading: str
    text: str
    start: int
    end: int


def _unit_paragraphs(text: str):
    found = paragraphs(text)
    for level in _LEVELS:
        starts = [p for p in found if p.marker_kind == level and (level != "number" or _TOP_NUMBER.match(p.marker))]
        if len(starts) >= 2:
            return starts
    return []


def _slug(marker: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", search_key(marker)).strip("-") or "phan"


def split_sections(text: str) -> list[Section]:
    """The sections of a draft in reading order, keyed by their marker ("dieu-3", "ii", "2").

    Text before the first section is the preamble ("mo-dau"); a draft with no structure at
    all is one section. Keys are unique within the version."""
    starts = _unit_paragraphs(text)
    sections: list[Section] = []
    bounds = [p.start for p in starts] + [len(text)]
    if not starts or text[:starts[0].start].strip():
        first_end = starts[0].start if starts else len(text)
        chunk = text[:first_end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            sections.append(Section(PREAMBLE_KEY, "", chunk.strip(), lead, lead + len(chunk.strip())))
    used: set[str] = {s.key for s in sections}
    for paragraph, end in zip(starts, bounds[1:]):
        chunk = text[paragraph.start:end].rstrip()
        key = base = _slug(paragraph.marker)
        n = 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        heading = text[paragraph.start:paragraph.end].strip()
        sections.append(Section(key, heading[:300], chunk, paragraph.start, paragraph.start + len(chunk)))
    return sections


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, search_key(a), search_key(b), autojunk=False).ratio()


def carry_keys(previous: list[Section], current: list[Section]) -> list[Section]:
    """Give the sections of a new version the keys of the previous version's sections they
    continue: the same text, else the most similar text above `SAME_SECTION_RATIO` (an
    edited or renumbered section); a section with no counterpart keeps a new, unused key.
    Each old key goes to at most one new section."""
    free = {s.key: s for s in previous}
    assigned: dict[int, str] = {}
    # Unchanged text first, wherever it moved.
    by_text = {search_key(s.text): s.key for s in previous}
    for i, section in enumerate(current):
        key = by_text.get(search_key(section.text))
        if key in free:
            assigned[i] = key
            del free[key]
    # Then the best remaining match for each edited section, best pairs first.
    pairs = sorted(
        ((_similarity(old.text, section.text), i, old.key)
         for i, section in enumerate(current) if i not in assigned for old in free.values()),
        reverse=True,
    )
    for ratio, i, key in pairs:
        if ratio < SAME_SECTION_RATIO:
            break
        if i in assigned or key not in free:
            continue
        assigned[i] = key
        del free[key]
    used = set(assigned.values()) | {s.key for s in previous}
    result = []
    for i, section in enumerate(current):
        key = assigned.get(i)
        if key is None:
            key, n = section.key, 2
            while key in used:
                key, n = f"{section.key}-v{n}", n + 1
            used.add(key)
        result.append(Section(key, section.heading, section.text, section.start, section.end))
    return result
