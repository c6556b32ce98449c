"""Exported spreadsheets keep a formula-looking title as text (no formula injection)."""

import io

from openpyxl import load_workbook

from theodoi.lib.sheets import csv_table, xlsx_table

TITLE = '=HYPERLINK("http://example.com/x","Bấm vào đây")'


def test_a_formula_looking_title_stays_text_in_xlsx_and_csv():
    data = xlsx_table(["STT", "Nhiệm vụ"], [[1, TITLE], [2, "Xây dựng chính quyền số"]], widths=[6, 60],
                      sheet_title="Phụ lục")
    cell = load_workbook(io.BytesIO(data)).active["B2"]
    assert cell.value == TITLE and cell.data_type == "s"
    text = csv_table(["STT", "Nhiệm vụ"], [[1, TITLE]]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n1,\"=HYPERLINK" not in text
