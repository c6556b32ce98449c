"""The indicator chart writes numbers as its reader's language does: 22,5% in Vietnamese,
22.5% in English (a decimal comma reads as a thousands separator to an English reader)."""

import xml.etree.ElementTree as ET

from django.utils import translation

from tests.indicators.test_charts import SVG, share  # noqa: F401 (the fixture)
from theodoi.indicators.charts import indicator_chart


def test_english_decimals_use_a_point(share):  # noqa: F811
    with translation.override("en"):
        chart = indicator_chart(share)
    desc = ET.fromstring(chart.svg).find(f"{SVG}desc").text
    assert "22.5%" in desc and "22,5" not in desc
    assert [(r.label, r.value) for r in chart.rows[:2]] == [("Year 2022", "20%"), ("Year 2023", "22.5%")]
    with translation.override("vi"):
        assert "22,5%" in ET.fromstring(indicator_chart(share).svg).find(f"{SVG}desc").text
