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

import contextlib
import functools
import operator
import datetime as dt
from collections import defaultdict
from contextvars import ContextVar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.db import connection, models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from theodoi.lib.dates import month_end
from theodoi.tasks.counts import COMPACT_ABOVE, compact, compact_above
from theodoi.tasks.models import PeriodVerdict, ProgressReport, Recurrence, SettledPeriod, Task
from theodoi.tasks.periods import Period, cadence_for, period_containing, period_from_key


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


def _final_rules(today: dt.date) -> list[tuple[Q | Exists, str, str]]:
    """The rules that decide every one-off task and every completed task (falling due
    once, on `due_on`): they read only the task's own columns and today."""
    S, R = Status, Reason
    done = Q(completed_on__isnull=False)
    return [
        (done & (Q(due_on__isnull=True) | Q(completed_on__lte=models.F("due_on"))), S.DONE_ON_TIME, R.COMPLETED),
        (done, S.DONE_LATE, R.COMPLETED_LATE),
        (Q(recurrence=Recurrence.ONCE, due_on__lt=today), S.OPEN_OVERDUE, R.PAST_DUE),
        (Q(recurrence=Recurrence.ONCE, due_on__isnull=True), S.OPEN_ON_TIME, R.NO_DEADLINE),
        (Q(recurrence=Recurrence.ONCE), S.OPEN_ON_TIME, R.NOT_DUE),
    ]


def status_rules(today: dt.date) -> list[tuple[Q | Exists, str, str]]:
    """Ordered (condition, status, reason); the first condition that holds decides."""
    S, R = Status, Reason
    rules = _final_rules(today)

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
    # Keep in step with `_anniversary_passed` below (the same test in Python).
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


def _with_due_day(queryset: QuerySet[Task]) -> QuerySet[Task]:
    return queryset.annotate(_due_month=ExtractMonth("due_on"), _due_day=ExtractDay("due_on"))


class StatusAnnotations(TypedDict):
    """What `with_status` and `with_settled_status` add to each task (so the type checker sees `task.status`)."""

    status: str
    status_reason: str


if TYPE_CHECKING:  # the two-argument form exists only for the type checker
    from django_stubs_ext import WithAnnotations

    TaskWithStatus: TypeAlias = WithAnnotations[Task, StatusAnnotations]


def with_status(queryset: QuerySet[Task], *, today: dt.date | None = None) -> "QuerySet[TaskWithStatus]":
    """Annotate `status` and `status_reason` on every task of the queryset."""
    today = today or timezone.localdate()
    rules = status_rules(today)
    return _with_due_day(queryset).annotate(
        status=Case(*(When(c, then=Value(s)) for c, s, _ in rules),
                    default=Value(DEFAULT[0]), output_field=models.CharField()),
        status_reason=Case(*(When(c, then=Value(r)) for c, _, r in rules),
                           default=Value(DEFAULT[1]), output_field=models.CharField()),
    )


DEFAULT = (Status.OPEN_ON_TIME, Reason.NOT_DUE)


@lru_cache(maxsize=4)
def _rule_index(today: dt.date) -> tuple[QuerySet[Task], list[tuple[str, str]]]:
    """All tasks annotated with the number of the first rule that holds (-1: none).

    The same rules as `with_status`, as one CASE instead of two, built once per day:
    settling after every write would otherwise spend most of its time building them.
    Only ever cloned (filtered), never evaluated itself.
    """
    rules = status_rules(today)
    queryset = _with_due_day(Task.objects.all()).annotate(
        _rule=Case(*(When(c, then=Value(i)) for i, (c, _, _) in enumerate(rules)),
                   default=Value(-1), output_field=models.IntegerField()),
    )
    return queryset, [(s, r) for _, s, r in rules]


def _anniversary_passed(due_on: dt.date, today: dt.date) -> bool:
    return (due_on.month, due_on.day) < (today.month, today.day)


def _day_after_anniversary(due_on: dt.date, year: int) -> dt.date:
    """First day of `year` on which `_anniversary_passed` holds (29/02 passes on 01/03)."""
    if due_on.day < month_end(year, due_on.month).day:
        return dt.date(year, due_on.month, due_on.day + 1)
    if due_on.month < 12:
        return dt.date(year, due_on.month + 1, 1)
    return dt.date(year + 1, 1, 1)


