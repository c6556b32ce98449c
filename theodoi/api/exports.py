"""Downloads of the task list (CSV streamed, XLSX from a temporary file)."""

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.lib.spreadsheets import csv_lines, write_xlsx
from theodoi.tasks.exports import task_headers, task_rows

CHUNK = 2000


def _filename(extension: str) -> str:
    return f"nhiem-vu-{timezone.localdate():%Y%m%d}.{extension}"


def tasks_csv_response(tasks: QuerySet) -> StreamingHttpResponse:
    rows = task_rows(tasks.iterator(chunk_size=CHUNK))
    response = StreamingHttpResponse(csv_lines(task_headers(), rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def tasks_xlsx_response(tasks: QuerySet) -> FileResponse:
    workbook = write_xlsx(task_headers(), task_rows(tasks.iterator(chunk_size=CHUNK)), title=_("Nhiệm vụ"))
    return FileResponse(workbook, as_attachment=True, filename=_filename("xlsx"),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
