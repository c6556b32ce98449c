"""Rate limits for the public write paths (petitions, consultation comments, follows).

Counted in the database, one row per client, kind of write and window: every gunicorn
worker and every app server sees the same counts with nothing more to run, and the count
is raised by one UPDATE (`hits = hits + 1`), atomic on SQLite and PostgreSQL alike.
django-ratelimit needs memcached or Redis for the same guarantee (its own system check
refuses the local-memory and database caches); a database we already have.

A view calls `limit_reached(request, scope=..., limit=..., per_seconds=...)` before it
writes and answers 429 with `rate_limited_message()` when it returns True.
"""

import random
import time

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _

from theodoi.core.login_throttle import client_address
from theodoi.core.models import RateBucket


def hit(*, key: str, limit: int, per_seconds: int, now: float | None = None) -> bool:
    """Count one hit for `key` in the current window; True if it is over `limit`."""
    window = int((time.time() if now is None else now) // per_seconds) * per_seconds
    with transaction.atomic():
        if not RateBucket.objects.filter(key=key, window=window).update(hits=F("hits") + 1):
            try:
                with transaction.atomic():
                    RateBucket.objects.create(key=key, window=window, hits=1)
            except IntegrityError:  # another request created it first: count on it
                RateBucket.objects.filter(key=key, window=window).update(hits=F("hits") + 1)
        hits = RateBucket.objects.filter(key=key, window=window).values_list("hits", flat=True).get()
    if random.random() < 0.01:  # now and then, forget windows long past
        RateBucket.objects.filter(window__lt=window - 86_400).delete()
    return hits > limit


def limit_reached(request: HttpRequest, *, scope: str, limit: int, per_seconds: int) -> bool:
    """Count this request against its client's address (see `client_address` for proxies)."""
    return hit(key=f"{scope}:{client_address(request) or 'unknown'}"[:200], limit=limit, per_seconds=per_seconds)


def rate_limited_message() -> str:
    return _("Bạn gửi quá nhiều lần trong một thời gian ngắn. Vui lòng đợi vài phút rồi thử lại.")
