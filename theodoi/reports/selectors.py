"""Reads of the reports app: the agencies' ranking per period (quarter or year).

Every number comes from `tasks.status.period_verdict`, the status rule's answer for one
period, aggregated in SQL; the drill-down lists are the same queryset filtered, so a
number and its list cannot disagree.
"""

import datetime as dt
from typing import Any
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, QuerySet
from django.utils import timezone

from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import agency_ids_acting_for, current_successors, user_agency_ids
from theodoi.core.permissions import require_perm
from theodoi.core.predicates import is_leader, is_office
from theodoi.reports.models import Digest
from theodoi.core.types import AnyUser
from theodoi.petitions.selectors import AgencyPetitionCounts, agency_petition_counts
from theodoi.tasks.models import Task
from theodoi.tasks.periods import Period
from theodoi.tasks.selectors import TaskRow, task_rows, tasks_visible_to, with_list_data
from theodoi.tasks.status import (
    Status, period_verdict, settle_period_verdicts, with_due_day, with_settled_status,
)

STATUSES = tuple(Status.values)
SORT_KEYS = ("agency", "due", *STATUSES, "rate")
UNASSIGNED = "none"


@dataclass
class RankingRow:
    agency: Agency | None  # None: tasks without a lead agency
    predecessors: list[Agency] = field(default_factory=list)  # bodies it answers for
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    # Petitions falling due in the period: answered on time, answered late, overdue now.
    petitions: AgencyPetitionCounts = field(default_factory=AgencyPetitionCounts)

    @property
    def due(self) -> int:
        return sum(self.counts.values())

    @property
    def judged(self) -> int:
        """Tasks whose verdict is in: done (on time or late) or overdue; open on time is not yet."""
        return self.due - self.counts[Status.OPEN_ON_TIME]

    @property
    def rate(self) -> float | None:
        """Share done on time among the tasks whose verdict is in (None: none yet)."""
        return self.counts[Status.DONE_ON_TIME] / self.judged if self.judged else None

    @property
    def percent(self) -> str:
        """The rate as shown: one decimal, Vietnamese comma ("87,5")."""
        return "" if self.rate is None else f"{self.rate * 100:.1f}".replace(".", ",").removesuffix(",0")

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(s, self.counts[s]) for s in STATUSES]

    @property
    def key(self) -> str:
        return str(self.agency.pk) if self.agency else UNASSIGNED

    def sort_value(self, key: str) -> tuple:
        if key == "agency":
            return (self.agency.name if self.agency else "~",)
        if key == "due":
            return (self.due,)
        if key == "rate":
            return (-1.0 if self.rate is None else self.rate, self.due)
        return (self.counts[key],)


@dataclass
class Ranking:
    period: Period
    rows: list[RankingRow]
    total: RankingRow


def visible_tasks(user: AnyUser | None) -> QuerySet[Task]:
    """What a user may count; None is the server's command line (`theodoi report`), which
    reads the whole database like every management command."""
    if user is None:
        return Task.objects.all()
    require_perm(user, "reports.view_ranking")
    return tasks_visible_to(user=user)


def _period_tasks(*, user: AnyUser | None, period: Period, today: dt.date, document_id: int | None) -> QuerySet[Any]:
    """The tasks falling due within the period, each annotated with `verdict`.

    A recent closed period reads the verdicts stored for it (one row per task due in it);
    any other period evaluates the rule's SQL over every task.
    """
    tasks = with_settled_status(visible_tasks(user), today=today)
    if document_id is not None:
        tasks = tasks.filter(document_id=document_id)
    if settle_period_verdicts(period, today=today):
        # One filter() call: the period condition and the verdict read the same joined row.
        return tasks.filter(period_verdicts__period=period.key).annotate(verdict=F("period_verdicts__verdict"))
    due, verdict = period_verdict(period, today=today)
    return with_due_day(tasks).filter(due).annotate(verdict=verdict)


def _answering_bodies() -> dict[int, list[Agency]]:
    """Dissolved agency id → the bodies answering for it today (the successors)."""
    dissolved = Agency.objects.filter(dissolved_on__isnull=False, succeeded_by__isnull=False).distinct()
    return {a.pk: current_successors(a) for a in dissolved.prefetch_related("succeeded_by")}


