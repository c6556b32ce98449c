"""The status rule: derived from deadline, completion, reports and today; never typed in.

The Government Office's classification has exactly four states. `STATUS_RULES` is the
one definition: it is compiled to SQL (so dashboards count 100,000 tasks in one query)
and the same rules say *why* a task is in its state.

- One-off tasks are done when `completed_on` is set (late if after `due_on`), otherwise
  overdue from the day after `due_on` ("due today" is still on time).
- Recurring tasks (annual, quarterly, monthly) are judged per period: the period's
  report (submitted or accepted) is what "done" means. An annual task is due each year on
  the day and month of `due_on` (31/12 if none); quarterly and monthly tasks at the end
  of each period. A missing report for the previous period keeps the task overdue, if
  the task already existed when that period began.
- Continuous ("thường xuyên") tasks are never done; they are overdue while the report
  for the last finished quarter is missing.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from theodoi.tasks.models import ProgressReport, Recurrence, Task
from theodoi.tasks.periods import Period, cadence_for, period_containing


class Status(models.TextChoices):
    DONE_ON_TIME = "done_on_time", gettext_lazy("Đã hoàn thành đúng hạn")
    DONE_LATE = "done_late", gettext_lazy("Đã hoàn thành quá hạn")
    OPEN_ON_TIME = "open_on_time", gettext_lazy("Chưa hoàn thành – trong hạn")
    OPEN_OVERDUE = "open_overdue", gettext_lazy("Chưa hoàn thành – quá hạn")


class Reason(models.TextChoices):
    COMPLETED = "completed", gettext_lazy("Hoàn thành trong hạn")
    COMPLETED_LATE = "completed_late", gettext_lazy("Hoàn thành sau hạn")
    PAST_DUE = "past_due", gettext_lazy("Đã quá hạn mà chưa hoàn thành")
    NOT_DUE = "not_due", gettext_lazy("Chưa đến hạn")
    NO_DEADLINE = "no_deadline", gettext_lazy("Chưa có hạn cụ thể")
    MISSING_CURRENT = "missing_current", gettext_lazy("Thiếu báo cáo kỳ này, đã quá hạn")
    MISSING_PREVIOUS = "missing_previous", gettext_lazy("Thiếu báo cáo kỳ trước")
    PERIOD_DONE = "period_done", gettext_lazy("Đã báo cáo kỳ này đúng hạn")
    PERIOD_DONE_LATE = "period_done_late", gettext_lazy("Đã báo cáo kỳ này nhưng sau hạn")
    PERIOD_OPEN = "period_open", gettext_lazy("Kỳ này chưa đến hạn báo cáo")
    CONTINUOUS = "continuous", gettext_lazy("Nhiệm vụ thường xuyên, đã báo cáo đủ")


COUNTING_REPORT_STATES = (ProgressReport.State.SUBMITTED, ProgressReport.State.ACCEPTED)


def _report_for(period: Period, extra: Q | None = None) -> Exists:
    reports = ProgressReport.objects.filter(
        task=OuterRef("pk"), period_start=period.start, period_end=period.end,
        state__in=COUNTING_REPORT_STATES,
    )
    if extra is not None:
        reports = reports.filter(extra)
    return Exists(reports)


def _existed_before(period: Period) -> Q:
    """The task existed for the whole of `period`, so that period's report was owed."""
    return Q(created_at__lt=timezone.make_aware(dt.datetime.combine(period.start, dt.time())))


