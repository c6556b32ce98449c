"""What every reader shares: the result, the error, the limits, small number formatters."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from theodoi.lib.limits import DEFAULT_MAX_UPLOAD_BYTES, MB
from theodoi.lib.text import strip_format_chars

# The apps pass settings.MAX_UPLOAD_BYTES; the default is the same one.
MAX_BYTES = DEFAULT_MAX_UPLOAD_BYTES
DOCX_MAX_UNCOMPRESSED = 100 * MB  # all members of the zip together, as really inflated
DOCX_MAX_MEMBERS = 10_000
PDF_MAX_PAGES = 1_000
# The PDF child process. One content or font stream may inflate to at most this much: a
# page of text is tens of kilobytes, and pypdf needs about 5 s of CPU per megabyte of text
# operators, so a bigger page is refused rather than interpreted for minutes.
PDF_MAX_STREAM_BYTES = 2 * MB
# Its address space (Python and pypdf peak at about 40 MB resident, 60 MB mapped), its CPU
# time (a 300-page text PDF takes about 15 s on one slow core) and its wall time.
PDF_MAX_ADDRESS_SPACE = 512 * MB
PDF_MAX_CPU_SECONDS = 30
PDF_WALL_SECONDS = 45
PDF_TEXT_PAGE_LETTERS = 40  # a page with fewer letters has no real text layer


class ReadError(Exception):
    """The file cannot be read; `message` says why in Vietnamese and what to do."""

    def __init__(self, message: str, code: str = "invalid", *, page_count: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # too_large | empty | not_text | corrupt | encrypted | scanned | unsupported | invalid
        self.page_count = page_count  # "scanned": the pages to recognise (readers.ocr)

    def __str__(self) -> str:
        return self.message


@dataclass
class ReadDocument:
    text: str  # NFC
    format: str  # txt | docx | pdf | html
    encoding: str | None = None  # txt/html: utf-8 | utf-16 | windows-1258 | tcvn3 | vni
    warnings: list[str] = field(default_factory=list)
    # PDF only: each page's text (finished like the whole), and the pages that had no text
    # layer, which `readers.ocr` can recognise and put back in place.
    pages: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)



def int_or(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def roman_number(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letter_number(n: int) -> str:
    """Word's letter numbering: a … z, then aa … zz, aaa …"""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


BULLET = "-"


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def finish_text(text: str) -> str:
    """NFC, one kind of line break, no invisible characters, at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\f\v\u2028\u2029\u0085]", "\n", text)
    text = strip_format_chars(text)  # zero-width spaces and joiners, soft hyphens, bidi marks
    text = _CONTROL.sub("", text)
    text = re.sub("[\u00a0\u2007\u202f]", " ", text)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r" +$", "", text, flags=re.MULTILINE)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")
