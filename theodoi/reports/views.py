"""Thin views: parse the request, check permission, call a selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.core.exceptions import ApplicationError
from theodoi.core.ids import parse_id
from theodoi.core.pagecache import page_content, reads_query
from theodoi.core.permissions import require_perm
from theodoi.documents.selectors import documents_visible_to
from theodoi.reports import files, selectors
from theodoi.reports.periods import parse_period, period_choices
from theodoi.tasks.periods import period_containing
from theodoi.tasks.status import Status, explain

PAGE_SIZE = 50


def _period(request: HttpRequest, today):
    try:
        return parse_period(request.GET.get("period"), today=today)
    except ApplicationError as error:
        messages.error(request, error.message)
        return period_containing("quarter", today)


@login_required
@reads_query("period", "sort")
def ranking(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "reports.view_ranking")
    today = timezone.localdate()
    period = _period(request, today)  # here, not in the kept content: a bad period's message is per request
    sort = request.GET.get("sort") or "-rate"

    def context() -> dict:
        return {
            "ranking": selectors.ranking(user=request.user, period=period, sort=sort, today=today),
            "period": period, "sort": sort, "today": today,
            "periods": period_choices(today), "statuses": Status.choices,
            "columns": [("due", None), *Status.choices, ("rate", None)],
        }

    # Kept per version of the data, day, language and user (core/pagecache.py); `today` in
    # the key too: the period was chosen from it, before the key took its own day.
    return render(request, "reports/ranking.html",
                  {"content": page_content(request, "reports/ranking_content.html", context, today)})


@login_required
def ranking_tasks(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "reports.view_ranking")
    today = timezone.localdate()
    period = _period(request, today)
    agency = request.GET.get("agency") or None
    if agency not in (None, selectors.UNASSIGNED) and parse_id(agency) is None:  # not an id: no 500
        agency = None
    status = request.GET.get("status") or None
    page, tasks = selectors.ranking_task_page(user=request.user, period=period, agency=agency, status=status,
                                              today=today, page=request.GET.get("page"), per_page=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    drilled = selectors.drilled_agency(agency)  # one query for both its name and following it
    context = {
        "period": period, "page": page, "query": query.urlencode(),
        "rows": [(t, explain(t, today=today)) for t in tasks],
        "status_label": Status(status).label if status in Status.values else None,
        "agency_name": "—" if agency == selectors.UNASSIGNED else drilled.name if drilled else None,
        # The drill-down of one agency is its page here: the task rows offer to follow it.
        "follow_agency": drilled,
    }
    template = "tasks/partials/task_rows.html" if request.htmx else "reports/ranking_tasks.html"
    return render(request, template, context)


@login_required
def official_report(request: HttpRequest) -> HttpResponse:
    """The form (document, period, format) and, once filled, the DOCX or PDF download."""
    require_perm(request.user, "reports.export_report")
    today = timezone.localdate()
    documents = documents_visible_to(user=request.user).exclude(number="").order_by("-issued_on", "number")
    chosen = request.GET.get("document")
    kind = request.GET.get("format", "docx")
    if chosen:
        try:
            if kind not in files.CONTENT_TYPES:
                raise ApplicationError(_("Định dạng phải là DOCX hoặc PDF."))
            document = documents.filter(pk=int(chosen)).first() if chosen.isdigit() else None
            if document is None:
                raise ApplicationError(_("Không tìm thấy văn bản."))
            period = parse_period(request.GET.get("period"), today=today)
            data = files.build_report(user=request.user, document=document, period=period, kind=kind)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            response = HttpResponse(data, content_type=files.CONTENT_TYPES[kind])
            response["Content-Disposition"] = f'attachment; filename="{files.report_filename(document, period, kind)}"'
            return response
    return render(request, "reports/official_form.html", {
        "documents": documents, "periods": period_choices(today),
        "current": period_containing("quarter", today).previous(), "chosen": chosen, "kind": kind,
    }, status=400 if chosen else 200)


@login_required
def reminders_sent(request: HttpRequest) -> HttpResponse:
    """What was sent: an officer sees their agency's digests, the office and leaders all."""
    require_perm(request.user, "reports.view_reminders")
    digests = selectors.digests_visible_to(user=request.user)
    page = Paginator(digests, 20).get_page(request.GET.get("page"))
    return render(request, "reports/reminders.html", {"page": page})
