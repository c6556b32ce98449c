"""What the public may see: the one place that decides it, for the portal and the open API.

Each kind of object has ONE function returning the rows an anonymous visitor may see,
and ONE tuple naming the fields that may be shown of them. Every public page, feed, mail
and API answer for anonymous callers starts from these functions and shows only these
fields (an API serializer lists exactly `TASK_FIELDS`, …; a template reads nothing else).

Never public, whatever the caller asks for:
- documents and tasks the office has not published (`Document.published`, `Task.published`;
  a task is public only while its document is too);
- progress reports not accepted (drafts, submitted, returned), the narrative of any report,
  its return reason, who wrote or reviewed it;
- internal comments and directions (`TaskComment`), history rows;
- evidence files, unless the office published them with an accepted report's public note;
- user names and e-mail addresses (no field below is a user; followers' addresses
  live in the portal's own tables and are never shown).

The querysets carry no `select_related` to users; callers add `select_related` only on
the relations named in the field lists.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from theodoi.agencies.models import Agency
from theodoi.documents.models import Document, DocumentLink
from theodoi.indicators.models import Indicator, Observation, Target
from theodoi.tasks.models import Assignment, ProgressReport, ReportEvidence, Task

# Fields of a public document. `text` is the full text (the published programme itself).
DOCUMENT_FIELDS = ("id", "kind", "number", "issuer", "issued_on", "title", "text", "updated_at")

# Fields of a public link between two public documents (45-NQ/TW ← 96-KL/TW ← 7/NQ-CP).
DOCUMENT_LINK_FIELDS = ("source", "target", "relation")

# Fields of a public task. Status is the stored settled status and its reason code
# (theodoi/tasks/status.py: `settled_status`, `settled_reason`; never recomputed here);
# its progress is `public_percent()` below. `parent` is shown only if the parent is public.
TASK_FIELDS = (
    "id", "document", "parent", "title", "description", "domain", "lead_agency", "output",
    "deadline_text", "due_on", "recurrence", "completed_on", "source_start", "source_end",
    "settled_status", "settled_reason", "updated_at",
)

# Fields of an assignment of a public task (further lead or coordinating agency).
ASSIGNMENT_FIELDS = ("task", "agency", "role")

# Fields of a public progress note: an accepted report, through the text the office
# wrote for the public. Not `narrative`, `author`, `reviewed_by`, `return_reason`.
NOTE_FIELDS = ("id", "task", "agency", "period_start", "period_end", "percent_complete", "public_note",
               "public_since", "reviewed_at")

# Fields of a public agency (the official registry; every agency is public).
AGENCY_FIELDS = ("id", "name", "short_name", "kind", "parent", "succeeded_by", "dissolved_on")

# Fields of a published evidence file; the file itself is served by the portal's download.
# `original_name` is public only for these rows.
EVIDENCE_FIELDS = ("id", "report", "original_name", "uploaded_at")


# Fields of a public indicator (not its internal `notes` or plausibility bounds).
INDICATOR_FIELDS = ("id", "code", "name", "unit", "direction", "frequency", "is_rate_of_change", "agency", "document")

# Fields of a target of a public indicator, as its document states it.
TARGET_FIELDS = ("id", "indicator", "document", "from_year", "year", "low", "high", "wording")

# Fields of an approved value (`is_demo`: a demo value, to be shown as such wherever it is).
# Not who entered or approved it, nor a return reason.
OBSERVATION_FIELDS = ("id", "indicator", "period_start", "period_end", "value", "source", "is_demo", "reviewed_at")


def public_documents() -> QuerySet[Document]:
    """Documents the office published."""
    return Document.objects.filter(published=True)


def public_document_links() -> QuerySet[DocumentLink]:
    """Links whose both ends are public documents (a chain never names an unpublished one)."""
    return DocumentLink.objects.filter(source__published=True, target__published=True)


def public_tasks() -> QuerySet[Task]:
    """Published tasks of published documents. Status: read `settled_status` after
    `theodoi.tasks.status.with_settled_status` (or `settle_due()`), as staff screens do."""
    return Task.objects.filter(public_task_q())


def public_assignments() -> QuerySet[Assignment]:
    """Further lead and coordinating agencies of public tasks."""
    return Assignment.objects.filter(public_task_q("task__"))


def public_notes() -> QuerySet[ProgressReport]:
    """Accepted reports of public tasks that the office gave a public note; newest first."""
    return ProgressReport.objects.filter(
        public_task_q("task__"), state=ProgressReport.State.ACCEPTED,
    ).exclude(public_note="").order_by("-period_start", "-public_since")


def public_agencies() -> QuerySet[Agency]:
    """The agency registry is public (names of public bodies and their succession)."""
    return Agency.objects.all()


def public_evidence() -> QuerySet[ReportEvidence]:
    """Evidence files the office published, of public notes only."""
    return ReportEvidence.objects.filter(
        report__in=public_notes().filter(evidence_published=True).values("pk"))


def public_indicators() -> QuerySet[Indicator]:
    """Indicators set by a published document."""
    return Indicator.objects.filter(document__published=True)


def public_targets() -> QuerySet[Target]:
    """Targets of public indicators set by a published document."""
    return Target.objects.filter(indicator__document__published=True, document__published=True)


def public_observations() -> QuerySet[Observation]:
    """Approved values of public indicators (drafts, submitted and returned values are not)."""
    return Observation.objects.filter(indicator__document__published=True, state=Observation.State.APPROVED)


def public_percent() -> Subquery:
    """Subquery: the percent of the task's latest accepted report (None if none).

    Use as `public_tasks().annotate(percent=public_percent())`. Only accepted reports
    count: a submitted or returned report's figure is not public."""
    return Subquery(
        ProgressReport.objects.filter(task=OuterRef("pk"), state=ProgressReport.State.ACCEPTED)
        .order_by("-period_start", "-reviewed_at").values("percent_complete")[:1]
    )


def has_public_tasks() -> Exists:
    """For annotating documents or agencies: does it hold any public task?"""
    return Exists(public_tasks().filter(document=OuterRef("pk")))


def only_fields(obj: object, fields: tuple[str, ...]) -> dict:
    """The public fields of one row as a dict (foreign keys as ids), e.g. for a feed."""
    out = {}
    for name in fields:
        field = obj._meta.get_field(name)  # type: ignore[attr-defined]
        if field.many_to_many:
            out[name] = sorted(getattr(obj, name).values_list("pk", flat=True))
        elif field.is_relation:
            out[name] = getattr(obj, field.attname)
        else:
            out[name] = getattr(obj, name)
    return out


def public_task_q(prefix: str = "") -> Q:
    """The condition of `public_tasks()` on a path from another model, e.g. `"task__"`.

    The document's condition is a subquery (`document_id IN (published ids)`) rather than a
    join, so that a database reads public tasks from the task indexes alone."""
    return Q(**{f"{prefix}published": True, f"{prefix}document__in": Document.objects.filter(published=True)})
