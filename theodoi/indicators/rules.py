"""Who may do what with indicators. One permission name guards view, template and service.

Which state an observation must be in for each action is the services' check; together they
make the state × role matrix tested in tests/indicators/test_matrix.py.
"""

import rules

from theodoi.agencies.selectors import user_agency_ids
from theodoi.core.predicates import is_leader, is_office, is_officer, is_staff_role
from theodoi.core.types import AnyUser
from theodoi.indicators.models import Indicator


@rules.predicate
def is_indicator_agency(user: AnyUser | None, indicator: Indicator | None) -> bool:
    """The user's agency (or a body it took over) is responsible for the indicator."""
    if indicator is None:
        return False
    return indicator.agency_id in user_agency_ids(user)


rules.add_perm("indicators.view_indicator", is_staff_role)
rules.add_perm("indicators.manage_indicator", is_office)
# The admin asks Django's model permissions: the office keeps indicators and targets there
# (through the services) and reads values and lock exceptions.
for _perm in ("add_indicator", "change_indicator", "add_target", "change_target", "view_target",
              "view_observation", "view_lockexception"):
    rules.add_perm(f"indicators.{_perm}", is_office)
# Entering and submitting a period's value is the responsible agency's work.
rules.add_perm("indicators.enter_observation", is_officer & is_indicator_agency)
rules.add_perm("indicators.review_observation", is_office)
# Reopening an approved period and granting a lock exception.
rules.add_perm("indicators.unlock_period", is_office)
# Drafts and returned values are the agency's working papers, like task reports' internals.
rules.add_perm("indicators.view_unapproved", is_office | is_leader | (is_officer & is_indicator_agency))
