"""Types the services, selectors and rules of every app share."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser

# The acting user of a service: a signed-in account (theodoi keeps Django's own user model).
User: TypeAlias = AuthUser

# Whoever a selector or a rule is asked about: a view may hand over the anonymous visitor.
AnyUser: TypeAlias = AuthUser | AnonymousUser
