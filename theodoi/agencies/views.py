"""The agency picker's search (theodoi/agencies/fields.py): an HTML fragment of options."""

import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from theodoi.agencies.selectors import agency_search

# The picker's element id, which prefixes each option's id (aria-activedescendant).
_FIELD_ID = re.compile(r"[A-Za-z][\w-]{0,80}")


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    field = request.GET.get("field", "")
    if not _FIELD_ID.fullmatch(field):
        return HttpResponseBadRequest("field")
    found = agency_search(term=request.GET.get("q", ""), home_place=settings.HOME_PLACE)
    response = render(request, "agencies/partials/picker_results.html", {"found": found, "field": field})
    response.headers["Cache-Control"] = "private, max-age=60"
    return response
