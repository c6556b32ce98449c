"""Staff POST actions on one object that end back on a page with a message."""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from theodoi.core.exceptions import ApplicationError

M = TypeVar("M")
View = Callable[..., HttpResponse]


def post_action(load: Callable[..., M], back: Callable[[M], HttpResponse]) -> Callable[[Callable[[HttpRequest, M], str]], View]:
    """A decorator for such actions: logged in, POST; `load(request, **url_kwargs)` finds the
    object (a 404, or a 403 where it checks permission); the view acts and returns its success
    message, or raises ApplicationError, whose message is shown instead; then `back(object)`."""
    def decorate(view: Callable[[HttpRequest, M], str]) -> View:
        @login_required
        @require_POST
        @wraps(view)
        def wrapper(request: HttpRequest, **kwargs: object) -> HttpResponse:
            found = load(request, **kwargs)
            try:
                messages.success(request, view(request, found))
            except ApplicationError as exc:
                messages.error(request, exc.message)
            return back(found)
        return wrapper
    return decorate
