"""An officer of the responsible agency enters and submits an indicator value in the
browser, the office approves it, the period locks and says so; the dashboard's panel and
the indicator page pass axe (WCAG 2.1 AA, serious and critical findings)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.axe import assert_accessible
from tests.e2e.login import log_in
from theodoi.agencies.models import Agency
from theodoi.agencies.services import registry_load
from theodoi.core.roles import OFFICE, OFFICER
from theodoi.documents.models import Document
from theodoi.indicators.models import Indicator, Observation, Target

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_enter_submit_approve_and_lock_in_the_browser(new_page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    city = Agency.objects.get(name="Ủy ban nhân dân thành phố Hải Phòng")
    make_user("canbo", OFFICER, city.name)
    make_user("vanphong", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    document = Document.objects.create(kind="nghi-quyet", number="7/NQ-CP", title="Chương trình hành động",
                                       text="…", issued_on=dt.date(2025, 1, 10))
    indicator = Indicator.objects.create(code="HP-KTS", name="Tỷ trọng kinh tế số trong GRDP", unit="%",
                                         agency=city, document=document)
    year = timezone.localdate().year
    Target.objects.create(indicator=indicator, document=document, year=year + 4, low=Decimal(40), high=Decimal(40))

    officer = new_page()
    log_in(officer, "canbo", "pw-canbo")
    officer.get_by_role("navigation").get_by_role("link", name="Chỉ tiêu").click()
    officer.get_by_role("link", name="Tỷ trọng kinh tế số trong GRDP").click()
    row = officer.locator(f"#ky-{year}")
    row.get_by_label("Giá trị").fill("27,5")
    row.get_by_label("Nguồn số liệu").fill("Cục Thống kê thành phố, ước tính")
    row.get_by_role("button", name="Gửi Văn phòng").click()
    expect(officer.get_by_role("status").first).to_contain_text(f"Đã gửi số liệu Năm {year} cho Văn phòng")
    expect(officer.locator(f"#ky-{year}")).to_contain_text("Đã gửi, chờ Văn phòng duyệt")
    assert_accessible(officer, context="trang chỉ tiêu")

    office = new_page()
    log_in(office, "vanphong", "pw-vanphong")
    panel = office.locator("#indicators-panel")
    expect(panel).to_contain_text("1 số liệu chờ Văn phòng duyệt")
    assert_accessible(office, context="tổng quan có bảng chỉ tiêu")
    panel.get_by_role("link", name="Tỷ trọng kinh tế số trong GRDP").click()
    office.locator(f"#ky-{year}").get_by_role("button", name="Duyệt").click()
    expect(office.locator(f"#ky-{year}")).to_contain_text("đã khóa vì Văn phòng đã duyệt")
    expect(office.locator("svg.indicator-chart circle")).to_have_count(1)
    assert Observation.objects.get().state == "approved"

    officer.reload()
    expect(officer.locator(f"#ky-{year}")).to_contain_text("đã khóa vì Văn phòng đã duyệt")
    expect(officer.locator(f"#ky-{year}").get_by_label("Giá trị")).to_have_count(0)
