"""Indicators with their targets and observations as one table, in XLSX and CSV.

One row per target and per observation the user may see, under the same columns, so the
file filters and sorts as one table. Demo values say so in their own column. The text stays
Vietnamese whatever the interface language, like the column headings.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from theodoi.core.types import AnyUser
from theodoi.indicators import selectors
from theodoi.indicators.models import Observation
from theodoi.indicators.views import staff_view
from theodoi.lib.sheets import csv_table, xlsx_table

HEADERS = ["Loại", "Mã", "Chỉ tiêu", "Đơn vị tính", "Cơ quan chịu trách nhiệm", "Văn bản", "Kỳ / năm",
           "Từ ngày", "Đến ngày", "Giá trị", "Mục tiêu từ", "Mục tiêu đến", "Nguồn / nguyên văn", "Trạng thái",
           "Người nhập", "Ngày duyệt", "Số liệu minh họa"]
WIDTHS = [10, 12, 40, 12, 30, 14, 14, 12, 12, 12, 12, 12, 50, 18, 22, 12, 14]
NUMBER = "#,##0.###"
DEMO = "MINH HỌA"


def _number(value: Decimal | None) -> Decimal | None:
    """Without trailing zeros and never in exponent form: 7.9, 1800."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


def export_table(*, user: AnyUser) -> list[list]:
    rows: list[list] = []
    with translation.override(settings.LANGUAGE_CODE):
        for indicator in selectors.indicator_list():
            common = [indicator.code, indicator.name, indicator.unit, indicator.agency.name]
            for target in indicator.targets.all():
                rows.append(["Mục tiêu", *common, target.document.number or target.document.title, target.span_label,
                             dt.date(target.from_year or target.year, 1, 1), dt.date(target.year, 12, 31), None,
                             _number(target.low), _number(target.high), target.wording, "", "", None, ""])
            for o in selectors.observations_visible_to(user=user, indicator=indicator):
                reviewed = timezone.localdate(o.reviewed_at) if o.reviewed_at and o.state == Observation.State.APPROVED \
                    else None
                rows.append(["Số liệu", *common, indicator.document.number, o.period.label, o.period_start,
                             o.period_end, _number(o.value), None, None, o.source, str(o.get_state_display()),
                             o.entered_by.get_full_name() or o.entered_by.username, reviewed,
                             DEMO if o.is_demo else ""])
    return rows


def _download(data: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    name = f"chi-tieu-{timezone.localdate():%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view
def export_xlsx(request: HttpRequest) -> HttpResponse:
    data = xlsx_table(HEADERS, export_table(user=request.user), widths=WIDTHS, sheet_title="Chỉ tiêu",
                      number_formats={9: NUMBER, 10: NUMBER, 11: NUMBER})
    return _download(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")


@staff_view
def export_csv(request: HttpRequest) -> HttpResponse:
    return _download(csv_table(HEADERS, export_table(user=request.user)), "text/csv; charset=utf-8", "csv")
