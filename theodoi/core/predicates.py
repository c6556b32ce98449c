"""One-fact predicates about the user, combined in each app's rules.py."""

import rules

from theodoi.core.roles import LEADER, OFFICE, OFFICER, has_role


@rules.predicate
def is_office(user) -> bool:
    return has_role(user, OFFICE)


@rules.predicate
def is_officer(user) -> bool:
    return has_role(user, OFFICER)


@rules.predicate
def is_leader(user) -> bool:
    return has_role(user, LEADER)


is_staff_role = is_office | is_officer | is_leader
