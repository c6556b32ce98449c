import rules

from theodoi.core.predicates import is_office, is_staff_role

rules.add_perm("documents.view_document", is_staff_role)
rules.add_perm("documents.add_document", is_office)
rules.add_perm("documents.change_document", is_office)
rules.add_perm("documents.delete_document", is_office)
rules.add_perm("documents.publish_document", is_office)
