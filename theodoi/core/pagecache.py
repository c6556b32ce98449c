"""The staff pages' content kept per version of the data.

The dashboard, the task list, "Việc của tôi" and the ranking read a few milliseconds of
SQL but cost ten to forty times a trivial view in Python: compiling their queries, forms,
rendering hundreds of rows. What they show changes only when the data does (or the day,
the language, the user), so the body of each page (its content template, rendered) is kept
in the `pages` cache under a key of:

- the data version (`core/dataversion.py`), read *before* the content is computed: the
  content is never older than its key, and every committed write, by any path, any worker
  or server, makes every key new;
- today's date (statuses, deadlines and periods turn with the day), the interface language;
- the user: what a user may see (visibility, report internals, roles) and per-user parts
  (the follow button needs their e-mail) differ, so content is never shared between users.
  Not their scope (role and agencies), though officers of one agency would then share warm
  pages: the task list's content shows the follow form only to a user with an e-mail, and
  permissions are django-rules predicates over the user (a superuser, permissions given to
  one account), which role and agencies do not determine;
- the template and the path with its query (filters, page, sort), in one order
  (`kept_path`): `?a=1&b=2` and `?b=2&a=1`, or `?q=` and no `q`, are one page. Only the
  parameters the view reads: each kept view declares them (`reads_query`), and the rest
  (`utm_source`, `fbclid`, what a mail client or a social site appends) is dropped from the
  request before the view runs, so neither the key nor the content (its links) sees them.

The layout around it (header, menu, messages, the CSRF token) is rendered per request. The
content itself holds no CSRF token: it is rendered with a placeholder, replaced by the
request's own token each time it is served (a kept token would outlive the session's).

Not kept inside a transaction (`in_atomic_block`): what it reads may include its own
uncommitted writes, which a rollback would undo while the content stayed under the version.
"""

import functools
import hashlib
import hmac
import logging
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from theodoi.core import dataversion

CACHE = "pages"
logger = logging.getLogger(__name__)


@functools.cache
def csrf_placeholder() -> str:
    """What the kept content holds where the CSRF token goes. Derived from the secret key:
    the same in every worker and server sharing a cache, and not a text a user could write
    in a task's title or a search box and see replaced by their token."""
    digest = hmac.new(settings.SECRET_KEY.encode(), b"theodoi.pagecache.csrf", hashlib.sha256).hexdigest()
    return f"csrf-{digest[:32]}"


@functools.cache
def code_release() -> str:
    """A digest of the code, templates and translations this process serves, read once: a
    cache shared by several servers outlives a deploy, and during one the old workers still
    render under the new version; neither's pages are served by the other's code."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".html", ".txt", ".mo"} and path.is_file():
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def reads_query(*names: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Declares the query parameters a kept view reads; the view (and its kept content's
    key) sees those alone. Every view that calls `page_content` carries it: without it,
    each link shared with a tracking parameter appended would be a page computed again."""
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            read = QueryDict(mutable=True)
            for name in names:
                if name in request.GET:
                    read.setlist(name, request.GET.getlist(name))
            read._mutable = False
            request.GET = read  # type: ignore[assignment]  # immutable again, as Django's own
            # `get_full_path()` (the follow form's `next` in the task list's content) reads it.
            request.META["QUERY_STRING"] = read.urlencode()
            request._theodoi_reads_query = names  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)
        return wrapper
    return decorate


def page_content(request: HttpRequest, template: str, context: Callable[[], dict[str, Any]],
                 *parts: object) -> SafeString:
    """`template` rendered with `context()` (called only when not kept); `parts`: anything
    else the content depends on that the path and the user do not say (e.g. the day the
    view worked with, if it computed one before the key was taken). The view must declare
    the parameters it reads (`reads_query`)."""
    if not hasattr(request, "_theodoi_reads_query"):
        raise TypeError(f"{request.path}: a kept view declares the parameters it reads (@reads_query)")
    key = content_key(request, template, *parts)
    placeholder = csrf_placeholder()
    content = _get(key) if key else None
    if content is None:
        values = context()
        values["csrf_token"] = placeholder
        content = str(render_to_string(template, values, request=request))
        if key:
            _set(key, content)
    return mark_safe(content.replace(placeholder, get_token(request)))


def _get(key: str) -> str | None:
    # A shared cache (PAGE_CACHE_URL) that is down costs speed, never the page.
    try:
        return caches[CACHE].get(key)
    except Exception:  # noqa: BLE001 (any backend's error: the page is computed instead)
        logger.warning("page cache unreachable; computing the page", exc_info=True)
        return None


def _set(key: str, content: str) -> None:
    try:
        caches[CACHE].set(key, content)
    except Exception:  # noqa: BLE001
        logger.warning("page cache unreachable; page not kept", exc_info=True)


def content_key(request: HttpRequest, template: str, *parts: object) -> str | None:
    if connection.in_atomic_block:
        return None
    version = dataversion.current()
    if version is None:
        return None
    user = getattr(request, "user", None)
    fields = [code_release(), template, str(version), timezone.localdate().isoformat(),
              translation.get_language() or "", str(getattr(user, "pk", None)), kept_path(request),
              *map(repr, parts)]
    return "page:" + hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def kept_path(request: HttpRequest) -> str:
    """The path and its query as the key holds it (the parameters the view reads, see
    `reads_query`): the parameters sorted by name, a
    parameter all of whose values are empty left out. Links and forms write the same query
    in different orders, and a filter form left blank sends `?q=&status=`.

    - Only names are sorted, each one's values keep their order: a page reads the last of
      them (`QueryDict.get`), so `?sort=a&sort=b` and `?sort=b&sort=a` are different pages.
    - An empty value is dropped only where no other value of that name is (`?sort=a&sort=`
      reads the empty one). Every kept page treats an empty value as a missing one: the
      dashboard's `theo` is compared with one word; the task list's filters ignore an empty
      value (django-filter; the `current` box is unticked either way), and its `sort` and
      `page` fall back to the default and the first page; "Việc của tôi" reads `page` alone;
      the ranking's `period` and `sort` fall back to their defaults. A page kept here that
      told an empty value from a missing one would have to give it in `parts`.
    The content may hold the query in links (the task list's pages and exports); served for
    the other spelling, they still lead to the same pages."""
    params = sorted((name, values) for name, values in request.GET.lists() if any(values))
    query = urlencode([(name, value) for name, values in params for value in values])
    return f"{request.path}?{query}" if query else request.path
