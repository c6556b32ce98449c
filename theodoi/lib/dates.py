"""Calendar arithmetic shared by the deadline reader and the reporting periods (plain Python)."""

import calendar
import datetime as dt


def month_end(year: int, month: int) -> dt.date:
    """The last day of the month: a period or deadline named by its month is due that day."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])
