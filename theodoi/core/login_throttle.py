"""Helpers for django-axes, the login throttle (settings: AXES_*; README, "Configuration")."""

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str | None:
    """The address a login attempt came from, as counted for lockouts.

    Behind a reverse proxy every request reaches gunicorn from the proxy's own address, so
    counting REMOTE_ADDR would lock out everyone at once. With TRUSTED_PROXY_COUNT proxies
    in front (nginx's `proxy_add_x_forwarded_for` appends the address it saw), the client is
    that many entries from the right of X-Forwarded-For; entries further left were written
    by the client and are not trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request: HttpRequest, original_response, credentials: dict | None) -> HttpResponse:
    """The page shown instead of the login form (the site's and the admin's) while locked out."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "registration/locked_out.html", context, status=429)
