from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from theodoi.agencies.selectors import membership_with_agency


def membership(request: HttpRequest) -> dict:
    """`membership`: the user's agency membership, for the staff layout's header; read (one
    query, its agency included) only by a page that shows it, not by htmx partials."""
    user = getattr(request, "user", None)
    return {"membership": SimpleLazyObject(lambda: membership_with_agency(user))}