def status_changes_on(*, recurrence: str, due_on: dt.date | None, completed_on: dt.date | None,
                      today: dt.date) -> dt.date | None:
    """The first day after `today` on which `status_rules` may answer differently for a task
    when nothing is written in between; None if time alone never changes it.

    It follows what the rules compare with today: a one-off task's `due_on`; the period
    (month, quarter, year) containing today, which decides which report is current and
    which is owed; an annual task's due day and month in this year.
    """
    if completed_on is not None:  # the first two rules: only a write can undo completion
        return None
    if recurrence == Recurrence.ONCE:
        return due_on + dt.timedelta(days=1) if due_on is not None and due_on >= today else None
    changes_on = period_containing(cadence_for(recurrence), today).end + dt.timedelta(days=1)
    if recurrence == Recurrence.ANNUAL and due_on is not None and not _anniversary_passed(due_on, today):
        changes_on = min(changes_on, _day_after_anniversary(due_on, today.year))
    return changes_on


# Due tasks a read settles per transaction: few enough that no transaction holds a quarter's
# worth of rows or sends tens of thousands of ids, many enough that compiling the rule per
# chunk costs little at a quarter's boundary (100,000 tasks: 20 chunks).
DUE_CHUNK = 5_000


def _ids_in_chunks(ids: Iterable[int], size: int = 500) -> Iterator[list[int]]:
    chunk: list[int] = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _settled_values(which: Q, today: dt.date) -> Iterator[tuple]:
    """(pk, rule's values, stored values) of each task; values = (status, reason, changes_on)."""
    annotated, outcomes = _rule_index(today)
    rows = annotated.filter(which).order_by().values_list(
        "pk", "_rule", "recurrence", "due_on", "completed_on",
        "settled_status", "settled_reason", "status_changes_on",
    )
    for pk, rule, recurrence, due_on, completed_on, *stored in rows.iterator(chunk_size=2_000):
        status, reason = outcomes[rule] if rule >= 0 else DEFAULT
        changes_on = status_changes_on(recurrence=recurrence, due_on=due_on, completed_on=completed_on,
                                       today=today)
        yield pk, (status, reason, changes_on), tuple(stored)


def _write(which: Q, today: dt.date, *, only_if_due: bool) -> int:
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk, wanted, stored in _settled_values(which, today):
        if wanted != stored:
            groups[wanted].append(pk)
    changed = 0
    for (status, reason, changes_on), pks in groups.items():
        for chunk in _ids_in_chunks(pks):
            rows = Task.objects.filter(pk__in=chunk)
            if only_if_due:
                # A read holds only the rows no writer held (`settle_due`); a write that
                # settled a row since (to a later date) wins: leave that row alone.
                rows = rows.filter(status_changes_on__lte=today)
            changed += rows.update(settled_status=status, settled_reason=reason, status_changes_on=changes_on)
    return changed


# Task ids waiting to be settled together at the end of a batch of writes (an import, a
# review commit): compiling the rule once for a thousand tasks costs what it costs for one.
_batch: ContextVar[set[int] | None] = ContextVar("theodoi_settle_batch", default=None)


@contextlib.contextmanager
def settling_together() -> Iterator[None]:
    """Within the block, `settle` only collects task ids; they are settled once on leaving it.

    Use it inside the transaction of a write that touches many tasks, so the stored status
    still commits (or rolls back) with the writes. Nested blocks join the outermost one.
    """
    if _batch.get() is not None:
        yield
        return
    token = _batch.set(set())
    try:
        yield
        pending = _batch.get() or set()
    finally:
        _batch.reset(token)
    settle(pending)


