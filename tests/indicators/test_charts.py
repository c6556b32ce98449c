"""The chart function other apps use: well-formed standalone SVG with an accessible name and
description, the approved series against the targets, demo data marked, a table fallback."""

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from tests.indicators.conftest import make_indicator
from theodoi.indicators.charts import indicator_chart, nice_ticks
from theodoi.indicators.models import Observation, Target

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def share(document, officer):
    indicator = make_indicator(document, code="KTS", name="Tỷ trọng kinh tế số trong GRDP", is_rate_of_change=False,
                               plausible_min=None, plausible_max=None)
    Target.objects.create(indicator=indicator, document=document, year=2025, low=Decimal(30), wording="khoảng 30%")
    Target.objects.create(indicator=indicator, document=document, year=2030, low=Decimal(40), high=Decimal(40))
    for year, value, state, demo in [(2022, "20", "approved", False), (2023, "22.5", "approved", True),
                                     (2024, "25.1", "submitted", False)]:
        Observation.objects.create(indicator=indicator, period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31),
                                   value=Decimal(value), source="Cục Thống kê", entered_by=officer, state=state,
                                   is_demo=demo)
    return indicator


def test_the_chart_is_standalone_svg_with_its_name_and_description(share):
    chart = indicator_chart(share)
    root = ET.fromstring(chart.svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Tỷ trọng kinh tế số trong GRDP (%): thực hiện so với mục tiêu"
    assert desc.text == ("Số liệu: Năm 2022: 20%; Năm 2023: 22,5% (minh họa). "
                         "Mục tiêu: 2025: ≥ 30%; 2030: 40%.")


def test_only_approved_values_are_drawn_unless_asked(share):
    official = ET.fromstring(indicator_chart(share).svg)
    assert len(official.findall(f"{SVG}circle")) == 2
    working = indicator_chart(share, include_unapproved=True)
    circles = ET.fromstring(working.svg).findall(f"{SVG}circle")
    assert len(circles) == 3 and circles[-1].get("fill") == "#ffffff"  # hollow: not approved
    assert [r.state for r in working.rows[:3]] == ["", "", "Đã gửi, chờ Văn phòng duyệt"]


def test_demo_values_are_marked_in_the_svg_and_the_table(share):
    chart = indicator_chart(share)
    assert chart.has_demo and "SỐ LIỆU MINH HỌA" in chart.svg
    assert [(r.label, r.value, r.is_demo) for r in chart.rows[:2]] == [("Năm 2022", "20%", False),
                                                                      ("Năm 2023", "22,5%", True)]
    Observation.objects.filter(is_demo=True).update(is_demo=False)
    assert "MINH HỌA" not in indicator_chart(share).svg


def test_targets_are_in_the_table_with_the_document_that_set_them(share):
    rows = indicator_chart(share).rows
    assert [(r.label, r.target) for r in rows[-2:]] == [("Mục tiêu 2025", "≥ 30% (7/NQ-CP)"),
                                                        ("Mục tiêu 2030", "40% (7/NQ-CP)")]


def test_coordinates_are_not_localised(share, settings):
    # Vietnamese writes 12,5: a comma inside an SVG coordinate would break the drawing.
    settings.LANGUAGE_CODE = "vi"
    root = ET.fromstring(indicator_chart(share).svg)
    for circle in root.findall(f"{SVG}circle"):
        float(circle.get("cx")), float(circle.get("cy"))


def test_an_indicator_without_values_still_draws_its_targets(document):
    indicator = make_indicator(document)
    chart = indicator_chart(indicator)
    assert "Chưa có số liệu được duyệt." in chart.description
    ET.fromstring(chart.svg)


@pytest.mark.parametrize("low, high, ticks", [(0, 40, [0, 10, 20, 30, 40]), (0, 8.5, [0, 2, 4, 6, 8, 10]),
                                              (-2, 9, [-2.5, 0, 2.5, 5, 7.5, 10])])
def test_axis_ticks_are_round(low, high, ticks):
    assert nice_ticks(low, high) == ticks
