"""What the API shows a caller: one answer per kind of object, chosen by who is asking.

Staff with a role (token or session) see what they see in the app: the tasks, documents
and reports selectors and the `tasks.view_report_internals` rule. Everyone else — anonymous,
or an account without a role — sees what the public portal shows, as the portal's
visibility functions decide; nothing here restates either rule.
"""

from django.db.models import Prefetch, QuerySet

from theodoi.agencies.models import Agency
from theodoi.core.predicates import is_staff_role
from theodoi.core.types import AnyUser
from theodoi.documents.models import Document
from theodoi.documents.selectors import documents_visible_to
from theodoi.tasks.models import ProgressReport, Task, TaskComment
from theodoi.tasks.selectors import reports_visible_to, tasks_visible_to


def is_staff_caller(user: AnyUser) -> bool:
    return bool(is_staff_role(user))


def api_tasks(*, user: AnyUser) -> QuerySet[Task]:
    if is_staff_caller(user):
        return tasks_visible_to(user=user)
    return Task.objects.none()


def api_documents(*, user: AnyUser) -> QuerySet[Document]:
    if is_staff_caller(user):
        return documents_visible_to(user=user)
    return Document.objects.none()


def api_agencies(*, user: AnyUser) -> QuerySet[Agency]:
    """The registry is public: every agency with its succession."""
    return Agency.objects.select_related("parent").prefetch_related(
        Prefetch("succeeded_by", queryset=Agency.objects.only("id", "name", "short_name")),
        Prefetch("predecessors", queryset=Agency.objects.only("id", "name", "short_name")),
    ).order_by("name", "id")


def api_progress_notes(*, user: AnyUser) -> QuerySet[ProgressReport]:
    if is_staff_caller(user):
        return reports_visible_to(user=user).select_related("agency", "author", "reviewed_by")
    return ProgressReport.objects.none()


def api_comments(*, user: AnyUser, task: Task) -> QuerySet[TaskComment]:
    """Comments and directions: every staff user reads them on the task page; never public."""
    if is_staff_caller(user):
        return task.comments.select_related("author")
    return TaskComment.objects.none()
