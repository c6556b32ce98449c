"""CSV and XLSX downloads of the task list: the same rows and filters as the JSON list,
Vietnamese intact, dates as dates, and nothing a spreadsheet would run as a formula."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.api.conftest import client_for
from tests.tasks.factories import TaskFactory, UserFactory
from theodoi.core.roles import OFFICE
from theodoi.lib.spreadsheets import read_csv


@pytest.fixture
def caller(db):
    return client_for(UserFactory(username="vp", role=OFFICE))


@pytest.mark.django_db
def test_csv_and_xlsx_hold_the_filtered_list(caller):
    one = TaskFactory(title="Nâng cấp cảng Lạch Huyện", due_on=dt.date(2026, 6, 30), output="Báo cáo")
    TaskFactory(title="=HYPERLINK(\"http://evil\")", due_on=dt.date(2026, 7, 1))
    TaskFactory(title="Chuyển đổi số", due_on=dt.date(2026, 8, 1))

    response = caller.get("/api/v1/tasks.csv?q=cang lach huyen")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_csv(data)
    assert rows[0][:3] == ["Mã", "Nhiệm vụ", "Văn bản"]
    assert len(rows) == 2 and rows[1][0] == str(one.pk) and rows[1][1] == "Nâng cấp cảng Lạch Huyện"
    assert "2026-06-30" in rows[1]

    everything = read_csv(b"".join(caller.get("/api/v1/tasks.csv").streaming_content))
    assert [r[1] for r in everything[1:]] == ["Nâng cấp cảng Lạch Huyện", "'=HYPERLINK(\"http://evil\")", "Chuyển đổi số"]

    response = caller.get("/api/v1/tasks.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:2] == ("Mã", "Nhiệm vụ") and len(values) == 4
    assert values[2][1] == "=HYPERLINK(\"http://evil\")"
    assert sheet.cell(row=3, column=2).data_type == "s"  # text, not a formula
    assert values[1][8] == dt.datetime(2026, 6, 30)
    assert sheet.cell(row=2, column=9).number_format == "DD/MM/YYYY"


@pytest.mark.django_db
def test_the_json_list_pages_and_orders_by_deadline(caller):
    for day in (3, 1, 2):
        TaskFactory(title=f"Việc {day}", due_on=dt.date(2026, 1, day))
    first = caller.get("/api/v1/tasks/?page_size=2").json()
    assert first["count"] == 3 and [t["title"] for t in first["results"]] == ["Việc 1", "Việc 2"]
    second = caller.get(first["next"]).json()
    assert [t["title"] for t in second["results"]] == ["Việc 3"] and second["next"] is None
    assert first["results"][0]["due_on"] == "2026-01-01"
