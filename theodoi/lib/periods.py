"""Periods (month, quarter, year) as plain values: the one home of period arithmetic, used by
the task reports (`tasks/periods.py` adds their cadence) and the indicators.

Plain Python, no Django. A label's words are Vietnamese message ids; the core app installs
Django's gettext with `use_translation` at start-up, so screens show them in the active
language and plain-Python callers get the Vietnamese.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from theodoi.lib.dates import month_end

PeriodKind = Literal["month", "quarter", "year"]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_translate: Callable[[str], str] = str


def use_translation(translate: Callable[[str], str]) -> None:
    """Route the labels' message ids through `translate` (Django's gettext, set by core)."""
    global _translate
    _translate = translate


def gettext(message: str) -> str:
    # Named gettext so that makemessages collects the message ids below.
    return _translate(message)


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    kind: PeriodKind

    @property
    def label(self) -> str:
        """The name shown on screen, e.g. "Quý III/2026", in the active language."""
        year = self.start.year
        if self.kind == "year":
            return gettext("Năm %(year)s") % {"year": year}
        if self.kind == "quarter":
            return gettext("Quý %(quarter)s/%(year)s") % {"quarter": ROMAN[(self.start.month - 1) // 3 + 1], "year": year}
        return gettext("Tháng %(month)s/%(year)s") % {"month": self.start.month, "year": year}

    @property
    def key(self) -> str:
        """Stable identifier used in forms and URLs, e.g. 2026-Q3, 2026-M07, 2026."""
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-M{self.start.month:02d}"

    def previous(self) -> "Period":
        return period_containing(self.kind, self.start - dt.timedelta(days=1))

    def next(self) -> "Period":
        return period_containing(self.kind, self.end + dt.timedelta(days=1))


def period_containing(kind: PeriodKind, day: dt.date) -> Period:
    if kind == "year":
        return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), kind)
    if kind == "quarter":
        first = (day.month - 1) // 3 * 3 + 1
        return Period(dt.date(day.year, first, 1), month_end(day.year, first + 2), kind)
    return Period(dt.date(day.year, day.month, 1), month_end(day.year, day.month), kind)


def period_from_key(key: str) -> Period:
    """Inverse of Period.key; raises ValueError on anything else."""
    try:
        if "-Q" in key:
            year, quarter = key.split("-Q")
            q = int(quarter)
            if not 1 <= q <= 4:
                raise ValueError
            return period_containing("quarter", dt.date(int(year), 3 * q - 2, 1))
        if "-M" in key:
            year, month = key.split("-M")
            return period_containing("month", dt.date(int(year), int(month), 1))
        return period_containing("year", dt.date(int(key), 1, 1))
    except (ValueError, TypeError):
        raise ValueError(f"Kỳ báo cáo không hợp lệ: {key!r}") from None
