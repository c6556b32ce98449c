"""The office's verdict on what an agency submitted (a progress report, an indicator value):
one home for what every review records, whatever it reviews."""

import datetime as dt
from typing import Protocol, TypeVar

from django.utils import timezone

from theodoi.core.exceptions import ApplicationError
from theodoi.core.types import User


class Reviewed(Protocol):
    """The fields a reviewed record keeps about its last verdict."""

    state: str
    reviewed_by: User | None
    reviewed_at: dt.datetime | None
    return_reason: str


R = TypeVar("R", bound=Reviewed)


def stated_reason(reason: str | None, *, missing: str) -> str:
    """The reason the office gave, without the blanks around it. A reason is what the agency
    reads to know what to fix: none, or only blanks, is refused with `missing` (translated)."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(missing)
    return reason


def record_verdict(record: R, *, state: str, reviewer: User, return_reason: str | None = None) -> R:
    """Put the verdict on `record` (not saved: the caller saves it with its history reason):
    its new state, who decided and when; `return_reason` replaces the stored one where given."""
    record.state = state
    record.reviewed_by = reviewer
    record.reviewed_at = timezone.now()
    if return_reason is not None:
        record.return_reason = return_reason
    return record
