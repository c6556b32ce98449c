"""Reads on tasks. Every view goes through `tasks_visible_to`."""

import datetime as dt
import functools
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.agencies.models import Agency
from theodoi.documents.models import document_label
from theodoi.core.permissions import require_perm
from theodoi.core.types import AnyUser
from theodoi.core.predicates import is_officer, is_staff_role
from theodoi.tasks.counts import READ_COMPACT_ABOVE, compact_above, counts_by
from theodoi.tasks.filters import TaskFilter
from theodoi.tasks.models import Assignment, Domain, ProgressReport, ReportEvidence, Task, TaskInvolvement
from theodoi.tasks.progress import rolled_up_percent
from theodoi.agencies.selectors import successors_today, user_agency_ids
from theodoi.tasks.rules import involving
from theodoi.tasks.status import (COUNTING_REPORT_STATES, Status, period_due, settle_due, stored_status,
                                  with_settled_status)


def sees_every_task(user: AnyUser) -> bool:
    """Staff of every role see every task (the rule `tasks_visible_to` applies): the pages
    may then read the kept counts (tasks/counts.py) instead of counting rows."""
    return is_staff_role(user)


def tasks_visible_to(*, user: AnyUser) -> QuerySet[Task]:
    """Every task to staff (`sees_every_task`); the public sees none here (the portal has its own)."""
    if not sees_every_task(user):
        return Task.objects.none()
    return Task.objects.all()


def _latest_percent() -> Subquery:
    return Subquery(
        ProgressReport.objects.filter(task=OuterRef("pk"), state__in=COUNTING_REPORT_STATES)
        .order_by("-period_start", "-submitted_at").values("percent_complete")[:1]
    )


class ListAnnotations(TypedDict):
    """What a task row carries beyond its fields: its status, and the latest reported percent."""

    status: str
    status_reason: str
    latest_percent: int | None


if TYPE_CHECKING:  # the two-argument form exists only for the type checker
    from django_stubs_ext import WithAnnotations

    TaskListRow: TypeAlias = WithAnnotations[Task, ListAnnotations]


def with_list_data(queryset: QuerySet[Task], *, today: dt.date | None = None,
                   settled: bool = False) -> "QuerySet[TaskListRow]":
    """What a row of any task list shows, in a fixed number of queries. `settled`: the
    caller has run `settle_due` for this request already (it is not run again)."""
    annotated = stored_status(queryset) if settled else with_settled_status(queryset, today=today)
    return annotated.select_related("lead_agency", "document").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("agency"))
    ).annotate(latest_percent=_latest_percent())


def filtered_tasks(*, user: AnyUser, filters: dict | None = None,
                   today: dt.date | None = None) -> tuple[TaskFilter, QuerySet[Task]]:
    """The task list's filter and the tasks it selects, in the list's order (no row data)."""
    base = with_settled_status(tasks_visible_to(user=user), today=today)
    task_filter = TaskFilter(filters or {}, queryset=base)
    queryset = task_filter.qs if task_filter.is_valid() else base.none()
    if not (filters or {}).get("sort"):
        queryset = queryset.order_by("due_on", "id")
    return task_filter, queryset


def task_list(*, user: AnyUser, filters: dict | None = None, today: dt.date | None = None) -> tuple[TaskFilter, QuerySet[Task]]:
    """`filtered_tasks` as model instances with what a row shows (the export reads it)."""
    task_filter, queryset = filtered_tasks(user=user, filters=filters, today=today)
    queryset = queryset.select_related("lead_agency", "document").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("agency"))
    ).annotate(latest_percent=_latest_percent())
    return task_filter, queryset


@dataclass(frozen=True)
class AgencyName:
    pk: int
    name: str
    dissolved: bool


