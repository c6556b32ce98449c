"""Who may do what with consultations. Reading and commenting need no account; running a
consultation (drafts, moderation, responses, the summary) is the office's."""

import rules

from theodoi.core.predicates import is_leader, is_office

rules.add_perm("consultations.add_consultation", is_office)
rules.add_perm("consultations.change_consultation", is_office)
rules.add_perm("consultations.moderate_comment", is_office)
rules.add_perm("consultations.view_summary", is_office | is_leader)
