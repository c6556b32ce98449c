"""Reading a task table (XLSX or CSV) into rows of text, with a clear error for bad files.

Kept apart from the import itself so the same reader serves upload, command line and demo.
"""

import csv
import datetime as dt
import io

from django.utils.translation import gettext as _

from theodoi.core.exceptions import ApplicationError
from theodoi.core.uploads import check_upload_size
from theodoi.extraction.readers import ReadError, decode_text
from theodoi.lib.files import UnsafeFile, check_archive
from theodoi.lib.text import clean_text

# An XLSX is a zip: refuse archives that would inflate far beyond any real task table.
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60


class TableError(ApplicationError):
    pass


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value)) if not isinstance(value, str) else value.strip()


def _read_xlsx(name: str, data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        # Counted on the bytes each member really inflates to: declared sizes can lie.
        check_archive(data, max_inflated=MAX_XLSX_UNCOMPRESSED)
    except UnsafeFile as exc:
        if exc.code == "corrupt":
            raise TableError(
                _("Tệp '%(name)s' không phải là tệp Excel (.xlsx) hợp lệ. Hãy mở bằng Excel và lưu lại "
                  "dưới dạng .xlsx, hoặc xuất ra CSV (UTF-8).") % {"name": name}
            ) from None
        # The guard is plain Python: its messages are Vietnamese only.
        raise TableError(_("Tệp '%(name)s': %(reason)s") % {"name": name, "reason": exc.message}) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise TableError(
            _("Không đọc được tệp Excel '%(name)s': tệp bị hỏng hoặc không đúng định dạng (%(error)s).")
            % {"name": name, "error": exc.__class__.__name__}
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise TableError(_("Tệp '%(name)s' không có trang tính nào.") % {"name": name})
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_ROWS:
                raise TableError(_("Tệp '%(name)s' có hơn %(rows)s dòng; hãy chia nhỏ.") % {"name": name, "rows": MAX_ROWS})
        return rows
    finally:
        workbook.close()


def _read_csv(name: str, data: bytes) -> list[list[str]]:
    try:
        # The document readers' decoder: UTF-8/16/32 with or without BOM, Windows-1258,
        # and the legacy TCVN3/VNI font encodings, told apart by how Vietnamese they read.
        text = decode_text(data)[0]
    except ReadError:
        raise TableError(_("Tệp '%(name)s' chứa dữ liệu nhị phân, không phải bảng CSV.") % {"name": name}) from None
    # Only the delimiter varies between exports (Excel in a Vietnamese locale writes ";");
    # quoting is always Excel's, which csv.Sniffer sometimes misjudges.
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = []
    for row in csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter):
        rows.append([clean_text(c) for c in row[:MAX_COLUMNS]])
        if len(rows) > MAX_ROWS:
            raise TableError(_("Tệp '%(name)s' có hơn %(rows)s dòng; hãy chia nhỏ.") % {"name": name, "rows": MAX_ROWS})
    return rows


def read_table(name: str, data: bytes) -> list[list[str]]:
    """Rows of cell text from an XLSX or CSV file, whatever its extension claims."""
    if not data or not data.strip():
        raise TableError(_("Tệp '%(name)s' rỗng.") % {"name": name})
    check_upload_size(name=name, size=len(data))
    lower = name.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(name, data)
    if lower.endswith(".xls"):
        raise TableError(_("Tệp '%(name)s' là định dạng Excel cũ (.xls); hãy lưu lại dưới dạng .xlsx.") % {"name": name})
    return _read_csv(name, data)
