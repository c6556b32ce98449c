"""Downloads of the task list, written by the task list's own exporter (`tasks.exports`,
the appendix layout the office downloads from its task list)."""

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from theodoi.tasks import exports
from theodoi.tasks.tables import MAX_ROWS

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def tasks_download(tasks: QuerySet, *, kind: str, public: bool) -> HttpResponse:
    """The tasks as an appendix table; over the exporter's row limit a 400 asking to filter."""
    count = tasks.count()
    if count > MAX_ROWS:
        raise ValidationError({"": [_("Danh sách có %(count)s nhiệm vụ, quá giới hạn xuất %(max)s; hãy lọc bớt.")
                                    % {"count": count, "max": MAX_ROWS}]})
    # The table's STT comes from `row_key`, which is not among the portal's public task
    # fields: public tables are numbered 1, 2, 3… in the table's order instead.
    table = exports.export_rows(tasks, numbered=public)
    data = exports.to_xlsx(table) if kind == "xlsx" else exports.to_csv(table)
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{timezone.localdate():%Y%m%d}.{kind}"'
    return response