@dataclass(frozen=True)
class TaskRow:
    """What a row of the task list shows (and `status.explain` reads), without a model:
    one query for a page of them and one for their co-leading agencies, where model
    instances took three queries and most of the page's time."""

    pk: int
    title: str
    document: str  # `documents.models.document_label`
    lead: AgencyName | None
    co_leads: tuple[AgencyName, ...]  # other agencies with the lead role, in assignment order
    domain: str
    deadline_text: str
    due_on: dt.date | None
    latest_percent: int | None
    status: str
    status_reason: str
    recurrence: str
    completed_on: dt.date | None

    @property
    def domain_label(self) -> str:
        try:
            return str(Domain(self.domain).label)
        except ValueError:
            return self.domain


_ROW_COLUMNS = ("pk", "title", "document__kind", "document__number", "document__title",
                "lead_agency_id", "lead_agency__name", "lead_agency__dissolved_on", "domain", "deadline_text",
                "due_on", "latest_percent", "settled_status", "settled_reason", "recurrence", "completed_on")


def task_rows(tasks: QuerySet[Task]) -> list[TaskRow]:
    """The rows of these tasks (a page: a sliced, ordered queryset), in its order."""
    values = list(tasks.annotate(latest_percent=_latest_percent()).values_list(*_ROW_COLUMNS))
    co_leads: dict[int, list[AgencyName]] = defaultdict(list)
    if values:
        for task_id, pk, name, dissolved_on in (
                Assignment.objects.filter(task_id__in=[v[0] for v in values], role=Assignment.Role.LEAD)
                .order_by("role", "id").values_list("task_id", "agency_id", "agency__name", "agency__dissolved_on")):
            co_leads[task_id].append(AgencyName(pk, name, dissolved_on is not None))
    return [
        TaskRow(pk=pk, title=title, document=document_label(kind=kind, number=number, title=doc_title),
                lead=AgencyName(lead_id, lead_name, lead_dissolved is not None) if lead_id is not None else None,
                co_leads=tuple(co_leads.get(pk, ())), domain=domain, deadline_text=deadline_text, due_on=due_on,
                latest_percent=percent, status=status, status_reason=reason, recurrence=recurrence,
                completed_on=completed_on)
        for (pk, title, kind, number, doc_title, lead_id, lead_name, lead_dissolved, domain, deadline_text,
             due_on, percent, status, reason, recurrence, completed_on) in values
    ]


def task_row_of(task: "TaskListRow") -> TaskRow:
    """The row of a task read as a model instance by `with_list_data` (pages that page model
    instances, such as the ranking's drill-down, show the same rows as the task list)."""
    lead = task.lead_agency
    return TaskRow(
        pk=task.pk, title=task.title, document=str(task.document),
        lead=AgencyName(lead.pk, lead.name, lead.dissolved_on is not None) if lead is not None else None,
        co_leads=tuple(AgencyName(a.agency.pk, a.agency.name, a.agency.dissolved_on is not None)
                       for a in task.assignments.all() if a.role == Assignment.Role.LEAD),
        domain=task.domain, deadline_text=task.deadline_text, due_on=task.due_on,
        latest_percent=task.latest_percent, status=task.status, status_reason=task.status_reason,
        recurrence=task.recurrence, completed_on=task.completed_on,
    )


class ListedTasks:
    """A filtered task queryset for a Paginator: pages come as `TaskRow`s (`task_rows`), the
    count from `total` when the kept counts know it (`task_list_total`)."""

    def __init__(self, tasks: QuerySet[Task], *, total: int | None = None) -> None:
        self.tasks, self.total = tasks, total
        self.ordered = tasks.ordered  # Paginator warns about unordered lists

    def count(self) -> int:
        return self.total if self.total is not None else self.tasks.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[TaskRow]:
        if not isinstance(index, slice):
            raise TypeError("ListedTasks pages by slices")
        return task_rows(self.tasks[index])


def task_list_rows(*, user: AnyUser, filters: dict | None = None,
                   today: dt.date | None = None) -> tuple[TaskFilter, ListedTasks]:
    """The task list screen's filter and its tasks, ready to page as rows."""
    task_filter, queryset = filtered_tasks(user=user, filters=filters, today=today)
    return task_filter, ListedTasks(queryset, total=task_list_total(user=user, task_filter=task_filter))


