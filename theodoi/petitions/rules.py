"""Who may do what with petitions. The public needs no permission to file or follow one."""

import rules

from theodoi.agencies.selectors import user_agency_ids
from theodoi.core.predicates import is_leader, is_office, is_officer
from theodoi.core.types import AnyUser
from theodoi.petitions.models import Petition


@rules.predicate
def is_petition_agency(user: AnyUser | None, petition: Petition | None) -> bool:
    """The petition is assigned to the user's agency (or to a body it took over)."""
    if petition is None or petition.agency_id is None:
        return False
    return petition.agency_id in user_agency_ids(user)


# The inbox of every petition: the office, and leaders reading.
rules.add_perm("petitions.view_inbox", is_office | is_leader)
# An agency's own list of the petitions assigned to it.
rules.add_perm("petitions.view_agency_list", is_officer)
rules.add_perm("petitions.view_petition", is_office | is_leader | (is_officer & is_petition_agency))
# Contact details, attachments: only the office and the assigned agency (the form says so).
rules.add_perm("petitions.view_contact", is_office | (is_officer & is_petition_agency))
rules.add_perm("petitions.assign_petition", is_office)
rules.add_perm("petitions.reject_petition", is_office)
rules.add_perm("petitions.close_petition", is_office)
rules.add_perm("petitions.merge_petition", is_office)
rules.add_perm("petitions.decide_publication", is_office)
rules.add_perm("petitions.hand_back_petition", is_officer & is_petition_agency)
rules.add_perm("petitions.answer_petition", is_office | (is_officer & is_petition_agency))
rules.add_perm("petitions.add_day_off", is_office)
rules.add_perm("petitions.change_category", is_office)
# The admin: petitions and days off are read there, changed on the petition screens.
rules.add_perm("petitions.view_category", is_office)
rules.add_perm("petitions.add_category", is_office)
rules.add_perm("petitions.view_dayoff", is_office)
