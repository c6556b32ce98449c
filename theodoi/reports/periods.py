"""The ranking and report periods a request may name: quarters and years."""

import datetime as dt

from django.utils.translation import gettext as _

from theodoi.core.exceptions import ApplicationError
from theodoi.tasks.periods import Period, period_containing, period_from_key


def parse_period(key: str | None, *, today: dt.date) -> Period:
    """"2025-Q4" or "2025"; empty means the current quarter. A clear message otherwise."""
    if not key:
        return period_containing("quarter", today)
    try:
        period = period_from_key(key.strip())
    except ValueError:
        period = None
    if period is None or period.kind == "month" or not 2000 <= period.start.year <= 2100:
        raise ApplicationError(_("Kỳ '%(key)s' không hợp lệ: ghi theo dạng 2025-Q4 (quý) hoặc 2025 (năm).")
                               % {"key": key})
    return period


def period_choices(today: dt.date, *, years_back: int = 2) -> list[Period]:
    """Quarters and years offered in the period menu: this year and the two before it."""
    choices: list[Period] = []
    for year in range(today.year, today.year - years_back - 1, -1):
        choices.append(period_containing("year", dt.date(year, 1, 1)))
        choices += [period_containing("quarter", dt.date(year, m, 1)) for m in (10, 7, 4, 1)]
    return choices
