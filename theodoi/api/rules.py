"""Who may do what with the API's own objects."""

import rules

from theodoi.core.predicates import is_office

# Tokens open the API with a user's rights: only the office issues and revokes them.
rules.add_perm("api.manage_tokens", is_office)
