"""When a period of an indicator can no longer be written, and why: the one home of the rule.

A period is locked when its observation is approved, or by itself `INDICATOR_LOCK_DAYS`
days after the period ends (a setting). The office lifts either: it reopens an approved
observation (back to the agency as returned) or grants a lock exception until a date.
Every locked form shows `Lock.message`, which names the lock that applies.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from theodoi.indicators.models import LockException, Observation
from theodoi.lib.periods import Period

APPROVED = "approved"
TIME = "time"


def lock_days() -> int:
    return int(getattr(settings, "INDICATOR_LOCK_DAYS", 30))


def locks_on(period: Period) -> dt.date:
    """The first day on which the period is locked by time."""
    return period.end + dt.timedelta(days=lock_days() + 1)


@dataclass(frozen=True)
class Lock:
    kind: str  # APPROVED or TIME
    message: str


def lock_for(*, period: Period, observation: Observation | None, exception: LockException | None,
             today: dt.date) -> Lock | None:
    """The lock on the period's entry form today, or None when the agency may write it."""
    if observation is not None and observation.state == Observation.State.APPROVED:
        reviewed = observation.reviewed_at.strftime("%d/%m/%Y") if observation.reviewed_at else ""
        return Lock(APPROVED, _("Kỳ %(period)s đã khóa vì Văn phòng đã duyệt số liệu (ngày %(date)s). "
                                "Muốn sửa, đề nghị Văn phòng mở lại.") % {"period": period.label, "date": reviewed})
    if exception is not None and today <= exception.until:
        return None
    if today >= locks_on(period):
        return Lock(TIME, _("Kỳ %(period)s đã tự khóa từ ngày %(date)s, %(days)s ngày sau khi kết thúc kỳ. "
                            "Muốn nhập hoặc sửa, đề nghị Văn phòng cho phép ngoại lệ.")
                    % {"period": period.label, "date": locks_on(period).strftime("%d/%m/%Y"), "days": lock_days()})
    return None
