"""Deadlines as Vietnamese directive documents write them → (raw, due date, recurrence).

A period deadline is due on the period's last day: "Quý IV/2025" → 31/12/2025,
"tháng 6/2025" → 30/06/2025, "2026-2030" → 31/12/2030.

The phrase is matched without its diacritics ("Quy IV/2025", "truoc ngay 15/3/2026" are
typed that way in spreadsheets and e-mails), so every pattern below is written unaccented.

Readings an office has to settle, and what this module answers (03/12/2026):
- a day, month or quarter without its year ("trước 30/6", "Tháng 12", "Quý IV") is the next
  one on or after the document's date (`reference`); a plan signed in August that asks for
  something "trước 30/6" means next June;
- "đầu năm 2026" is its first quarter (31/03/2026), "giữa năm 2026" its first half
  (30/06/2026), "cuối năm 2026" its last day;
- "9 tháng", "6 tháng đầu năm": the months from January, due at the last one's end;
  "trong 9 tháng" is a duration, not that period, and gives nothing;
- a bare recurrence ("Hằng năm", "Hằng quý", "Hằng tháng") has no date: the status rule
  supplies the period's end (31/12 for a yearly task); a yearly day or period ("trước
  ngày 15/12 hằng năm", "Quý IV hằng năm") gives that day in the reference year, which the
  status rule reads as the day and month it falls due each year;
- "định kỳ 6 tháng" is yearly: no six-monthly recurrence exists, and yearly never marks a
  task overdue for a quarter that owes nothing;
- several cadences ("hằng quý, 6 tháng và hằng năm") give the most frequent one, since that
  is how often a report is owed; "thường xuyên" outranks them all;
- "trong vòng 30 ngày kể từ ngày ký / ban hành (Kế hoạch này)" counts from the document's
  date (`reference`, its signing day); counted from anything else ("kể từ ngày nhận được
  văn bản", "ngày làm việc") there is no date to put on a calendar, and nothing is given;
- "năm sau", "năm tới", "năm kế tiếp", "năm tiếp theo" are the year after the document's
  ("Quý II năm sau" in a plan of 2026 is 30/06/2027); "các năm sau" is a cadence, "2 năm
  sau khi …" a duration;
- without the document's date (`reference` None) every reading above that counts from it
  gives nothing: not the day the text happens to be read, which would change the deadline
  with the day of the upload. `needs_reference` tells the caller so, to ask the reviewer;
- a date with dots ("15.3.2026") needs its four-digit year, unless the phrase is nothing but
  the date (a table's cell, "15.3.26"): "mục 1.2.26", "mục 2.13.1" are section numbers.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from theodoi.lib.dates import month_end
from theodoi.lib.text import strip_diacritics

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
                  "mot": 1, "nhat": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4}
_QUARTER_NAME = r"(?:iv|i{1,3}|[1-4]|mot|nhat|hai|ba|tu|bon)\b"


@dataclass(frozen=True)
class Deadline:
    raw: str
    due: dt.date | None
    recurrence: str  # once | annual | quarterly | monthly | continuous

    def as_dict(self) -> dict:
        return {"raw": self.raw, "due": self.due.isoformat() if self.due else None,
                "recurrence": self.recurrence}


def _valid_year(year: int) -> bool:
    return 1945 <= year <= 2100


_YEAR = r"((?:19|20)\d{2})"
_DASH = r"\s*[-–—]\s*"
_SEP = r"\s*(?:/|nam|,\s*nam)\s*"

_CONTINUOUS = re.compile(r"\b(thuong xuyen|lien tuc|hang ngay)\b")
_ANNUAL = re.compile(r"\b(?:hang|moi)\s+nam\b|\b(?:cac|nhung)\s+nam\s+(?:tiep theo|sau|ke tiep)\b"
                     r"|\bdinh ky\s+(?:6|06|sau)\s+thang\b")
_QUARTERLY = re.compile(r"\b(?:hang|moi)\s+quy\b|\bdinh ky\s+(?:quy|3 thang|03 thang|ba thang)\b"
                        r"|\bthang\s+(?:cuoi|dau)\s+(?:cua\s+)?(?:moi\s+)?quy\b")
_MONTHLY = re.compile(r"\b(?:hang|moi)\s+thang\b|\bdinh ky\s+thang\b")

# dd/mm/yyyy; "." and "-" only unspaced ("3 - 4/2026" is a range of months, not 3 April),
# and never right after "tháng"/"quý" ("tháng 3-4/2026"). A two-digit year is this century's,
# except after dots: "1.2.26" is a section number ("mục 1.2.26") unless it is the whole phrase.
_FULL_DATE = re.compile(r"(?<!thang )(?<!quy )(?<![\d.])\b(\d{1,2})(?:(\s*/\s*|-)(\d{1,2})\2((?:19|20)?\d{2})"
                        r"|\.(\d{1,2})\.((?:19|20)\d{2}))\b(?![.]\d)")
_DOTTED_DATE_ONLY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})$")
# "30/6 năm 2027", "trước ngày 15/3, năm 2027": the year after "năm".
_DAY_MONTH_NAMED_YEAR = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*,?\s*nam\s+" + r"((?:19|20)\d{2})\b")
# "năm sau", "năm tới": the year after the document's; not "các năm sau" (a cadence) nor
# "2 năm sau khi …" (a duration).
_NEXT_YEAR = re.compile(r"(?<!cac )(?<!nhung )(?<!mot so )\bnam\s+(?:sau|toi|ke tiep|tiep theo)\b"
                        r"(?!\s+(?:khi|ngay|do|nua|va cac|cua))")
_ISO_DATE = re.compile(r"\b" + _YEAR + r"-(\d{2})-(\d{2})\b")
_WORD_DATE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:nam|,\s*nam|/)\s*" + _YEAR)
_DAY_MONTH = re.compile(r"\b(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/)")
_WORD_DAY_MONTH = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\b")
_QUARTER = re.compile(
    r"\bquy\s+(" + _QUARTER_NAME + r"(?:\s*(?:,|va|-|–)\s*(?:quy\s+)?" + _QUARTER_NAME + r")*)" + _SEP + _YEAR
)
_YEARLESS_QUARTER = re.compile(r"\bquy\s+(" + _QUARTER_NAME + r")")
# The first months of a year: "6 tháng đầu năm 2026", "9 tháng năm 2026".
_MONTHS_OF_YEAR = re.compile(r"\b(3|03|6|06|9|09|sau|chin)\s+thang\s+(?:dau\s+)?nam\s*" + _YEAR)
_HALF_LATE = re.compile(r"\b(?:6|06|sau)\s+thang\s+cuoi\s+nam\s*" + _YEAR)
_YEARLESS_MONTHS = re.compile(r"\b(3|03|6|06|9|09|sau|chin)\s+thang\s+dau\s+nam\b|^(?:bao cao\s+)?(3|6|9)\s+thang$")
_PART_OF_YEAR = re.compile(r"(?<!thang )\b(dau|giua|cuoi|het)\s+nam\s*" + _YEAR)
_YEARLESS_PART = re.compile(r"(?<!thang )\b(dau|giua|cuoi|het)\s+nam\b|\bnam nay\b")
_PART_END = {"dau": 3, "giua": 6, "cuoi": 12, "het": 12, "nay": 12}
_MONTH = re.compile(r"\bthang\s+(?:\d{1,2}\s*(?:[-–,]|va)\s*)*(\d{1,2})" + _SEP + _YEAR)
_YEARLESS_MONTH = re.compile(r"\bthang\s+(?:\d{1,2}\s*(?:[-–,]|va)\s*)*(\d{1,2})\b")
_RANGE = re.compile(r"\b" + _YEAR + _DASH + _YEAR + r"\b")
_YEAR_ONLY = re.compile(r"\b(?:nam\s+)?" + _YEAR + r"\b")
_WORD_NUMBERS = {"sau": 6, "chin": 9}

# "trong vòng 30 ngày kể từ ngày ký", "trong thời hạn 15 ngày kể từ ngày ban hành Kế hoạch
# này": counted from the document's own signing, the one day the parser knows (`reference`).
_FROM_SIGNING = re.compile(
    r"\b(?:trong(?:\s+vong|\s+thoi\s+han|\s+thoi\s+gian)?|cham nhat(?:\s+la)?|khong qua)\s+(\d{1,3})\s+(ngay|thang)"
    r"\s+(?:ke\s+)?tu\s+(?:ngay\s+)?(?:ky|ban hanh)"
    r"(?:\s+(?:ke hoach|quyet dinh|chi thi|nghi quyet|thong bao|chuong trinh|cong dien|van ban)(?:\s+nay)?|\s+nay)?"
    r"\s*(?:[.,;)]|$)"
)
# "Từ ngày 01/02/2026": when it starts, not when it is due.
_STARTS = re.compile(r"^(?:ke\s+)?tu\s+(?:ngay|nam|thang|quy|nay|dau|giua|cuoi|\d)")


def _norm(text: str) -> str:
    return strip_diacritics(re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold())


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_year(digits: str) -> int:
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _is_next_year(text: str, match: re.Match[str]) -> bool:
    """"tháng 12 năm sau", "31/12 năm sau" name next year; "2 năm sau" counts years."""
    before = text[:match.start()]
    return not re.search(r"(?:^|\s)\d{1,3}\s+$", before) or bool(re.search(r"(?:thang\s+|/\s*)\d{1,2}\s+$", before))


def _full_date_parts(match: re.Match[str]) -> tuple[int, int, int]:
    """(year, month, day) of a `_FULL_DATE` match, slashed or dotted."""
    if match.group(3) is not None:
        return _full_year(match.group(4)), int(match.group(3)), int(match.group(1))
    return int(match.group(6)), int(match.group(5)), int(match.group(1))


# "trước năm 2027", "trước quý III/2026", "trước tháng 6/2026": before the period starts,
# so due on the last day of the period before it. ("trước ngày 30/6/2026" keeps its date:
# offices write it for "by that day".)
_BEFORE_YEAR = re.compile(r"\btruoc\s+(?:nam\s+)?" + _YEAR + r"\b(?!\s*[-–—/]\s*\d)")
_BEFORE_QUARTER = re.compile(r"\btruoc\s+quy\s+(" + _QUARTER_NAME + r")" + _SEP + _YEAR)
_BEFORE_MONTH = re.compile(r"\btruoc\s+thang\s+(\d{1,2})" + _SEP + _YEAR)


def _before_period(text: str) -> tuple[list[dt.date], str]:
    """Due dates of the "trước <period>" phrases in `text`, and the text without them."""
    dates: list[dt.date] = []

    def take(pattern: re.Pattern[str], start_of: Callable[[re.Match[str]], dt.date | None], text: str) -> str:
        def cut(match: re.Match[str]) -> str:
            start = start_of(match)
            if start is None:
                return match.group(0)
            dates.append(start - dt.timedelta(days=1))
            return " "
        return pattern.sub(cut, text)

    def year_start(m: re.Match[str]) -> dt.date | None:
        year = int(m.group(1))
        return dt.date(year, 1, 1) if _valid_year(year) else None

    def quarter_start(m: re.Match[str]) -> dt.date | None:
        year = int(m.group(2))
        return dt.date(year, 3 * ROMAN_QUARTERS[m.group(1)] - 2, 1) if _valid_year(year) else None

    def month_start(m: re.Match[str]) -> dt.date | None:
        month, year = int(m.group(1)), int(m.group(2))
        return dt.date(year, month, 1) if 1 <= month <= 12 and _valid_year(year) else None

    text = take(_BEFORE_QUARTER, quarter_start, text)
    text = take(_BEFORE_MONTH, month_start, text)
    text = take(_BEFORE_YEAR, year_start, text)
    return dates, text


def _recurrence(text: str) -> str:
    """The cadence the phrase names; of several, the most frequent (how often a report is owed)."""
    if _CONTINUOUS.search(text):
        return "continuous"
    for recurrence, pattern in (("monthly", _MONTHLY), ("quarterly", _QUARTERLY), ("annual", _ANNUAL)):
        if pattern.search(text):
            return recurrence
    return "once"


def parse_deadline(raw: str | None, *, reference: dt.date | None = None) -> Deadline | None:
    """Parse a deadline phrase; None if the text holds no deadline it understands.

    The one reading of a deadline for the extractor, the task-table importer and the review
    screen. `reference` is the document's date: it gives the year of a day or period written
    without one ("15/12 hằng năm", "trước 30/6", "Quý IV") and the day a count "kể từ ngày
    ký" starts from.
    """
    if not raw or not raw.strip():
        return None
    raw = unicodedata.normalize("NFC", raw).strip()
    text = _norm(raw)
    recurrence = _recurrence(text)

    dotted = _DOTTED_DATE_ONLY.match(text)
    if dotted:  # the whole phrase is a short dotted date (a table's cell)
        text = f"{dotted.group(1)}/{dotted.group(2)}/{dotted.group(3)}"
    if any(_safe_date(*_full_date_parts(m)) is None for m in _FULL_DATE.finditer(text)):
        return None  # "31/02/2025" is a typo to send back, not a year to guess
    if any(_is_next_year(text, m) for m in _NEXT_YEAR.finditer(text)):
        if reference is None:
            return None  # the year after the document's, and the document has no date
        following = f"nam {reference.year + 1}"
        text = _NEXT_YEAR.sub(lambda m: following if _is_next_year(text, m) else m.group(0), text)
    if any(not 1 <= int(m.group(1)) <= 12 for m in _MONTH.finditer(text)):
        return None  # likewise "tháng 13/2025"
    if recurrence == "once" and _STARTS.match(text) and not re.search(r"\b(?:den|toi|truoc)\b", text):
        return None
    # "định kỳ 6 tháng" names a cadence, not the first half of a year
    text = re.sub(r"\bdinh ky\s+(?:\d{1,2}|sau|ba)\s+thang\b", " ", text)
    before, rest = _before_period(text)
    due = _due_date(rest)
    if before:
        due = max([*before, due] if due else before)
    if due is None and recurrence in ("once", "annual") and reference is not None:
        due = _yearless_due(rest, reference) if not _YEAR_ONLY.search(rest) else None
    if due is None and recurrence == "once" and reference is not None:
        due = _from_signing(text, reference)
    if due is None and recurrence == "once":
        return None
    return Deadline(raw=raw, due=due, recurrence=recurrence)


def _due_date(text: str) -> dt.date | None:
    """The latest date the phrase allows (the end of the last period it names)."""
    candidates: list[dt.date] = []
    for m in _WORD_DATE.finditer(text):
        d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            candidates.append(d)
    for m in _FULL_DATE.finditer(text):
        d = _safe_date(*_full_date_parts(m))
        if d and _valid_year(d.year):
            candidates.append(d)
    for m in _DAY_MONTH_NAMED_YEAR.finditer(text):
        d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            candidates.append(d)
    for m in _ISO_DATE.finditer(text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            candidates.append(d)
    if candidates:
        return max(candidates)
    for m in _QUARTER.finditer(text):
        quarters = [ROMAN_QUARTERS[q] for q in re.findall(_QUARTER_NAME, m.group(1))]
        year = int(m.group(2))
        if quarters and _valid_year(year):
            candidates.append(month_end(year, 3 * max(quarters)))
    for m in _MONTHS_OF_YEAR.finditer(text):
        months = _WORD_NUMBERS.get(m.group(1)) or int(m.group(1))
        candidates.append(month_end(int(m.group(2)), months))
    for m in _HALF_LATE.finditer(text):
        candidates.append(dt.date(int(m.group(1)), 12, 31))
    for m in _PART_OF_YEAR.finditer(text):
        candidates.append(month_end(int(m.group(2)), _PART_END[m.group(1)]))
    for m in _MONTH.finditer(text):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and _valid_year(year):
            candidates.append(month_end(year, month))
    if candidates:
        return max(candidates)
    for m in _RANGE.finditer(text):
        start, end = int(m.group(1)), int(m.group(2))
        if _valid_year(end) and end >= start:
            return dt.date(end, 12, 31)
    years = [int(m.group(1)) for m in _YEAR_ONLY.finditer(text) if _valid_year(int(m.group(1)))]
    if years:
        return dt.date(max(years), 12, 31)
    return None


def _next_on_or_after(reference: dt.date, month: int, day: int | None = None) -> dt.date | None:
    """That day (the month's end if none) in the reference year, or the next year if it has passed."""
    for year in (reference.year, reference.year + 1):
        due = _safe_date(year, month, day) if day else (month_end(year, month) if 1 <= month <= 12 else None)
        if due is None:
            return None
        if due >= reference:
            return due
    return due


def _yearless_due(text: str, reference: dt.date) -> dt.date | None:
    """A day or period written without its year ("trước 30/6", "Tháng 12", "Quý IV",
    "6 tháng đầu năm"): the next one on or after the document's date."""
    candidates: list[dt.date | None] = []
    for m in _WORD_DAY_MONTH.finditer(text):
        candidates.append(_next_on_or_after(reference, int(m.group(2)), int(m.group(1))))
    for m in _DAY_MONTH.finditer(text):
        candidates.append(_next_on_or_after(reference, int(m.group(2)), int(m.group(1))))
    if not any(candidates):
        for m in _YEARLESS_QUARTER.finditer(text):
            last = 3 * ROMAN_QUARTERS[m.group(1)]
            # "trước quý III": by the end of the quarter before it, as with a year
            candidates.append(_next_on_or_after(reference, (last - 4) % 12 + 1 if _before(text, m) else last))
        for m in _YEARLESS_MONTHS.finditer(text):
            count = m.group(1) or m.group(2)
            candidates.append(_next_on_or_after(reference, _WORD_NUMBERS.get(count) or int(count)))
        for m in _YEARLESS_PART.finditer(text):
            candidates.append(_next_on_or_after(reference, _PART_END[m.group(1) or "nay"]))
        for m in _YEARLESS_MONTH.finditer(text):
            month = int(m.group(1))
            candidates.append(_next_on_or_after(reference, (month - 2) % 12 + 1 if _before(text, m) else month))
    found = [d for d in candidates if d]
    return max(found) if found else None


def _before(text: str, match: re.Match[str]) -> bool:
    return text[:match.start()].endswith("truoc ")


def _from_signing(text: str, reference: dt.date) -> dt.date | None:
    match = _FROM_SIGNING.search(text)
    if not match:
        return None
    count = int(match.group(1))
    if match.group(2) == "ngay":
        return reference + dt.timedelta(days=count)
    months = reference.month - 1 + count
    year, month = reference.year + months // 12, months % 12 + 1
    return min(_safe_date(year, month, reference.day) or month_end(year, month), month_end(year, month))


def needs_reference(raw: str | None) -> bool:
    """Whether the phrase is dated only from the document's date ("Trong 30 ngày kể từ
    ngày ký", "Trước ngày 30/6", "Quý II năm sau"): without it, the reviewer must be asked."""
    if not raw or not raw.strip():
        return False
    without = parse_deadline(raw)
    if without is not None and without.due is not None:
        return False
    dated = parse_deadline(raw, reference=dt.date(2000, 1, 1))
    return dated is not None and dated.due is not None
