"""Permissions on the login throttle's records (django-axes): the office unlocks logins.

In the admin, "Access attempts" lists the counted failures; deleting one unlocks that
username/address at once, and Django's admin log records who did it and when.
"""

import rules

from theodoi.core.predicates import is_office

rules.add_perm("axes.view_accessattempt", is_office)
rules.add_perm("axes.delete_accessattempt", is_office)
rules.add_perm("axes.view_accesslog", is_office)
rules.add_perm("axes.view_accessfailurelog", is_office)
