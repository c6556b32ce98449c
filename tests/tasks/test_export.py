"""Exporting the task list (appendix layout) as XLSX and CSV, and importing it back."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from theodoi.tasks.exports import HEADERS, split_row_key
from theodoi.tasks.importing import import_task_file
from theodoi.tasks.models import Assignment, Task
from tests.tasks.factories import DocumentFactory, ReportFactory, xlsx_bytes

TEXT = ("Chính phủ yêu cầu: Xây dựng đề án phát triển cảng biển Lạch Huyện. "
        "Hoàn thiện thể chế về khu thương mại tự do.")
TABLE = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành", "Trích dẫn"],
    ["I", "NHIỆM VỤ VỀ HẠ TẦNG", "", "", "", "", ""],
    ["1", "Xây dựng đề án phát triển cảng biển Lạch Huyện", "Bộ Xây dựng; Bộ Tài chính",
     "Ủy ban nhân dân thành phố Hải Phòng, Bộ Văn hóa, Thể thao và Du lịch", "Đề án", "Quý IV/2025",
     "Xây dựng đề án phát triển cảng biển Lạch Huyện"],
    ["2", "Báo cáo tình hình đầu tư hằng năm", "Bộ Kế hoạch và Đầu tư", "", "Báo cáo", "Hằng năm", ""],
    ["II", "NHIỆM VỤ VỀ THỂ CHẾ", "", "", "", "", ""],
    ["1", "Hoàn thiện thể chế về khu thương mại tự do", "Ủy ban nhân dân thành phố Hải Phòng", "Bộ Tư pháp",
     "Nghị định", dt.date(2025, 6, 30), "Hoàn thiện thể chế về khu thương mại tự do"],
    ["2", "Theo dõi, đôn đốc thực hiện", "Văn phòng Ủy ban nhân dân thành phố Hải Phòng", "", "", "Thường xuyên", ""],
]


def snapshot(document) -> dict[str, tuple]:
    """Everything an imported task carries, by row key."""
    tasks = Task.objects.filter(document=document).select_related("lead_agency").prefetch_related("assignments__agency")
    return {t.row_key: (
        t.title, t.lead_agency.name, t.output, t.deadline_text, t.due_on, t.recurrence, t.domain,
        t.source_start, t.source_end,
        sorted((a.agency.name, a.role) for a in t.assignments.all()),
    ) for t in tasks}


@pytest.fixture
def document(office):
    document = DocumentFactory(number="7/NQ-CP", text=TEXT)
    import_task_file(actor=office, document=document, name="phu-luc.xlsx", data=xlsx_bytes(TABLE))
    return document


def export(client, office, kind: str, query: str) -> bytes:
    client.force_login(office)
    response = client.get(f"/nhiem-vu/xuat.{kind}?{query}")
    assert response.status_code == 200, response.content[:500]
    assert f".{kind}" in response["Content-Disposition"]
    return response.content


def test_xlsx_round_trip_gives_back_the_same_tasks(client, office, document):
    before = snapshot(document)
    assert len(before) == 4
    data = export(client, office, "xlsx", f"document={document.pk}")

    # Into the same document: every task recognised, none created, none changed.
    result = import_task_file(actor=office, document=document, name="xuat.xlsx", data=data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert snapshot(document) == before

    # Into a fresh copy of the document: the same tasks, field for field.
    copy = DocumentFactory(number="7/NQ-CP-copy", text=TEXT)
    result = import_task_file(actor=office, document=copy, name="xuat.xlsx", data=data)
    assert result.created == 4
    assert snapshot(copy) == before


def test_xlsx_layout(client, office, document):
    task = Task.objects.get(document=document, row_key="I.1")
    ReportFactory(task=task, percent_complete=60)
    sheet = load_workbook(io.BytesIO(export(client, office, "xlsx", f"document={document.pk}"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert rows[0][:8] == ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm",
                           "Thời gian hoàn thành", "Tình trạng", "Tiến độ")
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 60
    assert sheet["B3"].alignment.wrap_text
    by_title = {r[1]: r for r in rows[1:]}
    port = by_title["Xây dựng đề án phát triển cảng biển Lạch Huyện"]
    assert port[2] == "Bộ Xây dựng; Bộ Tài chính" and port[7] == 0.6
    assert port[6] in ("Chưa hoàn thành – quá hạn", "Chưa hoàn thành – trong hạn")  # depends on today
    law = by_title["Hoàn thiện thể chế về khu thương mại tự do"]
    assert law[5] == dt.datetime(2025, 6, 30)  # a date cell, not text
    groups = [r[:3] for r in rows[1:] if r[2] is None]
    assert [g[0] for g in groups] == ["I", "II"] and groups[0][1].startswith("I. ")


def test_csv_has_a_bom_and_follows_the_filter(client, office, document):
    data = export(client, office, "csv", "q=thuong+mai+tu+do")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    titles = [r[1] for r in rows[1:] if r[2]]
    assert titles == ["Hoàn thiện thể chế về khu thương mại tự do"]
    assert "30/06/2025" in rows[-1]


def test_task_list_links_keep_the_query(client, office, document):
    client.force_login(office)
    html = client.get("/nhiem-vu/?q=cang+bien").content.decode()
    assert "/nhiem-vu/xuat.xlsx?q=cang+bien" in html and "/nhiem-vu/xuat.csv?q=cang+bien" in html


def test_unknown_format_and_anonymous(client, office, document):
    assert client.get("/nhiem-vu/xuat.xlsx").status_code == 302  # to the login page
    client.force_login(office)
    assert client.get("/nhiem-vu/xuat.pdf").status_code == 404


@pytest.mark.parametrize("key, parts", [("I.1", ("I", "1")), ("II.1.2", ("II", "1.2")), ("3", ("", "3")),
                                         ("h:0123abcd", ("", "")), ("", ("", ""))])
def test_row_keys_split_as_the_importer_joins_them(key, parts):
    assert split_row_key(key) == parts


def test_roles_survive(client, office, document):
    data = export(client, office, "xlsx", f"document={document.pk}")
    copy = DocumentFactory(number="x", text=TEXT)
    import_task_file(actor=office, document=copy, name="x.xlsx", data=data)
    port = Task.objects.get(document=copy, row_key="I.1")
    roles = {a.agency.name: a.role for a in port.assignments.all()}
    assert roles["Bộ Tài chính"] == Assignment.Role.LEAD
    assert roles["Bộ Văn hóa, Thể thao và Du lịch"] == Assignment.Role.COORDINATING
