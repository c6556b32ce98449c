"""Who may read the ranking and produce reports and exports."""

import rules

from theodoi.core.predicates import is_staff_role

# Every staff role reads the ranking and the official report: they only count tasks every
# staff user already sees in the task list.
rules.add_perm("reports.view_ranking", is_staff_role)
rules.add_perm("reports.export_report", is_staff_role)
rules.add_perm("reports.view_reminders", is_staff_role)