# Filters whose matching tasks the kept counts (tasks/counts.py) can number: the list's
# first page, "overdue only", a domain. Sorting changes no count.
COUNTED_FILTERS = {"status": "status", "domain": "domain"}


def task_list_total(*, user: AnyUser, task_filter: TaskFilter) -> int | None:
    """How many tasks `task_list` gives, from the kept counts instead of counting 100,000
    rows, when its filters allow (None otherwise: the list counts itself)."""
    if not task_filter.is_valid() or not sees_every_task(user):
        return None
    used = {name: value for name, value in task_filter.form.cleaned_data.items()
            if value not in (None, "", False) and name != "sort"}
    if not set(used) <= set(COUNTED_FILTERS):
        return None
    return counts_by(**{COUNTED_FILTERS[name]: value for name, value in used.items()})[()]


def task_detail(*, user: AnyUser, pk: int, today: dt.date | None = None) -> Task:
    task = with_list_data(tasks_visible_to(user=user), today=today).select_related(
        "document__issuer", "parent", "created_by"
    ).get(pk=pk)
    return task


def task_children_progress(*, task: Task, today: dt.date | None = None) -> "tuple[list[TaskListRow], float | None]":
    children = list(with_list_data(task.children.all(), today=today))
    percent = rolled_up_percent([
        (100 if c.status in (Status.DONE_ON_TIME, Status.DONE_LATE) and c.completed_on else c.latest_percent,
         c.weight) for c in children
    ])
    return children, percent


PENDING_REVIEWS_SHOWN = 1_000


@dataclass
class Dashboard:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_domain: list[dict] = field(default_factory=list)
    by_agency: list[dict] = field(default_factory=list)
    overdue: list[Task] = field(default_factory=list)
    pending_reviews: int = 0
    pending_reviews_more: bool = False  # more than `pending_reviews` are waiting


