"""CSV and XLSX downloads of the task list: the task list's own exporter (the appendix
layout), with the same rows and filters as the JSON list and the caller's visibility."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.api.conftest import client_for
from tests.public_markers import PUBLIC_TITLE
from tests.tasks.factories import TaskFactory, UserFactory
from theodoi.core.roles import OFFICE


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_downloads_hold_the_filtered_list(db):
    caller = client_for(UserFactory(username="vp", role=OFFICE))
    TaskFactory(title="Nâng cấp cảng Lạch Huyện", due_on=dt.date(2026, 6, 30), deadline_text="", row_key="3")
    TaskFactory(title="Chuyển đổi số", due_on=dt.date(2026, 8, 1))

    response = caller.get("/api/v1/tasks.csv?q=cang lach huyen")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = rows(response)
    assert table[0][:2] == ["STT", "Nhiệm vụ"]
    assert table[1][:2] == ["3", "Nâng cấp cảng Lạch Huyện"] and "30/06/2026" in table[1]
    assert len(table) == 2
    assert len(rows(caller.get("/api/v1/tasks.csv"))) == 3

    response = caller.get("/api/v1/tasks.xlsx?q=chuyen doi so")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [r[1] for r in sheet.iter_rows(values_only=True)] == ["Nhiệm vụ", "Chuyển đổi số"]


@pytest.mark.django_db
def test_the_public_download_is_the_public_list(anon, public_world):
    table = rows(anon.get("/api/v1/tasks.csv"))
    titles = [r[1] for r in table[1:]]
    assert sorted(titles) == sorted([PUBLIC_TITLE, public_world.other_public_task.title])
    # The row key (the source table's STT) is not a public field: public tables are numbered
    # 1, 2, 3… in their order, in both formats, never left empty.
    assert [r[0] for r in table[1:]] == ["1", "2"]
    sheet = load_workbook(io.BytesIO(anon.get("/api/v1/tasks.xlsx").content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["1", "2"]


@pytest.mark.django_db
def test_over_the_exporters_limit_is_a_400(anon, public_world, monkeypatch):
    monkeypatch.setattr("theodoi.api.exports.MAX_ROWS", 1)
    response = anon.get("/api/v1/tasks.xlsx")
    assert response.status_code == 400 and "lọc bớt" in str(response.json())


@pytest.mark.django_db
def test_the_json_list_pages_and_orders_by_deadline(db):
    caller = client_for(UserFactory(username="vp", role=OFFICE))
    for day in (3, 1, 2):
        TaskFactory(title=f"Việc {day}", due_on=dt.date(2026, 1, day))
    first = caller.get("/api/v1/tasks/?page_size=2").json()
    assert first["count"] == 3 and [t["title"] for t in first["results"]] == ["Việc 1", "Việc 2"]
    second = caller.get(first["next"]).json()
    assert [t["title"] for t in second["results"]] == ["Việc 3"] and second["next"] is None
    assert first["results"][0]["due_on"] == "2026-01-01"
