"""Deadlines as Vietnamese directive documents write them → (raw, due date, recurrence).

A period deadline is due on the period's last day: "Quý IV/2025" → 31/12/2025,
"tháng 6/2025" → 30/06/2025, "2026-2030" → 31/12/2030.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from theodoi.lib.dates import month_end

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


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
_SEP = r"\s*(?:/|năm|,\s*năm)\s*"

_CONTINUOUS = re.compile(r"\b(thường xuyên|liên tục|hằng ngày|hàng ngày)\b")
_ANNUAL = re.compile(r"\b(hằng|hàng|mỗi)\s+năm\b")
_QUARTERLY = re.compile(r"\b(hằng|hàng|mỗi)\s+quý\b")
_MONTHLY = re.compile(r"\b(hằng|hàng|mỗi)\s+tháng\b")

_FULL_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _YEAR + r"\b")
_ISO_DATE = re.compile(r"\b" + _YEAR + r"-(\d{2})-(\d{2})\b")
_WORD_DATE = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+" + _YEAR)
_DAY_MONTH = re.compile(r"\b(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/)")
_QUARTER = re.compile(
    r"\bquý\s+((?:i{1,3}|iv|[1-4])(?:\s*(?:,|và|-|–)\s*(?:i{1,3}|iv|[1-4]))*)" + _SEP + _YEAR
)
_HALF = re.compile(r"\b(6 tháng đầu năm|sáu tháng đầu năm)\s*" + _YEAR)
_HALF_LATE = re.compile(r"\b(6 tháng cuối năm|sáu tháng cuối năm)\s*" + _YEAR)
_MONTH = re.compile(r"\btháng\s+(\d{1,2})" + _SEP + _YEAR)
_RANGE = re.compile(r"\b" + _YEAR + _DASH + _YEAR + r"\b")
_YEAR_ONLY = re.compile(r"\b(?:năm\s+)?" + _YEAR + r"\b")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# "trước năm 2027", "trước quý III/2026", "trước tháng 6/2026": before the period starts,
# so due on the last day of the period before it. ("trước ngày 30/6/2026" keeps its date:
# offices write it for "by that day".)
_BEFORE_YEAR = re.compile(r"\btrước\s+(?:năm\s+)?" + _YEAR + r"\b(?!\s*[-–—/]\s*\d)")
_BEFORE_QUARTER = re.compile(r"\btrước\s+quý\s+(i{1,3}|iv|[1-4])" + _SEP + _YEAR)
_BEFORE_MONTH = re.compile(r"\btrước\s+tháng\s+(\d{1,2})" + _SEP + _YEAR)


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


def parse_deadline(raw: str | None, *, reference: dt.date | None = None) -> Deadline | None:
    """Parse a deadline phrase; None if the text holds no deadline it understands.

    The one reading of a deadline for the extractor, the task-table importer and the review
    screen. `reference` gives the year for yearly days without a year ("15/12 hằng năm").
    """
    if not raw or not raw.strip():
        return None
    raw = unicodedata.normalize("NFC", raw).strip()
    text = _norm(raw)

    recurrence = "once"
    if _CONTINUOUS.search(text):
        recurrence = "continuous"
    elif _ANNUAL.search(text):
        recurrence = "annual"
    elif _QUARTERLY.search(text):
        recurrence = "quarterly"
    elif _MONTHLY.search(text):
        recurrence = "monthly"

    if any(_safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1))) is None
           for m in _FULL_DATE.finditer(text)):
        return None  # "31/02/2025" is a typo to send back, not a year to guess
    if any(not 1 <= int(m.group(1)) <= 12 for m in _MONTH.finditer(text)):
        return None  # likewise "tháng 13/2025"
    if recurrence == "once" and re.match(r"^(?:kể\s+)?từ\b", text) and not re.search(r"\b(?:đến|tới|trước)\b", text):
        return None  # "Từ ngày 01/02/2026": when it starts, not when it is due
    before, rest = _before_period(text)
    due = _due_date(rest)
    if before:
        due = max([*before, due] if due else before)
    if due is None and recurrence == "annual":
        match = _DAY_MONTH.search(text)
        if match:
            year = (reference or dt.date.today()).year
            due = _safe_date(year, int(match.group(2)), int(match.group(1)))
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
        quarters = [ROMAN_QUARTERS[q] for q in re.findall(r"iv|i{1,3}|[1-4]", m.group(1))]
        year = int(m.group(2))
        if quarters and _valid_year(year):
            candidates.append(month_end(year, 3 * max(quarters)))
    for m in _HALF.finditer(text):
        candidates.append(dt.date(int(m.group(2)), 6, 30))
    for m in _HALF_LATE.finditer(text):
        candidates.append(dt.date(int(m.group(2)), 12, 31))
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
