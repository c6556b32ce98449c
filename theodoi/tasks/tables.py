"""Reading a task table (XLSX or CSV) into rows of text, with a clear error for bad files.

Kept apart from the import itself so the same reader serves upload, command line and demo.
"""

import csv
import datetime as dt
import io
import zipfile

from django.utils.translation import gettext as _

from theodoi.core.exceptions import ApplicationError
from theodoi.lib.text import clean_text

MAX_TABLE_BYTES = 20 * 1024 * 1024
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
        archive = zipfile.ZipFile(io.BytesIO(data))
        total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise TableError(
            _("Tệp '%(name)s' không phải là tệp Excel (.xlsx) hợp lệ. Hãy mở bằng Excel và lưu lại "
              "dưới dạng .xlsx, hoặc xuất ra CSV (UTF-8).") % {"name": name}
        ) from None
    if total > MAX_XLSX_UNCOMPRESSED:
        raise TableError(_("Tệp '%(name)s' khi giải nén quá lớn (%(size)s MB); không xử lý.")
                         % {"name": name, "size": total // (1024 * 1024)})
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


def _decode(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Older Vietnamese Windows exports.
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise TableError(
            _("Không nhận ra bảng mã của tệp '%(name)s'. Hãy lưu lại dưới dạng CSV UTF-8.") % {"name": name}
        ) from None


def _read_csv(name: str, data: bytes) -> list[list[str]]:
    text = _decode(name, data)
    if "\x00" in text:
        raise TableError(_("Tệp '%(name)s' chứa dữ liệu nhị phân, không phải bảng CSV.") % {"name": name})
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
    if len(data) > MAX_TABLE_BYTES:
        raise TableError(_("Tệp '%(name)s' lớn hơn %(size)s MB.") % {"name": name, "size": MAX_TABLE_BYTES // (1024 * 1024)})
    lower = name.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(name, data)
    if lower.endswith(".xls"):
        raise TableError(_("Tệp '%(name)s' là định dạng Excel cũ (.xls); hãy lưu lại dưới dạng .xlsx.") % {"name": name})
    return _read_csv(name, data)
