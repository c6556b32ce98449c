"""Writes on indicators, targets, observations and period locks.

Each is one transaction, checks permission with `require_perm`, checks the state it acts on
under a row lock, and leaves a history row naming the actor (django-simple-history).
A refusal is an `ApplicationError` (or `ActionNotPermitted`) raised before anything is written.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.agencies.models import Agency
from theodoi.core.audit import attribute_to
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import require_perm
from theodoi.core.review import record_verdict, stated_reason
from theodoi.core.types import User
from theodoi.documents.models import Document
from theodoi.indicators.locks import TIME, lock_for
from theodoi.indicators.models import Indicator, LockException, Observation, Target
from theodoi.indicators.validation import check_indicator, check_target, check_value
from theodoi.lib.periods import Period

INDICATOR_FIELDS = ("name", "unit", "direction", "frequency", "is_rate_of_change", "plausible_min",
                    "plausible_max", "agency", "document", "notes")


@transaction.atomic
def indicator_save(*, actor: User, code: str, name: str, unit: str, agency: Agency, document: Document,
                   direction: str = "higher", frequency: str = "year", is_rate_of_change: bool = False,
                   plausible_min: Decimal | None = None, plausible_max: Decimal | None = None,
                   notes: str = "") -> Indicator:
    """Create the indicator with this code, or update it (the demo loader runs again)."""
    require_perm(actor, "indicators.manage_indicator")
    indicator = Indicator.objects.select_for_update().filter(code=code).first() or Indicator(code=code)
    values: dict[str, Any] = {
        "name": name.strip(), "unit": unit, "direction": direction, "frequency": frequency,
        "is_rate_of_change": is_rate_of_change, "plausible_min": plausible_min, "plausible_max": plausible_max,
        "agency": agency, "document": document, "notes": notes,
    }
    if indicator.pk and indicator.frequency != frequency and indicator.observations.exists():
        raise ApplicationError(_("Không đổi được kỳ số liệu của chỉ tiêu đã có số liệu."))
    changed = indicator.pk is None or any(getattr(indicator, f) != v for f, v in values.items())
    for field, value in values.items():
        setattr(indicator, field, value)
    check_indicator(indicator)
    if changed:
        attribute_to(indicator, actor).save()
    return indicator


@transaction.atomic
def target_set(*, actor: User, indicator: Indicator, document: Document, year: int, from_year: int | None = None,
               low: Decimal | None, high: Decimal | None, wording: str = "") -> Target:
    """Set the target for a year (or each year of from_year–year) as the document states it.
    Setting it again replaces the values: one target per indicator and span."""
    require_perm(actor, "indicators.manage_indicator")
    check_target(indicator, year=year, from_year=from_year, low=low, high=high)
    Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
    target = Target.objects.filter(indicator=indicator, year=year, from_year=from_year).first()
    target = target or Target(indicator=indicator, year=year, from_year=from_year)
    values = {"document": document, "low": low, "high": high, "wording": wording.strip()}
    if target.pk and all(getattr(target, f) == v for f, v in values.items()):
        return target
    for field, value in values.items():
        setattr(target, field, value)
    try:
        with transaction.atomic():
            attribute_to(target, actor).save()
    except IntegrityError as exc:
        raise ApplicationError(_("Chỉ tiêu đã có mục tiêu cho năm %(year)s.") % {"year": target.span_label}) from exc
    return target


def _lock_indicator(indicator: Indicator) -> None:
    # Writers on one indicator queue here (PostgreSQL row lock; SQLite's transaction already
    # holds the write lock), so each sees the state the previous one committed.
    if not Indicator.objects.select_for_update().filter(pk=indicator.pk).values_list("pk", flat=True):
        raise ApplicationError(_("Chỉ tiêu không còn tồn tại."))


def _exception_for(indicator: Indicator, period: Period) -> LockException | None:
    return LockException.objects.filter(indicator=indicator, period_start=period.start).first()


def _submitted_message(period: Period) -> str:
    return _("Số liệu kỳ %(period)s đã được gửi và đang chờ Văn phòng duyệt; không gửi lại lần nữa. "
             "Nếu cần sửa, đề nghị Văn phòng trả lại.") % {"period": period.label}


@transaction.atomic
def observation_save(*, actor: User, indicator: Indicator, period: Period, value: Decimal, source: str,
                     submit: bool = False, is_demo: bool = False) -> Observation:
    """Enter (or correct) the agency's value for a period, as a draft or submitted to the office.

    One value per indicator and period. A draft or a returned value is the agency's to
    correct; a submitted one is with the office, and an approved or time-locked period is
    refused with the lock's message. Two submissions at the same moment: one is stored, the
    other is refused with a message (the row lock below, and the database constraint)."""
    require_perm(actor, "indicators.enter_observation", indicator)
    if period.kind != indicator.period_kind:
        raise ApplicationError(_("Chỉ tiêu này có số liệu theo %(kind)s, không theo kỳ %(period)s.")
                               % {"kind": indicator.get_frequency_display().lower(), "period": period.label})
    today = timezone.localdate()
    if period.start > today:
        raise ApplicationError(_("Chưa đến kỳ %(period)s.") % {"period": period.label})
    source = (source or "").strip()
    if not source:
        raise ApplicationError(_("Hãy ghi nguồn số liệu (ví dụ: Cục Thống kê, báo cáo ngày …)."))
    check_value(indicator, value)

    _lock_indicator(indicator)
    observation = Observation.objects.select_for_update().filter(indicator=indicator, period_start=period.start).first()
    lock = lock_for(period=period, observation=observation, exception=_exception_for(indicator, period), today=today)
    if lock is not None:
        raise ApplicationError(lock.message)
    if observation is not None and observation.state == Observation.State.SUBMITTED:
        raise ApplicationError(_submitted_message(period))
    observation = observation or Observation(indicator=indicator, period_start=period.start, period_end=period.end)
    observation.value = value
    observation.source = source[:500]
    observation.entered_by = actor
    observation.is_demo = is_demo
    observation.state = Observation.State.SUBMITTED if submit else Observation.State.DRAFT
    observation.submitted_at = timezone.now() if submit else None
    # History reasons are stored in the source language, like the records themselves.
    try:
        # A concurrent first entry committed between the look-up and this insert trips the
        # one-per-period constraint: a refusal with a message, not a 500.
        with transaction.atomic():
            attribute_to(observation, actor, reason="Gửi" if submit else "Lưu nháp").save()
    except IntegrityError as exc:
        raise ApplicationError(_("Kỳ %(period)s vừa được nhập số liệu; tải lại trang để xem.")
                               % {"period": period.label}) from exc
    return observation


def _locked(observation: Observation, expected: str) -> Observation:
    _lock_indicator(observation.indicator)
    current = Observation.objects.select_for_update().select_related("indicator").get(pk=observation.pk)
    if current.state != expected:
        raise ApplicationError(
            _("Chỉ thực hiện được khi số liệu đang ở trạng thái “%(expected)s” (hiện tại: %(state)s).")
            % {"expected": Observation.State(expected).label, "state": current.get_state_display()})
    return current


@transaction.atomic
def observation_approve(*, actor: User, observation: Observation) -> Observation:
    """The office approves a submitted value; the period is then locked."""
    require_perm(actor, "indicators.review_observation", observation.indicator)
    observation = record_verdict(_locked(observation, Observation.State.SUBMITTED),
                                 state=Observation.State.APPROVED, reviewer=actor, return_reason="")
    attribute_to(observation, actor, reason="Duyệt").save()
    return observation


@transaction.atomic
def observation_return(*, actor: User, observation: Observation, reason: str) -> Observation:
    """The office sends a submitted value back to the agency with a reason."""
    require_perm(actor, "indicators.review_observation", observation.indicator)
    reason = stated_reason(reason, missing=_("Hãy nêu lý do trả lại."))
    observation = record_verdict(_locked(observation, Observation.State.SUBMITTED),
                                 state=Observation.State.RETURNED, reviewer=actor, return_reason=reason)
    attribute_to(observation, actor, reason=f"Trả lại: {reason}").save()
    return observation


def _grant(*, actor: User, indicator: Indicator, period: Period, until: dt.date, reason: str) -> LockException:
    exception = _exception_for(indicator, period) or LockException(indicator=indicator, period_start=period.start)
    exception.until = until
    exception.reason = reason
    exception.granted_by = actor
    attribute_to(exception, actor, reason=reason).save()
    return exception


def _check_unlock(reason: str, until: dt.date | None) -> str:
    reason = stated_reason(reason, missing=_("Hãy nêu lý do mở khóa."))
    if until is not None and until < timezone.localdate():
        raise ApplicationError(_("Ngày mở đến phải từ hôm nay trở đi."))
    return reason


@transaction.atomic
def observation_reopen(*, actor: User, observation: Observation, reason: str,
                       until: dt.date | None = None) -> Observation:
    """The office reopens an approved period: the value goes back to the agency as returned.
    If the period has also locked by time, `until` is required and grants a lock exception."""
    require_perm(actor, "indicators.unlock_period", observation.indicator)
    reason = _check_unlock(reason, until)
    observation = _locked(observation, Observation.State.APPROVED)
    period = observation.period
    today = timezone.localdate()
    exception = _exception_for(observation.indicator, period)
    reopened = Observation(state=Observation.State.RETURNED)
    time_lock = lock_for(period=period, observation=reopened, exception=exception, today=today)
    if time_lock is not None and time_lock.kind == TIME:
        if until is None:
            raise ApplicationError(_("Kỳ %(period)s cũng đã tự khóa theo thời gian: hãy cho biết mở đến ngày nào.")
                                   % {"period": period.label})
        _grant(actor=actor, indicator=observation.indicator, period=period, until=until, reason=reason)
    observation.state = Observation.State.RETURNED
    observation.return_reason = reason
    attribute_to(observation, actor, reason=f"Mở lại: {reason}").save()
    return observation


@transaction.atomic
def period_unlock(*, actor: User, indicator: Indicator, period: Period, until: dt.date, reason: str) -> LockException:
    """The office grants a lock exception: the agency may write the period until `until`."""
    require_perm(actor, "indicators.unlock_period", indicator)
    reason = _check_unlock(reason, until)
    if period.kind != indicator.period_kind:
        raise ApplicationError(_("Kỳ không hợp lệ cho chỉ tiêu này."))
    _lock_indicator(indicator)
    approved = Observation.objects.filter(indicator=indicator, period_start=period.start,
                                          state=Observation.State.APPROVED).exists()
    if approved:
        raise ApplicationError(_("Số liệu kỳ %(period)s đã được duyệt: hãy dùng “Mở lại” để trả cho cơ quan sửa.")
                               % {"period": period.label})
    return _grant(actor=actor, indicator=indicator, period=period, until=until, reason=reason)
