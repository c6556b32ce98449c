"""One table as an XLSX sheet or CSV file, the way offices want to open them (plain Python).

XLSX: bold wrapped header, frozen, with a filter; set column widths; wrapped text; dates as
dates (dd/mm/yyyy) and numbers as numbers. CSV: UTF-8 with a BOM so Excel reads the
Vietnamese, dates written dd/mm/yyyy.
"""

import csv
import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

DATE_FORMAT = "dd/mm/yyyy"
# A text cell that starts with one of these is read as a formula by spreadsheet programs: a
# task title "=HYPERLINK(…)" typed by anyone would run when an exported file is opened.
FORMULA_STARTS = ("=", "+", "@")


def _is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def xlsx_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, widths: Sequence[int], sheet_title: str,
               number_formats: dict[int, str] | None = None) -> bytes:
    """`number_formats`: 0-based column → Excel number format (dates get dd/mm/yyyy anyway)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    formats = number_formats or {}
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.alignment = wrap
            if _is_formula_like(row[index]):
                cell.data_type = "s"  # kept as the text it is, never evaluated
            if isinstance(row[index], dt.date):
                cell.number_format = DATE_FORMAT
            elif index in formats:
                cell.number_format = formats[index]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        # CSV has no cell types: a leading apostrophe is what spreadsheets take as "text".
        writer.writerow(["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, dt.date)
                         else f"'{v}" if _is_formula_like(v) else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
