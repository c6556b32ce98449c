"""Normalised text → paragraphs, list markers, headings and sentences, all with offsets.

Offsets always point into the text as given (NFC). PDF text layers break lines inside
sentences; such soft breaks are joined into one paragraph without changing the text.
"""

import re
from dataclasses import dataclass, field

from theodoi.lib.text import is_mostly_capitals

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_MARKERS = [
    ("article", re.compile(r"^(Điều\s+\d+[a-z]?)\s*[.:]\s*")),
    ("part", re.compile(r"^((?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:" + ROMAN + r"|\d+|thứ\s+\w+))\s*[.:]?\s*")),
    ("roman", re.compile(r"^(" + ROMAN + r")\s*[.)]\s+(?=\S)")),
    ("number", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s+(?=\S)|^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})*)\s+(?=\S)")),
    ("letter", re.compile(r"^([a-zđ])\s*\)\s*")),
    ("bullet", re.compile(r"^([-–—+•*·▪◦]|\*)\s*(?=\S)")),
]
_TERMINAL = re.compile(r"[.!?…:;)\"”]\s*$")
_SENTENCE_TERMINAL = re.compile(r"[.!?…:][\"”’)]*\s*$")
_LIST_START = re.compile(
    r"^(?:(?:" + ROMAN + r")\s*[.)]\s|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s|[a-zđ]\s*\)|[-–—+•*·▪◦]\s|Điều\s+\d)"
)


@dataclass
class Paragraph:
    start: int
    end: int
    marker_kind: str | None = None
    marker: str = ""
    body_start: int = 0  # where the text after the list marker starts
    cells: list[tuple[int, int]] = field(default_factory=list)  # table rows: cell spans

    def text(self, source: str) -> str:
        return source[self.start:self.end]

    def body(self, source: str) -> str:
        return source[self.body_start:self.end]

    @property
    def is_table_row(self) -> bool:
        return len(self.cells) > 1


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The width at which the text was wrapped, if it was (most long lines share it)."""
    lengths = sorted(e - s for s, e in lines if "\t" not in text[s:e] and e - s > 30)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= 0.8 * width)
    # Paragraph-per-line text has lengths all over the place; wrapped text piles up near the width.
    return width if width < 200 and near >= 0.4 * len(lengths) else None


def paragraphs(text: str) -> list[Paragraph]:
    """Split into paragraphs; rejoin lines broken inside a sentence (PDF text layers)."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    width = _wrap_width(text, lines)
    result: list[Paragraph] = []
    current: list[int] | None = None
    for start, end in lines:
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        if current is not None and text.count("\n", current[1], start) > 1:
            current = None  # a blank line always ends the paragraph
        if current is not None and "\t" not in line:
            previous = text[current[0]:current[1]].rstrip()
            # A PDF text layer wraps lines at the page width: a line that reaches it and
            # does not end a sentence continues on the next line, whatever that starts with.
            wrapped = width is not None and len(previous) >= 0.8 * width
            ends = _SENTENCE_TERMINAL.search(previous) if wrapped else _TERMINAL.search(previous)
            soft_break = (
                not ends
                and not _LIST_START.match(stripped)
                and not is_mostly_capitals(previous)
                and (wrapped or stripped[0].islower() or stripped[0] in "(,–-" or previous.endswith(","))
                and "\t" not in previous
            )
            if soft_break:
                current[1] = end
                result[-1].end = end
                continue
        current = [start, end]
        result.append(Paragraph(start, end))
    for paragraph in result:
        _classify(text, paragraph)
    return result


def _classify(text: str, paragraph: Paragraph) -> None:
    # Trim surrounding white space so offsets hug the words.
    raw = text[paragraph.start:paragraph.end]
    lead = len(raw) - len(raw.lstrip())
    paragraph.start += lead
    paragraph.end -= len(raw) - len(raw.rstrip())
    paragraph.body_start = paragraph.start
    line = text[paragraph.start:paragraph.end]
    if "\t" in line:
        cells = []
        position = paragraph.start
        for cell in line.split("\t"):
            inner_lead = len(cell) - len(cell.lstrip())
            cells.append((position + inner_lead, position + len(cell.rstrip())))
            position += len(cell) + 1
        paragraph.cells = cells
        return
    for kind, pattern in _MARKERS:
        match = pattern.match(line)
        if match and (kind != "roman" or match.group(1)):
            paragraph.marker_kind = kind
            paragraph.marker = next(g for g in match.groups() if g)
            paragraph.body_start = paragraph.start + match.end()
            return


# Sentence ends: . ! ? … followed by space and an upper-case letter or an opening quote,
# but not after abbreviations ("TP.", "TS.", "v.v.") or a number ("Điều 1.").
_ABBREVIATIONS = {"tp", "tt", "ts", "ths", "pgs", "gs", "ng", "v.v", "q", "p", "tx", "h", "đ", "st", "tr", "nxb"}
_SENTENCE_END = re.compile(r"([.!?…]+)([\"”’)]*)(\s+)")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside [start, end)."""
    spans = []
    chunk = text[start:end]
    cursor = 0
    for match in _SENTENCE_END.finditer(chunk):
        after = match.end()
        if after >= len(chunk):
            break
        following = chunk[after]
        if not (following.isupper() or following in "“\"'(" or following.isdigit() and match.group(1) == "."):
            continue
        word = re.search(r"([\w.]+)$", chunk[cursor:match.start()])
        if match.group(1) == "." and word:
            token = word.group(1).lower()
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            if token.isdigit() and following.isdigit():
                continue
        if match.group(1).startswith("...") or match.group(1) == "…":
            # "tài chính,... để" is a list trailing off, not a sentence end.
            if not following.isupper():
                continue
        spans.append((start + cursor, start + match.start() + len(match.group(1)) + len(match.group(2))))
        cursor = after
    tail = chunk[cursor:].rstrip()
    if tail.strip():
        spans.append((start + cursor, start + cursor + len(tail)))
    return [(s, e) for s, e in spans if text[s:e].strip()]
