"""What the API shows a caller: one answer per kind of object, chosen by who is asking.

Staff with a role (token or session) see what they see in the app: the tasks, documents
and reports selectors and the `tasks.view_report_internals` rule. Everyone else — anonymous,
or an account without a role — sees what the public portal shows: the rows of
`theodoi.portal.visibility`, and of them only the fields it lists (the serializers check
each field against those lists). Nothing here restates either rule.
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from theodoi.agencies.models import Agency
from theodoi.core.predicates import is_staff_role
from theodoi.core.types import AnyUser
from theodoi.documents.models import Document, DocumentLink
from theodoi.documents.selectors import documents_visible_to
from theodoi.indicators.models import Indicator
from theodoi.indicators.selectors import indicator_list, observations_visible_to
from theodoi.portal import visibility as public
from theodoi.tasks.models import ProgressReport, ReportEvidence, Task, TaskComment
from theodoi.tasks.selectors import evidence_for_download, reports_visible_to, tasks_visible_to, with_list_data


def is_staff_caller(user: AnyUser) -> bool:
    return bool(is_staff_role(user))


def api_tasks(*, user: AnyUser) -> QuerySet[Task]:
    if is_staff_caller(user):
        return tasks_visible_to(user=user)
    return public.public_tasks()


def api_task_rows(*, user: AnyUser, tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Rows of a task list for this caller: status, agencies and progress, in a fixed number
    of queries. Public progress is the latest accepted report's (`public_percent`); a parent
    is named only when the caller may see it."""
    if is_staff_caller(user):
        return with_list_data(tasks).annotate(parent_visible=Exists(api_tasks(user=user).filter(pk=OuterRef("parent_id"))))
    return tasks.select_related("lead_agency", "document").prefetch_related(
        Prefetch("assignments", queryset=public.public_assignments().select_related("agency"))
    ).annotate(latest_percent=public.public_percent(),
               parent_visible=Exists(public.public_tasks().filter(pk=OuterRef("parent_id"))))


def api_documents(*, user: AnyUser) -> QuerySet[Document]:
    if is_staff_caller(user):
        return documents_visible_to(user=user)
    return public.public_documents().select_related("issuer")


def api_document_links(*, user: AnyUser) -> QuerySet[DocumentLink]:
    """Links between documents, both ends visible to the caller."""
    if is_staff_caller(user):
        visible = api_documents(user=user).values("pk")
        return DocumentLink.objects.filter(source__in=visible, target__in=visible)
    return public.public_document_links()


def api_agencies(*, user: AnyUser) -> QuerySet[Agency]:
    """The registry with its succession (public in whole: `public_agencies`)."""
    return public.public_agencies().select_related("parent").prefetch_related(
        Prefetch("succeeded_by", queryset=Agency.objects.only("id", "name", "short_name")),
        Prefetch("predecessors", queryset=Agency.objects.only("id", "name", "short_name")),
    ).order_by("name", "id")


def api_progress_notes(*, user: AnyUser) -> QuerySet[ProgressReport]:
    """Reports the caller may read, each with the evidence files it may list: staff, every
    file (the serializer keeps those of tasks whose working papers they may see); the
    public, the files the office published."""
    if is_staff_caller(user):
        return reports_visible_to(user=user).select_related("agency", "author").prefetch_related(
            Prefetch("evidence", queryset=ReportEvidence.objects.order_by("id")))
    return public.public_notes().select_related("agency").prefetch_related(
        Prefetch("evidence", queryset=public.public_evidence().order_by("id")))


def api_comments(*, user: AnyUser, task: Task) -> QuerySet[TaskComment]:
    """Comments and directions: every staff user reads them on the task page; never public."""
    if is_staff_caller(user):
        return task.comments.select_related("author")
    return TaskComment.objects.none()


def api_evidence_file(*, user: AnyUser, pk: int) -> ReportEvidence:
    """An evidence file to download: staff as the app allows (`evidence_for_download`, a
    PermissionDenied if not theirs to see), the public only a published one.
    DoesNotExist if there is none the caller may know of."""
    if is_staff_caller(user):
        return evidence_for_download(user=user, pk=pk)
    return public.public_evidence().get(pk=pk)




def api_indicators(*, user: AnyUser) -> QuerySet[Indicator]:
    """Indicators with their targets and values: staff every indicator (`indicator_list`);
    the public those of `public_indicators`, with public targets and approved values."""
    if is_staff_caller(user):
        return indicator_list()
    return public.public_indicators().select_related("agency", "document").prefetch_related(
        Prefetch("targets", queryset=public.public_targets().select_related("document").order_by("year", "from_year"),
                 to_attr="visible_targets"),
        Prefetch("observations", queryset=public.public_observations().order_by("period_start"),
                 to_attr="visible_observations"),
    ).order_by("document__issued_on", "code")


def api_indicator_rows(*, user: AnyUser, indicators: Iterable[Indicator]) -> list[Indicator]:
    """The indicators with `visible_targets` and `visible_observations` set for this caller:
    for staff every target and the values `observations_visible_to` gives them."""
    rows = list(indicators)
    if is_staff_caller(user):
        for indicator in rows:
            indicator.visible_targets = list(indicator.targets.all())  # type: ignore[attr-defined]
            indicator.visible_observations = observations_visible_to(  # type: ignore[attr-defined]
                user=user, indicator=indicator)
    return rows
