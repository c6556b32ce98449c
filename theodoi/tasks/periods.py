"""Reporting cadence of tasks (which periods a task reports on); the periods are `lib/periods.py`."""

import datetime as dt

# The arithmetic of periods lives in lib (indicators, below tasks, uses it too); the names
# are re-exported so callers keep importing them from here.
from theodoi.lib.periods import ROMAN, Period, PeriodKind, period_containing, period_from_key

__all__ = ["ROMAN", "Period", "PeriodKind", "period_containing", "period_from_key", "REPORTING_CADENCE",
           "REPORTABLE_PAST_PERIODS", "cadence_for", "reporting_periods"]


# Which cadence an agency reports on, by the task's recurrence: the one map, used by the
# report form, the report service, the status rule and its explanation. One-off and
# continuous tasks are reported on the office's quarterly cycle.
REPORTING_CADENCE: dict[str, PeriodKind] = {
    "annual": "year",
    "quarterly": "quarter",
    "monthly": "month",
    "continuous": "quarter",
    "once": "quarter",
}
REPORTABLE_PAST_PERIODS = 3


def cadence_for(recurrence: str) -> PeriodKind:
    return REPORTING_CADENCE.get(recurrence, "quarter")


def reporting_periods(recurrence: str, today: dt.date, *, back: int = REPORTABLE_PAST_PERIODS) -> list[Period]:
    """The periods an agency may report for now: the current one and a few before it.

    The form offers exactly these and the report service accepts only these."""
    current = period_containing(cadence_for(recurrence), today)
    periods = [current]
    for _ in range(back):
        periods.append(periods[-1].previous())
    return periods