def dashboard(*, user: AnyUser, today: dt.date | None = None, agency_rows: int = 15, overdue_rows: int = 15,
              group_by_today: bool = False, successors: dict[int, list[Agency]] | None = None) -> Dashboard:
    """Counts by status, by domain × status and by lead agency × status; the oldest overdue.

    A dissolved lead agency's row names who answers for it today; with `group_by_today`
    its tasks are counted under that agency instead (when exactly one body succeeded it;
    a body split between several keeps its own row, since its tasks cannot be divided)."""
    today = today or timezone.localdate()
    tasks = with_settled_status(tasks_visible_to(user=user), today=today)
    result = Dashboard()

    # The counts per (domain, lead agency, stored status) that the database keeps
    # (tasks/counts.py) when the user sees every task; otherwise one grouped query on the
    # stored columns. Agency names are fetched for the rows shown only.
    by_domain: dict[str, Counter] = defaultdict(Counter)
    by_agency: dict[int | None, Counter] = defaultdict(Counter)
    if sees_every_task(user):
        compact_above(READ_COMPACT_ABOVE)
        for (domain, status), n in counts_by("domain", "status").items():
            by_domain[domain][status] = n
        for (agency_id, status), n in counts_by("lead_agency_id", "status").items():
            by_agency[agency_id][status] = n
    else:
        rows = tasks.order_by().values_list("domain", "lead_agency_id", "status").annotate(n=Count("*"))
        for domain, agency_id, status, n in rows:
            by_domain[domain][status] += n
            by_agency[agency_id][status] += n
    status_totals: Counter = Counter()
    for counts in by_domain.values():
        status_totals.update(counts)
    result.by_status = {s: status_totals.get(s, 0) for s in Status.values}
    result.total = sum(status_totals.values())
    labels = dict(Domain.choices)
    result.by_domain = [
        {"code": code, "label": labels.get(code, code), "total": sum(counts.values()),
         "counts": [(s, label, counts.get(s, 0)) for s, label in Status.choices]}
        for code, counts in sorted(by_domain.items(), key=lambda kv: -sum(kv[1].values()))
    ]
    successors = successors if successors is not None else successors_today()
    merged: dict[int, list[int]] = defaultdict(list)  # today's agency → the dissolved bodies counted in it
    if group_by_today:
        grouped: dict[int | None, Counter] = defaultdict(Counter)
        for agency_id, counts in by_agency.items():
            today_ids = [a.pk for a in successors.get(agency_id, [])] if agency_id else []
            if len(today_ids) == 1:
                merged[today_ids[0]].append(agency_id)  # type: ignore[arg-type]
                agency_id = today_ids[0]
            grouped[agency_id].update(counts)
        by_agency = grouped
    agencies = sorted(by_agency.items(), key=lambda kv: (-kv[1][Status.OPEN_OVERDUE], -sum(kv[1].values())))
    agencies = agencies[:agency_rows]
    shown = {pk for pk, _ in agencies if pk} | {pk for ids in merged.values() for pk in ids}
    names = dict(Agency.objects.filter(pk__in=shown).values_list("pk", "name"))
    result.by_agency = [
        {"id": pk, "name": names.get(pk, "Chưa giao") if pk is not None else "Chưa giao", "total": sum(c.values()),
         "counts": [(s, label, c.get(s, 0)) for s, label in Status.choices],
         "successors": [a.name for a in successors.get(pk, [])] if pk else [],
         "merged": sorted(names[i] for i in merged.get(pk, []) if i in names) if pk else []}
        for pk, c in agencies
    ]
    # What the rows show (title, lead agency, status and its reason), from the queryset that
    # has already settled today's statuses: not `with_list_data`, whose coordinating
    # agencies and latest percent (a subquery per row over the reports) no row shows here.
    result.overdue = list(
        tasks.select_related("lead_agency").filter(status=Status.OPEN_OVERDUE).order_by("due_on", "id")[:overdue_rows]
    )
    # Counted up to a bound: an exact count reads every waiting report's index entry on
    # each dashboard load, and past a thousand the number says no more than "many".
    # No ordering: the model's default order would make the database sort every waiting
    # report before it could stop at the bound.
    waiting = ProgressReport.objects.filter(state=ProgressReport.State.SUBMITTED).order_by().values("pk")
    counted = waiting[:PENDING_REVIEWS_SHOWN + 1].count()
    result.pending_reviews = min(counted, PENDING_REVIEWS_SHOWN)
    result.pending_reviews_more = counted > PENDING_REVIEWS_SHOWN
    return result


class InvolvedTasks:
    """The tasks some agencies are involved in (`involving`), in the lists' order (due date,
    then id), for a Paginator: it counts and pages without reading every such task.

    An agency can be involved in 17,000 of 100,000 tasks. The page's ids are one range of
    the index of the involvements the database keeps (`TaskInvolvement`, tasks/involvement.py):
    (agency, due date, task). The count is the kept count of the tasks the agencies lead
    (tasks/counts.py) plus their involvements as other than the primary lead. Rows carry
    the stored status: the caller settles first.
    """

    def __init__(self, *, agency_ids: frozenset[int], statuses: list[str] | None = None,
                 brief: bool = False) -> None:
        self.agency_ids, self.statuses, self.brief = agency_ids, statuses, brief

    def _involvements(self) -> QuerySet[TaskInvolvement]:
        rows = TaskInvolvement.objects.filter(agency_id__in=self.agency_ids).order_by()
        return rows.filter(status__in=self.statuses) if self.statuses is not None else rows

    def count(self) -> int:
        if not self.agency_ids:
            return 0
        led = counts_by(lead_agency_id__in=self.agency_ids,
                        **({"status__in": self.statuses} if self.statuses is not None else {}))[()]
        others = self._involvements().filter(lead=False)
        if len(self.agency_ids) > 1:  # a body and one it succeeded may both be on a task: count it once
            led_here = TaskInvolvement.objects.filter(agency_id__in=self.agency_ids, lead=True).values("task_id")
            return led + others.exclude(task_id__in=led_here).values("task_id").distinct().count()
        return led + others.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> "list[TaskListRow]":
        if not isinstance(index, slice):
            raise TypeError("InvolvedTasks pages by slices")
        if not self.agency_ids:
            return []
        rows = self._involvements().values_list("due_on", "task_id").order_by("due_on", "task_id")
        if len(self.agency_ids) > 1:
            rows = rows.distinct()  # a task of a body and of its predecessor: once
        ids = [pk for _, pk in rows[index]]
        tasks = {t.pk: t for t in _rows(Task.objects.filter(pk__in=ids), brief=self.brief)}
        return [tasks[pk] for pk in ids]