def settle(task_ids: Iterable[int], *, today: dt.date | None = None) -> int:
    """Store the rule's status of these tasks; call it in every write that can change one.

    The tasks are locked first (PostgreSQL), so that two writes on the same task, each
    settling what it sees, are applied one after the other and the last sees both.
    Returns the number of tasks whose stored status changed (0 while a
    `settling_together` block defers the work to its end).
    """
    pending = _batch.get()
    if pending is not None and today is None:
        pending.update(task_ids)
        return 0
    today = today or timezone.localdate()
    changed = 0
    with transaction.atomic():
        # Every task write passes here: the triggers' ledger of counts is folded by writers.
        transaction.on_commit(lambda: compact_above(COMPACT_ABOVE))
        for chunk in _ids_in_chunks(sorted(set(task_ids))):
            locked = list(Task.objects.select_for_update().filter(pk__in=chunk).order_by("pk")
                          .values_list("pk", flat=True))
            changed += _write(Q(pk__in=locked), today, only_if_due=False)
            _store_verdicts_of(locked, today)
    return changed


def settle_due(*, today: dt.date | None = None, wait: bool = False) -> int:
    """Settle again every task whose stored status may have changed by today.

    Reads call it first; on most days it finds nothing (one indexed query). At a period
    boundary it rewrites the recurring tasks, grouped into one UPDATE per new value.
    The daily job (`manage.py settle_status`) runs it so that readers rarely have to.
    `wait`: queue behind writers and other settlers holding due tasks instead of leaving
    those tasks to the next read; for jobs that act on the statuses they read (reminders).
    """
    today = today or timezone.localdate()
    due = Q(status_changes_on__lte=today)
    if not Task.objects.filter(due).exists():
        return 0
    changed = 0
    ids = list(Task.objects.filter(due).order_by("pk").values_list("pk", flat=True))
    for chunk in _ids_in_chunks(ids, size=DUE_CHUNK):
        with transaction.atomic():
            # Lock what is due before reading it. A write that began on the day before and
            # has not committed yet settled its task as of that day (due again today):
            # computed from a snapshot without that write and written once it commits, the
            # rule's answer would be stale. PostgreSQL: rows a writer holds are skipped, not
            # waited for (a page read never queues behind an import, and cannot deadlock with
            # a writer that locks tasks out of order); the writer's task stays due and the
            # next read settles it. SQLite: the write lock taken at BEGIN makes the read come
            # after the writer's commit.
            locked = list(Task.objects.select_for_update(skip_locked=not wait).filter(due, pk__in=chunk)
                          .values_list("pk", flat=True))
            changed += _write(Q(pk__in=locked), today, only_if_due=True)
    return changed


def settle_all(*, today: dt.date | None = None) -> int:
    """Settle every task from scratch (after a restore or a bulk load by hand)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        changed = _write(Q(), today, only_if_due=False)
        # Stored verdicts of closed periods are stored again when a ranking next asks.
        PeriodVerdict.objects.all().delete()
        SettledPeriod.objects.all().delete()
    compact()  # a rewrite of every task leaves a ledger row or two per task (SQLite)
    return changed


@dataclass(frozen=True)
class StatusDifference:
    task_id: int
    stored: tuple
    rule: tuple


def status_differences(*, today: dt.date | None = None) -> tuple[list[StatusDifference], int]:
    """Recompute every task's status from the rule; (differences, tasks due to settle).

    Tasks whose `status_changes_on` has come are what a read settles first, so they are
    counted apart, not as differences. Every other stored value must equal the rule's,
    the next-change date included.
    """
    today = today or timezone.localdate()
    differences, pending = [], 0
    for pk, wanted, stored in _settled_values(Q(), today):
        if stored[2] is not None and stored[2] <= today:
            pending += 1
        elif wanted != stored:
            differences.append(StatusDifference(pk, stored, wanted))
    return differences, pending


def with_settled_status(queryset: QuerySet[Task], *, today: dt.date | None = None) -> "QuerySet[TaskWithStatus]":
    """`status` and `status_reason` as stored, after settling what today has changed.

    What every screen reads: it filters and counts on indexed columns instead of
    evaluating the rule, and gives the same answer as `with_status`.
    """
    settle_due(today=today)
    return stored_status(queryset)


def stored_status(queryset: QuerySet[Task]) -> "QuerySet[TaskWithStatus]":
    """`with_settled_status` without settling first: for a read that has called `settle_due`
    once already and then reads several querysets (two sections of one page)."""
    return queryset.annotate(status=F("settled_status"), status_reason=F("settled_reason"))


@dataclass(frozen=True)
class StatusExplanation:
    status: str
    label: str
    reason: str
    is_overdue: bool


def period_due(task: Task, *, today: dt.date | None = None) -> Period:
    """The period a report on the task is owed for now: the finished period the rule finds
    missing (`MISSING_PREVIOUS`), else the current one. The report form preselects it.

    Reads the reason annotated by `with_status`/`with_settled_status`, else the stored one."""
    today = today or timezone.localdate()
    current = period_containing(cadence_for(task.recurrence), today)
    if getattr(task, "status_reason", task.settled_reason) == Reason.MISSING_PREVIOUS:
        return current.previous()
    return current


def explain(task: Task, *, today: dt.date | None = None) -> StatusExplanation:
    """A sentence for the screen saying why the task has its status.

    Needs a task from `with_status` or `with_settled_status`; the period named is the one
    the rule looked at.
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


