"""The one permission check, for the services and views of every app.

Services call it with the acting user, views with `request.user`; a refusal is an
`ActionNotPermitted`, a `PermissionDenied`, so a view answers 403 with the friendly page and
a command or the API reports the same message. The rules themselves live in each app's
`rules.py`; this only asks them.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from theodoi.core.exceptions import ActionNotPermitted
from theodoi.core.types import AnyUser


def require_perm(user: AnyUser | None, perm: str, obj: object | None = None, *, message: str | None = None) -> None:
    """Refuse unless `user` has `perm` (on `obj`, for object rules). `None` never has any."""
    if user is None or not user.has_perm(perm, obj):
        raise ActionNotPermitted(message or _("Bạn không có quyền thực hiện thao tác này."))


def perm_view(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A view for those logged in (else the login page) who hold `perm` (else 403)."""
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            require_perm(request.user, perm)
            return view(request, *args, **kwargs)
        return wrapper
    return decorate