# What a line of the brief list ("Tất cả" in "Việc của tôi") shows: the title, linked, and
# the status as `explain` words it; not the agencies, the document or the latest percent.
BRIEF_FIELDS = ("pk", "title", "due_on", "completed_on", "recurrence", "settled_status", "settled_reason")


def _rows(tasks: QuerySet[Task], *, brief: bool) -> "QuerySet[TaskListRow]":
    """Rows of a list whose statuses the request has settled already: full rows
    (`with_list_data`), or the fields of a brief line only."""
    return stored_status(tasks.only(*BRIEF_FIELDS)) if brief else with_list_data(tasks, settled=True)  # type: ignore[return-value]


# "Cần báo cáo kỳ này": the tasks whose stored status is open (on time or overdue).
DUE_NOW: list[str] = [Status.OPEN_OVERDUE, Status.OPEN_ON_TIME]


@dataclass(frozen=True)
class MyTasks:
    """What "Việc của tôi" shows: the first tasks due a report now and how many there are,
    and one page of all the tasks of the user's agency (and of the bodies it succeeded)."""

    due_now: "list[TaskListRow]"
    due_now_count: int
    page: Page
    # Of `due_now`, the tasks whose current period's report is in (a one-off or continuous
    # task is still open after it): the next period's report is the one to come.
    sent_this_period: frozenset[int] = frozenset()


def my_tasks_screen(*, user: AnyUser, page: str | int | None, per_page: int,
                    today: dt.date | None = None) -> MyTasks:
    """Both sections of "Việc của tôi", settling today's statuses once for both."""
    today = today or timezone.localdate()
    settle_due(today=today)
    every = _my_tasks_pageable(user=user, statuses=None, brief=True)
    due = _my_tasks_pageable(user=user, statuses=DUE_NOW, brief=False)
    due_now = list(due[:per_page])
    return MyTasks(due_now=due_now, due_now_count=due.count(),
                   # InvolvedTasks is read by slices only, which is all a Paginator does.
                   page=Paginator(every, per_page).get_page(page),  # type: ignore[arg-type]
                   sent_this_period=_sent_this_period(due_now, today=today))


def _sent_this_period(tasks: "list[TaskListRow]", *, today: dt.date) -> frozenset[int]:
    """The tasks among these with a counted report for the period `status.period_due` names
    (one query for the shown rows; the status rule counts any agency's report, so does this)."""
    by_period: dict[tuple[dt.date, dt.date], list[int]] = defaultdict(list)
    for task in tasks:
        period = period_due(task, today=today)
        by_period[(period.start, period.end)].append(task.pk)
    if not by_period:
        return frozenset()
    which = functools.reduce(operator.or_, (Q(task_id__in=ids, period_start=start, period_end=end)
                                            for (start, end), ids in by_period.items()))
    return frozenset(ProgressReport.objects.filter(which, state__in=COUNTING_REPORT_STATES)
                     .values_list("task_id", flat=True))


