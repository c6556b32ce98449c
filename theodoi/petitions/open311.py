"""Open311 GeoReport v2, read only: services (our categories) and service requests (petitions).

Never a contact detail: each request is built field by field from public columns only.
`status` is GeoReport's open/closed; our richer state goes into `status_notes`. Without
dates, requests of the last 90 days, at most 1,000; pages as the GeoReport v2 paging
extension does it (`page`, from 1, and `page_size`, at most 1,000).
"""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from theodoi.core.ids import parse_id
from theodoi.petitions.models import OPEN_STATES, Category, Petition, State

DEFAULT_WINDOW = dt.timedelta(days=90)
MAX_REQUESTS = 1000
# The fields of a GeoReport v2 service request, in the specification's order.
REQUEST_FIELDS = ("service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url")
SERVICE_FIELDS = ("service_code", "service_name", "description", "metadata", "type", "keywords", "group")


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False,
                        json_dumps_params={"ensure_ascii": False})


def _json(data) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})


@require_GET
def services(request: HttpRequest) -> JsonResponse:
    return _json([{
        "service_code": c.code, "service_name": c.name, "description": c.description or c.name,
        "metadata": False, "type": "realtime", "keywords": "", "group": "",
    } for c in Category.objects.filter(active=True)])


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _status_notes(petition: Petition) -> str:
    notes = petition.get_state_display()
    if petition.merged_into_id:
        notes = _("Gộp vào kiến nghị khác (trùng nội dung)")
    if petition.due_on and petition.state in (State.ASSIGNED, State.IN_PROGRESS):
        notes += "; " + _("hạn trả lời %(due)s") % {"due": petition.due_on.strftime("%d/%m/%Y")}
        if petition.due_on < timezone.localdate():
            notes += "; " + _("quá hạn")
    if petition.state in (State.ANSWERED, State.CLOSED) and petition.answer and petition.answer_public:
        notes += ". " + _("Trả lời: %(answer)s") % {"answer": petition.answer}
    return notes


def request_row(petition: Petition) -> dict:
    """One petition as a GeoReport v2 request: public fields only, by name."""
    expected = None
    if petition.due_on:
        expected = dt.datetime.combine(petition.due_on, dt.time(17, 0), tzinfo=timezone.get_current_timezone())
    return {
        "service_request_id": str(petition.pk),
        "status": "open" if petition.state in OPEN_STATES else "closed",
        "status_notes": _status_notes(petition),
        "service_name": petition.category.name,
        "service_code": petition.category.code,
        "description": f"{petition.title}\n\n{petition.text}",
        "agency_responsible": petition.agency.name if petition.agency else "",
        "service_notice": "",
        "requested_datetime": _iso(petition.created_at),
        "updated_datetime": _iso(petition.updated_at),
        "expected_datetime": expected.isoformat() if expected else None,
        "address": petition.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(petition.latitude) if petition.latitude is not None else None,
        "long": float(petition.longitude) if petition.longitude is not None else None,
        "media_url": "",
    }


def _public() -> QuerySet[Petition]:
    # Refused petitions (spam, abuse) are not published.
    return Petition.objects.exclude(state=State.REJECTED).select_related("category", "agency")


@require_GET
def requests(request: HttpRequest) -> JsonResponse:
    params = request.GET
    qs = _public()
    ids = [i for i in params.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        parsed = [parse_id(i) for i in ids[:MAX_REQUESTS]]
        return _json([request_row(p) for p in qs.filter(pk__in=[i for i in parsed if i]).order_by("-created_at")])
    start = end = None
    for name in ("start_date", "end_date"):
        if params.get(name):
            value = parse_datetime(params[name])
            if value is None:
                return _error(400, _("%(name)s phải theo định dạng W3C (ví dụ 2026-01-31T00:00:00Z).") % {"name": name})
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            if name == "start_date":
                start = value
            else:
                end = value
    if start is None and end is None:
        start = timezone.now() - DEFAULT_WINDOW
    elif start is None:
        start = end - DEFAULT_WINDOW
    if end is not None:
        qs = qs.filter(created_at__lte=end)
    qs = qs.filter(created_at__gte=start)
    if params.get("service_code"):
        qs = qs.filter(category__code__in=params["service_code"].split(","))
    status = params.get("status", "")
    if status:
        wanted = set(status.split(","))
        if not wanted <= {"open", "closed"}:
            return _error(400, _("status chỉ nhận open hoặc closed."))
        if wanted == {"open"}:
            qs = qs.filter(state__in=OPEN_STATES)
        elif wanted == {"closed"}:
            qs = qs.exclude(state__in=OPEN_STATES)
    page = parse_id(params.get("page", "1"))
    page_size = parse_id(params.get("page_size", str(MAX_REQUESTS)))
    if page is None or page_size is None:
        return _error(400, _("page và page_size phải là số nguyên dương."))
    page_size = min(page_size, MAX_REQUESTS)
    offset = (page - 1) * page_size
    rows = qs.order_by("-created_at", "-pk")[offset:offset + page_size]
    return _json([request_row(p) for p in rows])


@require_GET
def request_detail(request: HttpRequest, request_id: str) -> JsonResponse:
    pk = parse_id(request_id)
    petition = _public().filter(pk=pk).first() if pk else None
    if petition is None:
        return _error(404, _("Không có yêu cầu với mã %(id)s.") % {"id": request_id[:30]})
    return _json([request_row(petition)])
