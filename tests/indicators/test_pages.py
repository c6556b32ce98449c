"""The indicator pages as users meet them: the dashboard panel, the list, one indicator with
its chart, data table and entry form, the workflow over HTTP, and the exports."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.indicators.conftest import YEAR_2025
from theodoi.indicators import services
from theodoi.indicators.models import Observation, Target


@pytest.fixture
def seeded(clock, indicator, document, office, officer):
    Target.objects.create(indicator=indicator, document=document, from_year=2026, year=2030, low=Decimal(8),
                          high=Decimal("8.5"), wording="GRDP giai đoạn 2026-2030 tăng 8,0 - 8,5%/năm")
    Target.objects.create(indicator=indicator, document=document, year=2025, low=Decimal("7.5"), high=Decimal(8))
    observation = services.observation_save(actor=officer, indicator=indicator, period=YEAR_2025, value=Decimal("7.9"),
                                            source="Cục Thống kê", submit=True, is_demo=True)
    services.observation_approve(actor=office, observation=observation)
    return indicator


def test_dashboard_has_the_indicators_panel(client, seeded, leader):
    client.force_login(leader)
    page = client.get(reverse("tasks:dashboard")).content.decode()
    assert 'id="indicators-panel"' in page
    assert "Tốc độ tăng trưởng GRDP" in page and "7,9%" in page and "7,5–8%" in page
    assert "Số liệu minh họa" in page, "demo values are marked where they are shown"


def test_indicator_page_shows_the_chart_with_its_table(client, seeded, leader):
    client.force_login(leader)
    page = client.get(reverse("indicators:detail", args=[seeded.pk])).content.decode()
    assert "<svg" in page and 'role="img"' in page and "<desc" in page
    assert "Số liệu của biểu đồ" in page and "Mục tiêu 2026–2030" in page and "8–8,5% (7/NQ-CP)" in page
    assert "minh họa" in page
    assert "Kỳ Năm 2025 đã khóa vì Văn phòng đã duyệt" in page
    assert 'name="value"' not in page, "a leader reads; only the responsible agency enters values"


def test_officer_enters_and_submits_over_http(client, clock, indicator, officer):
    client.force_login(officer)
    url = reverse("indicators:enter", args=[indicator.pk, "2025"])
    response = client.post(url, {"value": "8,2", "source": "Cục Thống kê", "submit": ""})
    assert response.status_code == 302
    assert Observation.objects.get().value == Decimal("8.2")
    again = client.post(url, {"value": "8,3", "source": "Cục Thống kê", "submit": ""})
    assert again.status_code == 400 and "đang chờ Văn phòng duyệt" in again.content.decode()
    assert Observation.objects.get().value == Decimal("8.2")


def test_bad_input_is_a_message_not_a_500(client, clock, indicator, officer):
    client.force_login(officer)
    url = reverse("indicators:enter", args=[indicator.pk, "2025"])
    for value, message in [("tám", "không phải là một số"), ("85", "ngoài khoảng hợp lý")]:
        response = client.post(url, {"value": value, "source": "Cục Thống kê"})
        assert response.status_code == 400 and message in response.content.decode()
    assert client.post(reverse("indicators:enter", args=[indicator.pk, "2025-Q9"]), {}).status_code == 404
    assert not Observation.objects.exists()


def test_a_time_locked_form_says_so_and_the_office_can_open_it(client, clock, indicator, officer, office):
    clock.today = dt.date(2026, 3, 1)
    client.force_login(officer)
    page = client.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    assert "Kỳ Năm 2025 đã tự khóa từ ngày 31/01/2026, 30 ngày sau khi kết thúc kỳ" in page
    client.force_login(office)
    response = client.post(reverse("indicators:unlock", args=[indicator.pk, "2025"]),
                           {"reason": "Số liệu công bố muộn", "until": "2026-03-10"})
    assert response.status_code == 302
    client.force_login(officer)
    page = client.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    assert "cho phép ngoại lệ đến hết ngày 10/03/2026" in page
    history = page.split("Lịch sử thay đổi")[1]
    assert "Ngoại lệ khóa kỳ Năm 2025: Tạo mới" in history and "Số liệu công bố muộn" in history


def test_other_officers_see_only_approved_values_and_no_form(client, clock, indicator, officer, other_officer):
    services.observation_save(actor=officer, indicator=indicator, period=YEAR_2025, value=Decimal("6.1"),
                              source="Nháp")
    client.force_login(other_officer)
    page = client.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    assert "6,1%" not in page and 'name="value"' not in page
    assert client.post(reverse("indicators:enter", args=[indicator.pk, "2025"]),
                       {"value": "1", "source": "x"}).status_code == 403


def test_xlsx_export_has_widths_wrapped_text_frozen_header_and_dates(client, seeded, leader):
    client.force_login(leader)
    response = client.get(reverse("indicators:export_xlsx"))
    assert response["Content-Disposition"].startswith('attachment; filename="chi-tieu-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 40
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    observed = [r for r in rows if r[0] == "Số liệu"]
    assert len(observed) == 1 and len([r for r in rows if r[0] == "Mục tiêu"]) == 2
    row = observed[0]
    assert row[6] == "Năm 2025" and row[7] == dt.datetime(2025, 1, 1) and row[9] == 7.9 and row[16] == "MINH HỌA"
    assert sheet.cell(2, 1).alignment.wrap_text
    date_cell = next(c for c in sheet[2 + rows.index(row)] if c.column == 8)
    assert date_cell.number_format == "dd/mm/yyyy"


def test_csv_export_matches_the_xlsx(client, seeded, leader):
    client.force_login(leader)
    data = client.get(reverse("indicators:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0][:3] == ["Loại", "Mã", "Chỉ tiêu"]
    observed = [r for r in rows if r[0] == "Số liệu"][0]
    assert observed[7:10] == ["01/01/2025", "31/12/2025", "7.9"] and observed[16] == "MINH HỌA"


def test_the_panel_judges_a_value_only_against_its_own_years_target(client, clock, indicator, document, office, officer,
                                                                    leader):
    from theodoi.lib.periods import period_containing

    Target.objects.create(indicator=indicator, document=document, year=2025, low=Decimal("7.5"), high=Decimal(8))
    clock.today = dt.date(2025, 1, 10)
    observation = services.observation_save(actor=officer, indicator=indicator,
                                            period=period_containing("year", dt.date(2024, 1, 1)),
                                            value=Decimal("6.0"), source="Cục Thống kê", submit=True)
    services.observation_approve(actor=office, observation=observation)
    client.force_login(leader)
    panel = client.get(reverse("tasks:dashboard")).content.decode().split('id="indicators-panel"')[1]
    assert "6%" in panel and "7,5–8%" in panel  # the next target is shown …
    assert "Chưa đạt" not in panel and "Đạt" not in panel  # … but 2024 is not judged by 2025's target
