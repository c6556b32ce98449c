"""A visitor comments on a section of a draft from a phone; it appears after moderation.

Headless Chromium at 390 × 844 against `live_server`; the axe check runs on the public page.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.consultations.test_sections import DRAFT_V1
from tests.e2e.axe import assert_accessible
from tests.e2e.login import log_in
from theodoi.agencies.models import Agency
from theodoi.consultations import services
from theodoi.core.roles import OFFICE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-dai-9x"


def test_a_comment_made_on_a_phone_appears_after_moderation(browser, live_server):
    agency = Agency.objects.create(name="Sở Xây dựng thử nghiệm")
    office = make_user("vanphong-e2e", OFFICE, None)
    office.set_password(PASSWORD)
    office.save()
    today = timezone.localdate()
    consultation = services.consultation_create(
        actor=office, title="Dự thảo quy định hè phố", drafting_agency=agency,
        opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=10),
        name="du-thao.txt", data=DRAFT_V1.encode())

    phone = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(f"/gop-y/{consultation.pk}/")
    assert_accessible(page, context="trang dự thảo")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    section = page.locator("#phan-dieu-3")
    section.get_by_text("Góp ý về phần này").click()  # a tap opens the section's discussion
    section.get_by_label("Góp ý của bạn").fill("Mức phí nên thấp hơn cho hộ nhỏ.")
    section.get_by_role("button", name="Gửi góp ý").click()
    expect(page.get_by_role("status").first).to_contain_text("sau khi Văn phòng kiểm duyệt")
    expect(page.get_by_text("Chờ kiểm duyệt")).to_be_visible()
    page.goto(f"/gop-y/{consultation.pk}/")
    expect(page.get_by_text("Mức phí nên thấp hơn cho hộ nhỏ.")).to_have_count(0)

    staff = browser.new_context(base_url=live_server.url, locale="vi-VN")
    desk = staff.new_page()
    log_in(desk, office.username, PASSWORD)
    desk.goto(f"/gop-y/quan-ly/{consultation.pk}/")
    desk.get_by_role("button", name="Đăng", exact=True).click()
    expect(desk.get_by_role("status").first).to_contain_text("Đã đăng góp ý")

    page.goto(f"/gop-y/{consultation.pk}/")
    expect(page.locator("#phan-dieu-3").get_by_text("Mức phí nên thấp hơn cho hộ nhỏ.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert_accessible(page, context="trang dự thảo có góp ý")
    assert get_user_model().objects.count() == 1
    phone.close()
    staff.close()
