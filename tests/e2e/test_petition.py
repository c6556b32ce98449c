"""A citizen files a petition and gets a code; the office assigns it; the agency answers;
the citizen sees the answer by the code. The public pages pass the axe checks."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.axe import assert_accessible
from tests.e2e.login import log_in
from theodoi.agencies.services import registry_load
from theodoi.core.roles import OFFICE, OFFICER
from theodoi.petitions.categories import ensure_default_categories
from theodoi.petitions.models import Category, Petition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REGISTRY = Path(settings.BASE_DIR) / "data" / "agencies.json"
ANSWER = "Đơn vị duy tu đã vá các ổ gà trên đoạn đường này ngày 05/12."


def test_petition_from_citizen_to_answer(new_page):
    registry_load(path=REGISTRY)
    ensure_default_categories(Category)
    make_user("vp", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    make_user("xd", OFFICER, "Sở Xây dựng thành phố Hải Phòng")

    citizen = new_page()
    citizen.goto("/kien-nghi/")
    assert_accessible(citizen, context="biểu mẫu kiến nghị")
    citizen.get_by_label("Lĩnh vực").select_option(label="Giao thông, đường sá")
    citizen.get_by_label("Tiêu đề").fill("Ổ gà trên đường Nguyễn Văn Linh")
    citizen.get_by_label("Nội dung kiến nghị, phản ánh").fill("Mặt đường có nhiều ổ gà sâu, xe máy ngã nhiều lần.")
    citizen.get_by_label("Họ và tên").fill("Trần Thị B")
    citizen.get_by_role("button", name="Gửi kiến nghị").click()
    expect(citizen.get_by_text("Mã theo dõi của bạn")).to_be_visible()
    petition = Petition.objects.get()
    expect(citizen.locator(".pet-code")).to_have_text(petition.display_code)
    assert_accessible(citizen, context="trang theo dõi kiến nghị")

    office = new_page()
    log_in(office, "vp", "pw-vp")
    office.goto("/kien-nghi/quan-ly/")
    office.get_by_role("link", name="Ổ gà trên đường Nguyễn Văn Linh").click()
    # The proposal is preselected: the office confirms it.
    # (The agency picker: its search box carries the label, the select behind it the value,
    # and the chosen body is listed by name.)
    expect(office.locator("#id_agency-select")).to_have_value(str(petition.proposals[0]["agency_id"]))
    expect(office.get_by_role("list", name="Cơ quan đã chọn")).to_contain_text(petition.proposals[0]["agency"])
    office.get_by_role("button", name="Chuyển xử lý").click()
    expect(office.get_by_text("Đã cập nhật kiến nghị.")).to_be_visible()

    agency = new_page()
    log_in(agency, "xd", "pw-xd")
    agency.goto("/kien-nghi/quan-ly/")
    agency.get_by_role("link", name="Ổ gà trên đường Nguyễn Văn Linh").click()
    agency.get_by_label("Nội dung trả lời").fill(ANSWER)
    agency.get_by_role("button", name="Gửi trả lời").click()
    expect(agency.get_by_text("Đã cập nhật kiến nghị.")).to_be_visible()

    follower = new_page()
    follower.goto("/kien-nghi/theo-doi/")
    follower.get_by_label("Mã theo dõi").fill(petition.display_code.lower())
    follower.get_by_role("button", name="Xem").click()
    expect(follower.get_by_text(ANSWER)).to_be_visible()
    expect(follower.get_by_text("Đã trả lời", exact=True)).to_be_visible()
    expect(follower.get_by_text("Trần Thị B")).to_have_count(0)
    assert_accessible(follower, context="trang theo dõi có trả lời")
