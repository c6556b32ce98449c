"""The agency picker on a phone: the office types an agency's name without diacritics, picks
it with the keyboard, and the task is saved with it; axe finds nothing serious with the list
of results open; without scripts the same form offers a short plain select.

Headless Chromium at 390 × 844 against `live_server`.
"""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.axe import assert_accessible
from tests.tasks.factories import DocumentFactory, TaskFactory
from theodoi.agencies.models import Agency
from theodoi.core.roles import OFFICE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-dai-9x"
PHONE = {"width": 390, "height": 844}


def log_in(browser, live_server, *, scripts: bool = True):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=PHONE,
                                  java_script_enabled=scripts)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/dang-nhap/")
    page.locator("input[name=username]").fill("vanphong-picker")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    return page


def test_office_picks_an_agency_by_typing_without_diacritics(browser, live_server, shipped_registry):
    office = make_user("vanphong-picker", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    office.set_password(PASSWORD)
    office.save()
    task = TaskFactory(document=DocumentFactory(),
                       lead_agency=Agency.objects.get(name="Ủy ban nhân dân thành phố Hải Phòng"))

    page = log_in(browser, live_server)
    page.goto(f"/nhiem-vu/{task.pk}/sua/")
    lead = page.get_by_role("combobox", name="Cơ quan chủ trì")
    expect(page.locator("#id_lead_agency-select")).to_be_hidden()
    expect(page.get_by_role("list", name="Cơ quan đã chọn").first).to_contain_text("Ủy ban nhân dân thành phố Hải Phòng")

    lead.fill("so y te cao bang")
    option = page.get_by_role("option", name="Sở Y tế tỉnh Cao Bằng")
    expect(option).to_be_visible()
    expect(lead).to_have_attribute("aria-expanded", "true")
    assert_accessible(page, context="ô chọn cơ quan, danh sách kết quả đang mở")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    lead.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    lead.press("Enter")  # chooses; does not send the form
    expect(lead).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#id_lead_agency-status")).to_contain_text("Sở Y tế tỉnh Cao Bằng")

    # A merged body's old name finds the body that answers for it today.
    coordinating = page.get_by_role("combobox", name="Cơ quan phối hợp")
    coordinating.fill("bo ke hoach va dau tu")
    successor = page.get_by_role("option", name="Bộ Tài chính")
    expect(successor).to_contain_text("thay cho Bộ Kế hoạch và Đầu tư")
    successor.click()
    coordinating.fill("so tai chinh hai phong")
    page.get_by_role("option", name="Sở Tài chính thành phố Hải Phòng").click()
    expect(page.get_by_role("button", name="Bỏ chọn: Bộ Tài chính")).to_be_visible()

    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu nhiệm vụ")
    task.refresh_from_db()
    assert task.lead_agency.name == "Sở Y tế tỉnh Cao Bằng"
    assert {a.agency.name for a in task.assignments.all()} == {"Bộ Tài chính", "Sở Tài chính thành phố Hải Phòng"}

    # Without scripts: a plain select of a shortlist (the chosen body included), named by its
    # label. (axe cannot run in a page without scripts: it is itself a script.)
    bare = log_in(browser, live_server, scripts=False)
    bare.goto(f"/nhiem-vu/{task.pk}/sua/")
    select = bare.get_by_label("Cơ quan chủ trì")
    expect(select).to_have_value(str(task.lead_agency_id))
    assert select.locator("option").count() < 200
    expect(bare.locator(".picker-search").first).to_be_hidden()
