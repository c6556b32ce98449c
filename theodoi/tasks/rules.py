"""Who may do what with tasks. One permission name guards view, template and service."""

import rules

from theodoi.agencies.selectors import agency_ids_acting_for
from theodoi.core.predicates import is_leader, is_office, is_officer, is_staff_role


def user_agency_ids(user) -> frozenset[int]:
    """The officer's agency and the bodies it succeeded (cached on the user)."""
    cached = getattr(user, "_theodoi_agency_ids", None)
    if cached is None:
        membership = getattr(user, "membership", None) if user.is_authenticated else None
        cached = frozenset(agency_ids_acting_for(membership.agency_id)) if membership else frozenset()
        user._theodoi_agency_ids = cached
    return cached


@rules.predicate
def is_task_agency(user, task) -> bool:
    """The user's agency (or a body it took over) leads or coordinates the task."""
    if task is None:
        return False
    ids = user_agency_ids(user)
    if not ids:
        return False
    if task.lead_agency_id in ids:
        return True
    return task.assignments.filter(agency_id__in=ids).exists()


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