def _my_tasks_pageable(*, user: AnyUser, statuses: list[str] | None,
                       brief: bool) -> "InvolvedTasks | QuerySet[TaskListRow]":
    """`my_tasks` (optionally only these statuses) in a form a Paginator pages cheaply;
    statuses as stored (the caller has settled them); `brief`: see `BRIEF_FIELDS`."""
    ids = user_agency_ids(user)
    if ids and sees_every_task(user):
        return InvolvedTasks(agency_ids=ids, statuses=statuses, brief=brief)
    tasks = _rows(tasks_visible_to(user=user).filter(involving(ids)) if ids else Task.objects.none(),
                  brief=brief).order_by("due_on", "id")
    return tasks.filter(settled_status__in=statuses) if statuses is not None else tasks


def my_tasks(*, user: AnyUser, today: dt.date | None = None) -> QuerySet[Task]:
    """Tasks the officer's agency (or a body it succeeded) leads or coordinates."""
    ids = user_agency_ids(user)
    if not ids:
        return Task.objects.none()
    return with_list_data(tasks_visible_to(user=user).filter(involving(ids)), today=today).order_by("due_on", "id")


def may_see_report_internals(*, user: AnyUser, task: Task) -> bool:
    """Unaccepted reports and evidence files: see `tasks.view_report_internals` in rules.py."""
    return user.has_perm("tasks.view_report_internals", task)


def reports_for_task(*, user: AnyUser, task: Task) -> QuerySet[ProgressReport]:
    """The task's reports this user may read, with the evidence files they may download."""
    reports = task.reports.select_related("agency", "author", "reviewed_by")
    if may_see_report_internals(user=user, task=task):
        return reports.prefetch_related("evidence")
    return reports.filter(state=ProgressReport.State.ACCEPTED).prefetch_related(
        Prefetch("evidence", queryset=ReportEvidence.objects.none())
    )


def report_to_finish(*, task: Task, agency: Agency) -> ProgressReport | None:
    """The agency's report on the task that is still its to finish and send: a draft it saved
    or one the office returned (the newest period first), or None."""
    return (task.reports.filter(agency=agency, state__in=[ProgressReport.State.DRAFT, ProgressReport.State.RETURNED])
            .order_by("-period_start").first())


def internals_visible_task_ids(*, user: AnyUser, task_ids: Iterable[int]) -> set[int]:
    """Of these tasks, those whose unaccepted reports and evidence the user may see: the
    `tasks.view_report_internals` rule asked for many tasks in one query instead of one each
    (the office and leaders see every task's; an officer those `involving` their agency)."""
    ids = set(task_ids)
    if user.has_perm("tasks.view_report_internals"):  # true without a task only for office and leaders
        return ids
    if not is_officer(user) or not ids:
        return set()
    return set(Task.objects.filter(involving(user_agency_ids(user)), pk__in=ids).values_list("pk", flat=True))


def reports_visible_to(*, user: AnyUser) -> QuerySet[ProgressReport]:
    """Every report this user may read, of every task at once: what `reports_for_task`
    gives task by task (tests/tasks/test_visibility.py holds the two to the same answer)."""
    reports = ProgressReport.objects.filter(task__in=tasks_visible_to(user=user))
    if user.has_perm("tasks.view_report_internals"):
        return reports
    accepted = Q(state=ProgressReport.State.ACCEPTED)
    if is_officer(user):
        return reports.filter(accepted | Q(task__in=Task.objects.filter(involving(user_agency_ids(user)))))
    return reports.filter(accepted)


def evidence_for_download(*, user: AnyUser, pk: int) -> ReportEvidence:
    """An evidence file, if this user may download it; DoesNotExist if there is no such file,
    ActionNotPermitted (a PermissionDenied) if there is one they may not see."""
    evidence = ReportEvidence.objects.select_related("report__task").get(pk=pk)
    require_perm(user, "tasks.view_report_internals", evidence.report.task,
                 message=_("Bạn không có quyền xem tệp này."))
    return evidence


def reports_awaiting_review(*, limit: int = 50) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(state=ProgressReport.State.SUBMITTED).select_related(
        "task", "agency", "author"
    ).order_by("submitted_at")[:limit]
