"""What every reader shares: the result, the error, the limits, small number formatters."""

from __future__ import annotations

from dataclasses import dataclass, field

from theodoi.lib.limits import DEFAULT_MAX_UPLOAD_BYTES, MB

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

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # too_large | empty | not_text | corrupt | encrypted | scanned | unsupported | invalid

    def __str__(self) -> str:
        return self.message


@dataclass
class ReadDocument:
    text: str  # NFC
    format: str  # txt | docx | pdf | html
    encoding: str | None = None  # txt/html: utf-8 | utf-16 | windows-1258 | tcvn3 | vni
    warnings: list[str] = field(default_factory=list)



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