def report_due_day(task: Task, period: Period) -> dt.date:
    """The day the report for `period` is due, as the rule reads it: an annual task's
    anniversary of `due_on` in that year (31/12 without one, 28/02 for a 29/02 in a common
    year); every other cadence at the period's end."""
    if task.recurrence == Recurrence.ANNUAL and task.due_on is not None:
        year = period.start.year
        return dt.date(year, task.due_on.month, min(task.due_on.day, month_end(year, task.due_on.month).day))
    return period.end


# The reasons of an open task that say nothing is late yet: in "Cần báo cáo kỳ này" they
# would read as "not due" beside a heading saying a report is needed, so the list says
# instead which report comes next (`owed_report`).
_NOTHING_LATE = (Reason.NOT_DUE, Reason.NO_DEADLINE, Reason.PERIOD_OPEN, Reason.CONTINUOUS)


def rule_owes_report(task: Task, period: Period) -> bool:
    """Whether `status_rules` turns the task late if the report for `period` (of its
    cadence) is missing after its due day. Keep in step with the rules above: one-off tasks
    are judged on `due_on` alone, never on their quarterly progress reports; a recurring or
    continuous task owes a period's report only if it existed when the period began, except
    an annual task with a due day, late once the anniversary passes without one."""
    if task.recurrence == Recurrence.ONCE:
        return False
    if task.recurrence == Recurrence.ANNUAL and task.due_on is not None:
        return True
    return task.created_at < timezone.make_aware(dt.datetime.combine(period.start, dt.time()))


def owed_report(task: Task, *, today: dt.date | None = None, sent: bool = False) -> StatusExplanation:
    """Why the task is in "Cần báo cáo kỳ này", in words that promise only what the rule holds.

    An overdue task keeps `explain`'s words (what is late). A recurring or continuous task
    names the report the rule owes and its due day: `period_due`'s period, or the next one
    when the rule does not owe that one (`rule_owes_report`: the task came after it began).
    A one-off task names its own deadline, the only one the rule judges it on, and whether
    this quarter's progress report (`period_due`, which the report form offers) is in: it is
    asked for, but a missing one makes nothing late, so no due day is given for it.
    `sent`: `period_due`'s report is in already (one-off and continuous tasks stay open).
    """
    today = today or timezone.localdate()
    explanation = explain(task, today=today)
    if task.status_reason not in _NOTHING_LATE:
        return explanation
    period = period_due(task, today=today)
    if task.recurrence == Recurrence.ONCE:
        if task.due_on is None:
            deadline = _("Chưa có hạn hoàn thành.")
        else:
            days = (task.due_on - today).days
            deadline = ngettext("Hạn hoàn thành %(due)s (còn %(days)d ngày).",
                                "Hạn hoàn thành %(due)s (còn %(days)d ngày).", days) % {
                "due": task.due_on.strftime("%d/%m/%Y"), "days": days}
        progress = (_("Đã gửi báo cáo tiến độ %(period)s.") if sent
                    else _("Chưa gửi báo cáo tiến độ %(period)s.")) % {"period": period.label}
        text = f"{deadline} {progress}"
    elif sent:
        following = period.next()
        text = _("Đã gửi báo cáo %(period)s; kỳ tới: báo cáo %(next)s, hạn %(due)s.") % {
            "period": period.label, "next": following.label,
            "due": report_due_day(task, following).strftime("%d/%m/%Y")}
    else:
        owed = period if rule_owes_report(task, period) else period.next()
        text = _("Báo cáo %(period)s, hạn %(due)s.") % {
            "period": owed.label, "due": report_due_day(task, owed).strftime("%d/%m/%Y")}
    return StatusExplanation(explanation.status, explanation.label, text, explanation.is_overdue)


