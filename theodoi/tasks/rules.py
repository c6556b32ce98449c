"""Who may do what with tasks. One permission name guards view, template and service."""

from collections.abc import Iterable

import rules
from django.db.models import Q, QuerySet

from theodoi.agencies.selectors import user_agency_ids
from theodoi.core.types import AnyUser
from theodoi.core.predicates import is_leader, is_office, is_officer, is_staff_role
from theodoi.tasks.models import Assignment, Task


def involving(agency_ids: Iterable[int]) -> Q:
    """Tasks these agencies are involved in: as the lead, a co-lead or a coordinating agency.

    The one statement of "agency involved in task", for the permission below, the
    reporting agency (services) and "Việc của tôi" (selectors, through the involvements
    the database keeps from `involvements` below)."""
    ids = list(agency_ids)
    return Q(lead_agency_id__in=ids) | Q(pk__in=Assignment.objects.filter(agency_id__in=ids).values("task_id"))


def involvements() -> "tuple[QuerySet[Task, tuple[int, int]], QuerySet[Assignment, tuple[int, int]]]":
    """`involving` for every agency at once, as (agency id, task id) pairs: the primary
    leads, and the assignments. What the stored involvements (`TaskInvolvement`, kept by
    triggers for "Việc của tôi") must hold; `check_status` compares the two."""
    return (Task.objects.filter(lead_agency__isnull=False).order_by().values_list("lead_agency_id", "pk"),
            Assignment.objects.order_by().values_list("agency_id", "task_id"))


@rules.predicate
def is_task_agency(user: AnyUser | None, task: Task | None) -> bool:
    """The user's agency (or a body it took over) leads or coordinates the task."""
    if task is None:
        return False
    ids = user_agency_ids(user)
    return bool(ids) and Task.objects.filter(involving(ids), pk=task.pk).exists()


# Evidence files (of any report) and reports the office has not accepted (drafts, submitted,
# returned) are the working papers of the agencies on the task: the office, leaders and the
# officers of the lead and coordinating agencies (or of their successors) see them; other
# staff see only the accepted reports, without their files. The one rule for both, used by
# the selectors, the task page and the evidence download.
can_see_report_internals = is_office | is_leader | (is_officer & is_task_agency)

rules.add_perm("tasks.view_task", is_staff_role)
rules.add_perm("tasks.view_report_internals", can_see_report_internals)
rules.add_perm("tasks.add_task", is_office)
rules.add_perm("tasks.change_task", is_office)
rules.add_perm("tasks.delete_task", is_office)
rules.add_perm("tasks.import_tasks", is_office)
rules.add_perm("tasks.report_on_task", is_office | (is_officer & is_task_agency))
rules.add_perm("tasks.review_report", is_office)
rules.add_perm("tasks.comment_task", is_office | is_leader)
rules.add_perm("tasks.publish_task", is_office)