def ranking(*, user: AnyUser | None, period: Period, sort: str = "-rate", today: dt.date | None = None,
            document_id: int | None = None) -> Ranking:
    """Per agency answering today: tasks due in the period, by their verdict for it.

    A dissolved body's tasks count for each of its successors (Bộ Kế hoạch và Đầu tư's for
    Bộ Tài chính), which are listed with it; the total counts every task once.
    """
    today = today or timezone.localdate()
    tasks = _period_tasks(user=user, period=period, today=today, document_id=document_id)
    grouped = tasks.order_by().values_list("lead_agency_id", "verdict").annotate(n=Count("pk"))
    answering = _answering_bodies()
    by_lead: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for lead_id, verdict, n in grouped:
        by_lead[lead_id][verdict] += n

    rows: dict[int | None, RankingRow] = {}
    total = RankingRow(agency=None)
    agencies = Agency.objects.in_bulk([pk for pk in by_lead if pk is not None])
    for lead_id, counts in by_lead.items():
        for status, n in counts.items():
            total.counts[status] += n
        bodies = answering.get(lead_id) if lead_id is not None else None
        targets: list[Agency | None] = list(bodies) if bodies else [
            agencies.get(lead_id) if lead_id is not None else None]
        for body in targets:
            row = rows.setdefault(body.pk if body else None, RankingRow(agency=body))
            for status, n in counts.items():
                row.counts[status] += n
            if bodies and lead_id is not None and agencies[lead_id] not in row.predecessors:
                row.predecessors.append(agencies[lead_id])

    petitions = agency_petition_counts(period=period, today=today)
    agencies.update(Agency.objects.in_bulk([pk for pk in petitions if pk not in agencies]))
    for agency_id, answered in petitions.items():
        _add_petitions(total.petitions, answered)
        for body in answering.get(agency_id) or [agencies[agency_id]]:
            _add_petitions(rows.setdefault(body.pk, RankingRow(agency=body)).petitions, answered)

    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key not in SORT_KEYS:
        key, descending = "rate", True
    by_name = sorted(rows.values(), key=lambda r: r.sort_value("agency"))  # ties read A→Z
    ordered = sorted(by_name, key=lambda r: r.sort_value(key), reverse=descending)
    return Ranking(period=period, rows=ordered, total=total)


def _add_petitions(into: AgencyPetitionCounts, counts: AgencyPetitionCounts) -> None:
    into.on_time += counts.on_time
    into.late += counts.late
    into.overdue += counts.overdue


def ranking_tasks(*, user: AnyUser, period: Period, agency: str | None = None, status: str | None = None,
                  today: dt.date | None = None, document_id: int | None = None) -> QuerySet[Any]:
    """The tasks behind one number of the ranking (agency: an id, "none" or None for all)."""
    today = today or timezone.localdate()
    tasks = _period_tasks(user=user, period=period, today=today, document_id=document_id)
    if agency == UNASSIGNED:
        tasks = tasks.filter(lead_agency__isnull=True)
    elif agency:
        tasks = tasks.filter(lead_agency_id__in=agency_ids_acting_for(int(agency)))
    if status in STATUSES:
        tasks = tasks.filter(verdict=status)
    return with_list_data(tasks, today=today).order_by("due_on", "id")



def ranking_task_page(*, user: AnyUser, period: Period, agency: str | None = None, status: str | None = None,
                      today: dt.date | None = None, page: str | int | None = None, per_page: int = 50
                      ) -> tuple[Page, list[TaskRow]]:
    """One page of `ranking_tasks` and its rows. The list's ids are read once: paginating
    the queryset itself would evaluate the verdicts twice (the count, then the page)."""
    today = today or timezone.localdate()
    ids = list(ranking_tasks(user=user, period=period, agency=agency, status=status, today=today)
               .values_list("pk", flat=True))
    chosen = Paginator(ids, per_page).get_page(page)
    return chosen, task_rows(Task.objects.filter(pk__in=list(chosen.object_list)).order_by("due_on", "id"))


def drilled_agency(agency: str | None) -> Agency | None:
    """The agency a drill-down's agency parameter (an id, "none" or absent) names, if any."""
    if agency is None or agency == UNASSIGNED:
        return None
    return Agency.objects.filter(pk=int(agency)).first()


def digests_visible_to(*, user: AnyUser) -> QuerySet[Digest]:
    """The reminder emails a user may read: their agency's (and its predecessors'), or every
    one for the office and leaders (the office's escalations included)."""
    require_perm(user, "reports.view_reminders")
    digests = Digest.objects.select_related("agency").prefetch_related("items")
    if is_office(user) or is_leader(user):
        return digests
    return digests.filter(agency_id__in=user_agency_ids(user))