def status_rules(today: dt.date) -> list[tuple[Q | Exists, str, str]]:
    """Ordered (condition, status, reason); the first condition that holds decides."""
    S, R = Status, Reason
    done = Q(completed_on__isnull=False)
    rules: list[tuple[Q | Exists, str, str]] = [
        (done & (Q(due_on__isnull=True) | Q(completed_on__lte=models.F("due_on"))), S.DONE_ON_TIME, R.COMPLETED),
        (done, S.DONE_LATE, R.COMPLETED_LATE),
        (Q(recurrence=Recurrence.ONCE, due_on__lt=today), S.OPEN_OVERDUE, R.PAST_DUE),
        (Q(recurrence=Recurrence.ONCE, due_on__isnull=True), S.OPEN_ON_TIME, R.NO_DEADLINE),
        (Q(recurrence=Recurrence.ONCE), S.OPEN_ON_TIME, R.NOT_DUE),
    ]

    quarter = period_containing("quarter", today)
    previous_quarter = quarter.previous()
    rules += [
        (Q(recurrence=Recurrence.CONTINUOUS) & _existed_before(previous_quarter) & ~_report_for(previous_quarter),
         S.OPEN_OVERDUE, R.MISSING_PREVIOUS),
        (Q(recurrence=Recurrence.CONTINUOUS), S.OPEN_ON_TIME, R.CONTINUOUS),
    ]

    # Annual tasks fall due on the anniversary of due_on (31/12 when there is none).
    year = period_containing("year", today)
    annual = Q(recurrence=Recurrence.ANNUAL)
    anniversary_passed = Q(due_on__isnull=False) & (
        Q(_due_month__lt=today.month) | Q(_due_month=today.month, _due_day__lt=today.day)
    )
    submitted_by_anniversary = Q(submitted_at__month__lt=OuterRef("_due_month")) | Q(
        submitted_at__month=OuterRef("_due_month"), submitted_at__day__lte=OuterRef("_due_day")
    )
    rules += [
        (annual & anniversary_passed & _report_for(year, submitted_by_anniversary), S.DONE_ON_TIME, R.PERIOD_DONE),
        (annual & anniversary_passed & _report_for(year), S.DONE_LATE, R.PERIOD_DONE_LATE),
        (annual & anniversary_passed, S.OPEN_OVERDUE, R.MISSING_CURRENT),
    ]

    # Quarterly and monthly tasks fall due at the end of each period, so the current
    # period is never past due yet: only the previous one can be missing.
    for recurrence, period in ((Recurrence.ANNUAL, year),
                               (Recurrence.QUARTERLY, quarter),
                               (Recurrence.MONTHLY, period_containing("month", today))):
        previous = period.previous()
        this = Q(recurrence=recurrence)
        rules += [
            (this & _existed_before(previous) & ~_report_for(previous), S.OPEN_OVERDUE, R.MISSING_PREVIOUS),
            (this & _report_for(period), S.DONE_ON_TIME, R.PERIOD_DONE),
            (this, S.OPEN_ON_TIME, R.PERIOD_OPEN),
        ]
    return rules


def with_status(queryset: QuerySet[Task], *, today: dt.date | None = None) -> QuerySet[Task]:
    """Annotate `status` and `status_reason` on every task of the queryset."""
    today = today or timezone.localdate()
    rules = status_rules(today)
    return queryset.annotate(
        _due_month=ExtractMonth("due_on"), _due_day=ExtractDay("due_on")
    ).annotate(
        status=Case(*(When(c, then=Value(s)) for c, s, _ in rules),
                    default=Value(Status.OPEN_ON_TIME), output_field=models.CharField()),
        status_reason=Case(*(When(c, then=Value(r)) for c, _, r in rules),
                           default=Value(Reason.NOT_DUE), output_field=models.CharField()),
    )


@dataclass(frozen=True)
class StatusExplanation:
    status: str
    label: str
    reason: str
    is_overdue: bool


def explain(task: Task, *, today: dt.date | None = None) -> StatusExplanation:
    """A sentence for the screen saying why the task has its status.

    Needs a task from `with_status`; the period named is the one the rule looked at.
    """
    today = today or timezone.localdate()
    status, reason = task.status, task.status_reason
    current = period_containing(cadence_for(task.recurrence), today)
    due = task.due_on.strftime("%d/%m/%Y") if task.due_on else None
    completed = task.completed_on.strftime("%d/%m/%Y") if task.completed_on else None
    if reason == Reason.PAST_DUE:
        days = (today - task.due_on).days
        text = ngettext("Quá hạn %(days)d ngày (hạn %(due)s), chưa hoàn thành.",
                        "Quá hạn %(days)d ngày (hạn %(due)s), chưa hoàn thành.", days) % {"days": days, "due": due}
    elif reason == Reason.COMPLETED_LATE:
        text = _("Hoàn thành ngày %(date)s, sau hạn %(due)s.") % {"date": completed, "due": due}
    elif reason == Reason.COMPLETED:
        text = (_("Hoàn thành ngày %(date)s, trong hạn %(due)s.") % {"date": completed, "due": due} if due
                else _("Hoàn thành ngày %(date)s.") % {"date": completed})
    elif reason == Reason.NOT_DUE:
        if task.due_on:
            days = (task.due_on - today).days
            text = ngettext("Còn %(days)d ngày đến hạn %(due)s.",
                            "Còn %(days)d ngày đến hạn %(due)s.", days) % {"days": days, "due": due}
        else:
            text = str(Reason.NOT_DUE.label)
    elif reason == Reason.MISSING_PREVIOUS and current:
        prev = current.previous()
        text = _("Chưa có báo cáo %(period)s (hạn %(due)s).") % {
            "period": prev.label, "due": prev.end.strftime("%d/%m/%Y")}
    elif reason == Reason.MISSING_CURRENT and current:
        text = _("Chưa có báo cáo %(period)s; hạn hằng năm ngày %(day)s đã qua.") % {
            "period": current.label, "day": task.due_on.strftime("%d/%m")}
    elif reason in (Reason.PERIOD_DONE, Reason.PERIOD_DONE_LATE, Reason.PERIOD_OPEN) and current:
        text = f"{Reason(reason).label} ({current.label})."
    else:
        text = f"{Reason(reason).label}."
    return StatusExplanation(status, str(Status(status).label), text, status == Status.OPEN_OVERDUE)
