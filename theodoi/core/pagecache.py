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
  (the follow button needs their e-mail) differ, so content is never shared between users;
- the template and the full path with its query (filters, page, sort).

The layout around it (header, menu, messages, the CSRF token) is rendered per request. The
content itself holds no CSRF token: it is rendered with a placeholder, replaced by the
request's own token each time it is served (a kept token would outlive the session's).

Not kept inside a transaction (`in_atomic_block`): what it reads may include its own
uncommitted writes, which a rollback would undo while the content stayed under the version.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from theodoi.core import dataversion

CACHE = "pages"
CSRF_PLACEHOLDER = "theodoi-page-csrf-placeholder"


def page_content(request: HttpRequest, template: str, context: Callable[[], dict[str, Any]],
                 *parts: object) -> SafeString:
    """`template` rendered with `context()` (called only when not kept); `parts`: anything
    else the content depends on that the path and the user do not say."""
    key = content_key(request, template, *parts)
    content = caches[CACHE].get(key) if key else None
    if content is None:
        values = context()
        values["csrf_token"] = CSRF_PLACEHOLDER
        content = str(render_to_string(template, values, request=request))
        if key:
            caches[CACHE].set(key, content)
    return mark_safe(content.replace(CSRF_PLACEHOLDER, get_token(request)))


def content_key(request: HttpRequest, template: str, *parts: object) -> str | None:
    if connection.in_atomic_block:
        return None
    version = dataversion.current()
    if version is None:
        return None
    user = getattr(request, "user", None)
    fields = [template, str(version), timezone.localdate().isoformat(), translation.get_language() or "",
              str(getattr(user, "pk", None)), request.get_full_path(), *map(repr, parts)]
    return "page:" + hashlib.sha256("\x1f".join(fields).encode()).hexdigest()
