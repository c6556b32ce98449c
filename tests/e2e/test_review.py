"""The office uploads a plan, corrects and rejects candidates, accepts the rest and sees
the tasks with their source words highlighted — in headless Chromium."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.login import log_in
from tests.intake.test_intake import PLAN
from theodoi.agencies.services import registry_load
from theodoi.demo.loader import DEMO_PASSWORD, _users
from theodoi.documents.models import Document
from theodoi.tasks.models import Task


pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_review_and_create_tasks(new_page, tmp_path):
    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    _users()
    source = tmp_path / "ke-hoach-15.txt"
    source.write_text(PLAN, encoding="utf-8")

    page = new_page()
    log_in(page, "vanphong", DEMO_PASSWORD)

    page.get_by_role("link", name="Nhập văn bản").click()
    page.locator("input[type=file]").set_input_files(str(source))
    page.get_by_role("button", name="Tải lên và trích xuất").click()
    expect(page.get_by_role("heading", name="Rà soát nhiệm vụ trích xuất")).to_be_visible()
    cards = page.locator("article.candidate")
    expect(cards).to_have_count(4)
    expect(page.locator(".doctext mark")).to_have_count(4)

    # Edit the first candidate's lead agency and accept it (an htmx swap of that card).
    first = cards.nth(0)
    first.get_by_label("Cơ quan chủ trì").fill("Bộ Xây dựng")
    first.get_by_role("button", name="Lưu và chấp nhận").click()
    expect(cards.nth(0).locator(".badge.d-accepted")).to_have_text("Chấp nhận")
    expect(cards.nth(0).get_by_label("Cơ quan chủ trì")).to_have_value("Bộ Xây dựng")

    # Reject the second.
    cards.nth(1).get_by_role("button", name="Loại").click()
    expect(cards.nth(1).locator(".badge.d-rejected")).to_have_text("Loại")

    page.get_by_role("button", name="Chấp nhận tất cả mục chưa xem").click()
    expect(page.locator("article.candidate .badge.d-accepted")).to_have_count(3)
    page.get_by_role("button", name="Tạo nhiệm vụ").click()

    # The document page: three tasks, each one's words marked in the text.
    expect(page.get_by_role("heading", name="Nhiệm vụ (3)")).to_be_visible()
    expect(page.locator(".doctext mark")).to_have_count(3)
    document = Document.objects.get(number="15/KH-UBND")
    tasks = list(Task.objects.filter(document=document).order_by("source_start"))
    assert [t.lead_agency.name for t in tasks] == [
        "Bộ Xây dựng", "Sở Nội vụ thành phố Hải Phòng", "Sở Tài chính thành phố Hải Phòng"]
    assert not any("bố trí vốn" in t.source_excerpt for t in tasks)

    # A task's page shows its source words highlighted in the document text.
    page.locator(".doctext mark a").first.click()
    expect(page.locator("mark#nguon")).to_contain_text("Sở Xây dựng chủ trì đầu tư tuyến đường sắt")