# --- One period's verdict (the agencies' quarterly and yearly ranking) --------------------
#
# The stored status answers "how does the task stand today". A ranking asks, for a past or
# current period, "did the task meet what fell due in that period". One-off tasks (and any
# task completed for good) fall due once, on `due_on`: their stored status is the answer.
# Recurring tasks owe one report per reporting period (`cadence_for`), due at its end
# (annual: on the anniversary of `due_on`, 31/12 without one); the verdict reads those
# reports with the rule's own words: a report counts once submitted (`_report_for`), on
# time when it came by its due day, owed only by a task that existed when the period began
# (annual: during the period), as `status_rules` says.

def _owed_periods(recurrence: str, period: Period) -> list[Period]:
    """The reporting periods of a recurring task that fall due within `period`."""
    kind = cadence_for(recurrence)
    if recurrence == Recurrence.ANNUAL:
        return [period_containing("year", period.start)]
    owed, current = [], period_containing(kind, period.start)
    while current.end <= period.end:
        owed.append(current)
        current = current.next()
    return owed


def _day_end(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


def _annual_due_in(period: Period) -> Q:
    """An annual task's anniversary (31/12 without a due date) falls within `period`."""
    months = list(range(period.start.month, period.end.month + 1))
    in_period = Q(_due_month__in=months)
    return in_period | Q(due_on__isnull=True) if 12 in months else in_period


def period_verdict(period: Period, *, today: dt.date | None = None) -> tuple[Q, Case]:
    """(which tasks fall due within `period`, their status for it) as SQL over `Task`.

    Apply to a queryset from `with_due_day`. Statuses are the four `Status` values. One-off
    and completed tasks are judged by the rules that decide their status (`_final_rules`).
    """
    today = today or timezone.localdate()
    S = Status
    final = Q(recurrence=Recurrence.ONCE) | Q(completed_on__isnull=False)
    due = Q(recurrence=Recurrence.ONCE, due_on__gte=period.start, due_on__lte=period.end) | (
        Q(completed_on__isnull=False) & ~Q(recurrence=Recurrence.ONCE)
        & Q(due_on__gte=period.start, due_on__lte=period.end))
    # The status rule's answer as of `today`, from the task's own columns (not the stored
    # status, which a writer of the day before may have settled as of its day).
    whens: list[When] = [When(final & condition, then=Value(status)) for condition, status, _ in _final_rules(today)]
    for recurrence in (Recurrence.QUARTERLY, Recurrence.MONTHLY, Recurrence.CONTINUOUS):
        this = Q(recurrence=recurrence, completed_on__isnull=True)
        owed = [(p, _existed_before(p)) for p in _owed_periods(recurrence, period)]
        if not owed:
            continue
        due |= this & _any(q for _, q in owed)
        missing_past = [q & ~_report_for(p) for p, q in owed if p.end < today] or [Q(pk__isnull=True)]
        missing = [q & ~_report_for(p) for p, q in owed]
        late = [q & ~_report_for(p, Q(submitted_at__lt=_day_end(p.end))) for p, q in owed]
        whens += [When(this & _any(missing_past), then=Value(S.OPEN_OVERDUE)),
                  When(this & _any(missing), then=Value(S.OPEN_ON_TIME)),
                  When(this & _any(late), then=Value(S.DONE_LATE)),
                  When(this, then=Value(S.DONE_ON_TIME))]
    # Annual: the year's report, due on the anniversary (in the year of `period`).
    year = period_containing("year", period.start)
    annual = Q(recurrence=Recurrence.ANNUAL, completed_on__isnull=True)
    due |= annual & _annual_due_in(period) & Q(created_at__lt=_day_end(period.end))
    if year.end < today:
        passed = Q(pk__isnull=False)
    elif year.start > today:
        passed = Q(pk__isnull=True)
    else:
        passed = Q(due_on__isnull=False) & (
            Q(_due_month__lt=today.month) | Q(_due_month=today.month, _due_day__lt=today.day))
    on_time = Q(submitted_at__year__lt=year.start.year) | Q(submitted_at__year=year.start.year) & (
        Q(submitted_at__month__lt=OuterRef("_due_month")) | Q(
            submitted_at__month=OuterRef("_due_month"), submitted_at__day__lte=OuterRef("_due_day")))
    on_time_no_date = Q(submitted_at__year__lte=year.start.year)
    whens += [
        When(annual & passed & ~_report_for(year), then=Value(S.OPEN_OVERDUE)),
        When(annual & ~_report_for(year), then=Value(S.OPEN_ON_TIME)),
        When(annual & Q(due_on__isnull=False) & _report_for(year, on_time), then=Value(S.DONE_ON_TIME)),
        When(annual & Q(due_on__isnull=True) & _report_for(year, on_time_no_date), then=Value(S.DONE_ON_TIME)),
        When(annual, then=Value(S.DONE_LATE)),
    ]
    return due, Case(*whens, default=Value(DEFAULT[0]), output_field=models.CharField())


def _any(conditions: Iterable[Q]) -> Q:
    return functools.reduce(operator.or_, conditions)


def with_due_day(queryset: QuerySet[Task]) -> QuerySet[Task]:
    """What `period_verdict` needs besides the stored status: the due date's month and day."""
    return _with_due_day(queryset)


# --- Verdicts of closed periods, stored --------------------------------------------------
#
# Once a period has ended, `period_verdict` no longer depends on today: every reporting
# period owed in it has ended, every annual anniversary in it has passed, a one-off task
# due in it is past due (so its stored status is final until a write). What can still
# change it is a write: a late report, a review (a returned report stops counting), an
# edited deadline or recurrence, completion, a new lead. Every such write goes through
# `settle`, which stores the verdicts of the tasks it settles again. So a ranking of a
# closed period reads stored rows instead of evaluating the rule over every task; the
# first ranking of a period stores it (`settle_period_verdicts`), and `check_status`
# recomputes every stored period (`verdict_differences`).
#
# Stored periods are bounded to the quarters and years of this year and the two before
# (what the ranking's menu offers), because every write stores its tasks' verdicts for
# each of them. Older periods, the current one and future ones are computed per request.

STORED_YEARS = 3


def verdicts_stored_for(period: Period, *, today: dt.date) -> bool:
    """Whether the ranking of `period` reads stored verdicts (closed, recent, quarter or year)."""
    return period.end < today and _kept(period, today=today)


def _kept(period: Period, *, today: dt.date) -> bool:
    """Whether writes keep a listed period's verdicts: the menu still offers it.

    Not whether it has closed by `today`: a period is listed once a ranking found it
    closed, and a writer whose day is still the period's last (a write that began before
    midnight, settling after that ranking committed) must store its tasks' verdicts for it
    too, or they stay as the ranking computed them, before the write."""
    return period.kind in ("quarter", "year") and period.start.year > today.year - STORED_YEARS


def _closed_day(period: Period) -> dt.date:
    """The day a stored period's verdicts are judged as of: its first day closed. After it
    they no longer depend on the day (`test_a_closed_period_verdict_no_longer_depends_on_the_day`),
    so every writer, ranking and check computes them alike, whatever its own day is."""
    return period.end + dt.timedelta(days=1)


@lru_cache(maxsize=32)
def _period_verdict_sql(period: Period) -> tuple[Q, Case]:
    """`period_verdict` of a stored period, built once: every write stores its tasks'
    verdicts for each stored period, and building the SQL costs more than running it."""
    return period_verdict(period, today=_closed_day(period))


def _verdicts(period: Period, task_ids: list[int] | None) -> Iterator[tuple[int, str]]:
    """(task id, verdict) of the tasks falling due in stored `period` (of these tasks, or all)."""
    due, verdict = _period_verdict_sql(period)
    tasks = _with_due_day(Task.objects.all() if task_ids is None else Task.objects.filter(pk__in=task_ids))
    return tasks.filter(due).annotate(verdict=verdict).order_by().values_list("pk", "verdict").iterator(
        chunk_size=2_000)


def _store_period(period: Period, task_ids: list[int] | None) -> None:
    stored = PeriodVerdict.objects.filter(period=period.key)
    if task_ids is not None:
        stored = stored.filter(task_id__in=task_ids)
    stored.delete()
    PeriodVerdict.objects.bulk_create(
        (PeriodVerdict(task_id=pk, period=period.key, verdict=verdict)
         for pk, verdict in _verdicts(period, task_ids)), batch_size=2_000)


def _lock_verdicts(mode: str) -> None:
    """PostgreSQL: writers share the verdict table (ROW EXCLUSIVE), a ranking storing a new
    period takes it alone (SHARE ROW EXCLUSIVE). So a writer either finishes before the
    period is computed (which then sees its write) or waits and, once the period is listed,
    stores its tasks' verdicts for it too. SQLite needs nothing: every transaction takes
    the one write lock at BEGIN (settings: IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {PeriodVerdict._meta.db_table} IN {mode} MODE")


def _store_verdicts_of(task_ids: list[int], today: dt.date) -> None:
    """Store again these tasks' verdicts for every stored period (inside `settle`)."""
    if not task_ids:
        return
    _lock_verdicts("ROW EXCLUSIVE")
    for key in SettledPeriod.objects.values_list("period", flat=True):
        period = period_from_key(key)
        # A period the menu no longer offers is dropped by the next ranking that stores
        # one (`settle_period_verdicts`); until then it is neither kept nor checked.
        if _kept(period, today=today):
            _store_period(period, task_ids)


def settle_period_verdicts(period: Period, *, today: dt.date | None = None) -> bool:
    """Make sure every task's verdict for `period` is stored; False if it is not a stored
    period (see `verdicts_stored_for`): the caller then computes it per request.

    The first ranking of a closed period computes it once for every task (about a second
    at 100,000 tasks) and lists it in `SettledPeriod`; writes keep it from then on.
    """
    today = today or timezone.localdate()
    if not verdicts_stored_for(period, today=today):
        return False
    if SettledPeriod.objects.filter(period=period.key).exists():
        return True
    with transaction.atomic():
        _lock_verdicts("SHARE ROW EXCLUSIVE")
        if not SettledPeriod.objects.filter(period=period.key).exists():  # stored while we waited
            _store_period(period, None)
            SettledPeriod.objects.create(period=period.key)
            # Periods the menu no longer offers: writes stop keeping them.
            for key in SettledPeriod.objects.values_list("period", flat=True):
                if not _kept(period_from_key(key), today=today):
                    PeriodVerdict.objects.filter(period=key).delete()
                    SettledPeriod.objects.filter(period=key).delete()
    return True


@dataclass(frozen=True)
class VerdictDifference:
    period: str
    task_id: int
    stored: str | None  # None: not stored as due in the period
    rule: str | None  # None: not due in the period by the rule


def verdict_differences(*, today: dt.date | None = None) -> list[VerdictDifference]:
    """Recompute every stored period's verdicts from the rule and list what differs."""
    today = today or timezone.localdate()
    differences = []
    for key in SettledPeriod.objects.order_by("period").values_list("period", flat=True):
        if not _kept(period_from_key(key), today=today):
            continue  # no longer offered nor read: writes stopped keeping it (`_store_verdicts_of`)
        rule = dict(_verdicts(period_from_key(key), None))
        # Rows of a task deleted outside Django are not read (the ranking joins the tasks).
        stored = dict(PeriodVerdict.objects.filter(period=key, task_id__in=Task.objects.values("pk"))
                      .values_list("task_id", "verdict"))
        for pk in sorted(rule.keys() | stored.keys()):
            if rule.get(pk) != stored.get(pk):
                differences.append(VerdictDifference(key, pk, stored.get(pk), rule.get(pk)))
    return differences
