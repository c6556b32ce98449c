"""Reads of the public portal. Every row comes from `visibility.py`; nothing else is read."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from theodoi.agencies.models import Agency
from theodoi.core.search import matching
from theodoi.documents.models import Document, DocumentLink
from theodoi.documents.selectors import Segment, text_segments
from theodoi.indicators import selectors as indicator_selectors
from theodoi.indicators.formatting import format_value
from theodoi.indicators.models import Indicator
from theodoi.core.types import AnyUser
from theodoi.portal import visibility
from theodoi.portal.models import Follow
from theodoi.tasks.models import Assignment, Domain, ProgressReport, ReportEvidence, Task
from theodoi.tasks.status import Status, with_settled_status

STATUSES = list(Status.values)


class _Labels(dict):
    """Status labels in the active language (looked up when read, not at import)."""

    def __missing__(self, key: str) -> str:
        return str(Status(key).label)


LABELS = _Labels()


@dataclass
class Breakdown:
    """Tasks counted in the four states, per row (a programme, a domain or an agency)."""

    key: object
    label: str
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, int, float, str]]:
        """(status, count, percent of the row, label) in the fixed order of the four states."""
        total = self.total or 1
        return [(s, self.counts.get(s, 0), round(100 * self.counts.get(s, 0) / total, 1), LABELS[s]) for s in STATUSES]


@dataclass
class Overview:
    programmes: list[tuple[Document, Breakdown]]
    by_domain: list[Breakdown]
    by_agency: list[Breakdown]
    totals: Breakdown


def public_tasks_with_status(*, today: dt.date | None = None) -> QuerySet[Task]:
    """Public tasks with `status` and `status_reason` as stored (theodoi/tasks/status.py)."""
    return with_settled_status(visibility.public_tasks(), today=today)


def _counts(tasks: QuerySet[Task], *, agency_rows: int) -> tuple[dict, list[Breakdown], list[Breakdown], Breakdown]:
    by_document: dict[int, Counter] = defaultdict(Counter)
    by_domain: dict[str, Counter] = defaultdict(Counter)
    by_agency: dict[int | None, Counter] = defaultdict(Counter)
    totals = Breakdown("all", "")
    rows = tasks.order_by().values_list("document_id", "domain", "lead_agency_id", "settled_status").annotate(n=Count("*"))
    for document_id, domain, agency_id, status, n in rows:
        by_document[document_id][status] += n
        by_domain[domain][status] += n
        by_agency[agency_id][status] += n
        totals.counts[status] += n
    labels = dict(Domain.choices)
    domains = sorted((Breakdown(code, str(labels.get(code, code)), c) for code, c in by_domain.items()),
                     key=lambda b: -b.total)
    top = sorted(by_agency.items(), key=lambda kv: -sum(kv[1].values()))[:agency_rows]
    names = dict(visibility.public_agencies().filter(pk__in=[pk for pk, _ in top if pk]).values_list("pk", "name"))
    agencies = [Breakdown(pk, names.get(pk, "") if pk else "", c) for pk, c in top]
    return by_document, domains, agencies, totals


def overview(*, today: dt.date | None = None, agency_rows: int = 20) -> Overview:
    """The home page: each published programme in the four states; all of them by domain
    and by lead agency. One grouped query on stored columns."""
    settle_tasks = public_tasks_with_status(today=today)
    by_document, domains, agencies, totals = _counts(settle_tasks, agency_rows=agency_rows)
    documents = visibility.public_documents().filter(pk__in=list(by_document)).select_related("issuer")
    programmes = [(d, Breakdown(d.pk, str(d), by_document[d.pk])) for d in documents.order_by("-issued_on", "id")]
    return Overview(programmes, domains, agencies, totals)


@dataclass
class IndicatorRow:
    indicator: Indicator
    latest: str  # the latest approved value, formatted; "" if none
    period: str
    demo: bool
    target: str  # the target it is measured against, as the document words it
    on_track: bool | None


def indicators() -> list[IndicatorRow]:
    """Public indicators: the latest approved value against the target for its year (the
    indicators app's own rule, over the public rows only)."""
    rows = []
    queryset = visibility.public_indicators().select_related("agency").prefetch_related(
        Prefetch("targets", queryset=visibility.public_targets()),
        Prefetch("observations", queryset=visibility.public_observations().order_by("period_start")),
    ).order_by("code")
    year = timezone.localdate().year
    for indicator in queryset:
        values = list(indicator.observations.all())
        latest = values[-1] if values else None
        when = latest.period_end.year if latest else year
        target = indicator_selectors.target_for_year(indicator, when) or indicator_selectors.next_target(indicator, when)
        on_track = indicator_selectors.meets(indicator, latest.value, target) if latest and target else None
        wording = ""
        if target is not None:
            wording = target.wording or " – ".join(format_value(v, indicator.unit) for v in (target.low, target.high)
                                                   if v is not None)
            wording = f"{wording} ({target.span_label})"
        rows.append(IndicatorRow(indicator, format_value(latest.value, indicator.unit) if latest else "",
                                 latest.period.label if latest else "", bool(latest and latest.is_demo),
                                 wording, on_track))
    return rows


def programme(*, pk: int) -> Document:
    """A published document (DoesNotExist otherwise)."""
    return visibility.public_documents().select_related("issuer").get(pk=pk)


@dataclass
class ProgrammePage:
    document: Document
    segments: list[Segment]
    chain: list[Document]  # the documents it carries out, farthest first, then itself
    carried_out_by: list[DocumentLink]
    by_domain: list[Breakdown]
    by_agency: list[Breakdown]
    totals: Breakdown


def _chain(document: Document, depth: int = 6) -> list[Document]:
    """45-NQ/TW → 96-KL/TW → 7/NQ-CP: follow the public 'carries out' links upwards."""
    chain = [document]
    links = visibility.public_document_links().select_related("target__issuer")
    current = document
    for _ in range(depth):
        link = links.filter(source=current).order_by("target__issued_on", "target_id").first()
        if link is None or link.target in chain:
            break
        current = link.target
        chain.append(current)
    return list(reversed(chain))


def programme_page(*, document: Document, today: dt.date | None = None) -> ProgrammePage:
    tasks = public_tasks_with_status(today=today).filter(document=document)
    spans = [(start, end, pk) for start, end, pk in
             tasks.exclude(source_start=None).exclude(source_end=None).values_list("source_start", "source_end", "pk")
             if start is not None and end is not None]
    _by_doc, domains, agencies, totals = _counts(tasks, agency_rows=50)
    incoming = list(visibility.public_document_links().filter(target=document).select_related("source__issuer"))
    return ProgrammePage(document, text_segments(document.text, spans), _chain(document), incoming,
                         domains, agencies, totals)


def task_list(*, q: str = "", domain: str = "", agency: Agency | None = None, status: str = "",
              document: Document | None = None, today: dt.date | None = None) -> QuerySet[Task]:
    """Public tasks filtered as the portal's list is; the rows carry what a row shows."""
    tasks = matching(public_tasks_with_status(today=today), q)
    if domain:
        tasks = tasks.filter(domain=domain)
    if status:
        tasks = tasks.filter(settled_status=status)
    if document is not None:
        tasks = tasks.filter(document=document)
    if agency is not None:
        tasks = tasks.filter(Q(lead_agency=agency) | Q(pk__in=Assignment.objects.filter(agency=agency).values("task_id")))
    return tasks.select_related("lead_agency", "document").annotate(
        percent=visibility.public_percent()).order_by("due_on", "id")


def task_page(*, pk: int, today: dt.date | None = None) -> Task:
    """A public task with its agencies, its public percent and its status (DoesNotExist otherwise)."""
    return (public_tasks_with_status(today=today)
            .select_related("lead_agency", "document__issuer")
            .prefetch_related(Prefetch("assignments", queryset=visibility.public_assignments()
                                       .select_related("agency").order_by("role", "id")))
            .annotate(percent=visibility.public_percent()).get(pk=pk))


def notes_for(*, task: Task) -> list[ProgressReport]:
    """The task's public progress notes, with their published evidence files only."""
    return list(visibility.public_notes().filter(task=task).select_related("agency").prefetch_related(
        Prefetch("evidence", queryset=visibility.public_evidence().order_by("id"), to_attr="public_files")))


def evidence(*, pk: int) -> ReportEvidence:
    return visibility.public_evidence().get(pk=pk)


def agency(*, pk: int) -> Agency:
    return visibility.public_agencies().get(pk=pk)


def last_updated(*, document: Document | None = None, task: Task | None = None) -> dt.datetime | None:
    """When the public data shown last changed: the latest write to a public document,
    task or note in scope (a status moving with the calendar alone is not a write)."""
    public_documents = set(visibility.public_documents().values_list("pk", flat=True))
    docs = Document.objects.filter(pk__in=public_documents)
    tasks = Task.objects.filter(published=True)
    notes = ProgressReport.objects.filter(state=ProgressReport.State.ACCEPTED, public_since__isnull=False)
    if task is not None:
        docs, tasks, notes = docs.filter(pk=task.document_id), tasks.filter(pk=task.pk), notes.filter(task=task)
    elif document is not None:
        docs, tasks, notes = docs.filter(pk=document.pk), tasks.filter(document=document), notes.filter(
            task__document=document)
    stamps = [docs.order_by("-updated_at").values_list("updated_at", flat=True).first(),
              _newest_public(tasks.order_by("-updated_at").values_list("updated_at", "document_id"), public_documents),
              _newest_public(notes.exclude(public_note="").filter(task__published=True).order_by("-public_since")
                             .values_list("public_since", "task__document_id"), public_documents)]
    found = [s for s in stamps if s is not None]
    return max(found) if found else None


def _newest_public(rows: QuerySet, public_documents: set[int], look: int = 100) -> dt.datetime | None:
    """The first stamp, newest first, of a row of a public document. Read from the stamp's
    index a few rows at a time instead of MAX() over every public row (100,000 tasks)."""
    for stamp, document_id in rows[:look]:
        if document_id in public_documents:
            return stamp
    for stamp, document_id in rows[look:].iterator(chunk_size=2_000):
        if document_id in public_documents:
            return stamp
    return None


def today() -> dt.date:
    return timezone.localdate()


def staff_follows(*, user: AnyUser, kind: str, target_id: int) -> bool:
    """The signed-in user receives mail about this object with their account's address (their
    own subscription, not portal content: hence not read through `visibility`)."""
    if not (user.is_authenticated and user.email):
        return False
    return Follow.objects.filter(follower__email=user.email.strip().lower(), kind=kind, target_id=target_id,
                                 confirmed_at__isnull=False).exists()
