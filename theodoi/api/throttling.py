"""Requests per client: anonymous callers by address, token callers by account.

Counted by `theodoi.core.ratelimit` in the database (one count for every worker and app
server); the rates are settings (`API_ANON_RATE`, `API_USER_RATE`, e.g. "60/minute"),
read on each request so that a test or a deployment changes them without a restart of DRF.
"""

import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from theodoi.core.login_throttle import client_address
from theodoi.core.ratelimit import hit

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"60/minute" → (60, 60): requests, and the window in seconds."""
    try:
        count, period = rate.split("/")
        return int(count), PERIODS[period.strip().lower().removesuffix("s")]
    except (ValueError, KeyError):
        raise ImproperlyConfigured(f"API rate {rate!r}: expected e.g. '60/minute' (second, minute, hour, day)") from None


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request: Request, view) -> bool:
        user = request.user
        if user is not None and user.is_authenticated:
            limit, seconds = parse_rate(settings.API_USER_RATE)
            key = f"api-user:{user.pk}"
        else:
            limit, seconds = parse_rate(settings.API_ANON_RATE)
            key = f"api-anon:{client_address(request) or 'unknown'}"
        if not hit(key=key, limit=limit, per_seconds=seconds):
            return True
        wait = max(1, seconds - int(time.time()) % seconds)  # until the window ends
        raise Throttled(wait=wait, detail=_(
            "Quá nhiều yêu cầu: mỗi người dùng API được %(limit)d yêu cầu trong %(seconds)d giây. "
            "Hãy thử lại sau %(wait)d giây."
        ) % {"limit": limit, "seconds": seconds, "wait": wait})
