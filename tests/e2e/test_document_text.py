"""The document page's text, where each task's words are a link to the task: a reader must
see the link as a link, not only as a yellow highlight, when the task is one sentence in
a document of more assessment than orders (axe's link-in-text-block, serious, applies once a
block's other text outweighs its links: a conclusion notice uploaded by the office showed 17;
in the demo programmes the tasks are most of the text)."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.conftest import agency
from tests.e2e.axe import assert_accessible
from tests.e2e.login import log_in
from theodoi.agencies.services import registry_load
from theodoi.demo.loader import DEMO_PASSWORD, _users
from theodoi.documents.models import Document
from theodoi.tasks import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = (
    "I. ĐÁNH GIÁ CHUNG\n\nTrong 10 tháng năm 2025, việc thực hiện nhiệm vụ, kế hoạch phát triển kinh tế - xã hội "
    "của tỉnh đã đạt được nhiều kết quả tích cực. Kinh tế duy trì đà tăng trưởng, thu ngân sách nhà nước đạt "
    "104,24% dự toán, kim ngạch xuất khẩu tăng 42% so cùng kỳ; an sinh xã hội được bảo đảm, quốc phòng, an ninh "
    "được giữ vững. Tuy nhiên, giải ngân vốn đầu tư công chưa đạt kế hoạch đề ra.\n\n"
    "II. NHIỆM VỤ, GIẢI PHÁP\n\nSau khi nghe báo cáo, Phó Thủ tướng kết luận như sau. Tỉnh cần rà soát các chỉ tiêu phát triển "
    "kinh tế - xã hội đã được giao từ đầu năm. Đồng thời, tỉnh xây dựng kịch bản thúc đẩy tăng trưởng "
    "đến hết năm 2025 và báo cáo kết quả."
)


def test_task_links_in_the_text_are_seen_as_links(new_page):
    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    office = _users()["vanphong"]
    document = Document.objects.create(kind="thong-bao", number="623/TB-VPCP", title="Kết luận", text=TEXT,
                                       issuer=agency("Chính phủ"))
    for sentence in ("rà soát các chỉ tiêu", "xây dựng kịch bản"):
        start = TEXT.index(sentence)
        services.task_create(actor=office, document=document, title=sentence, lead_agency=agency("Bộ Tài chính"),
                             source_start=start, source_end=TEXT.index(".", start))

    page = new_page()
    log_in(page, "vanphong", DEMO_PASSWORD)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"/van-ban/{document.pk}/")
        expect(page.locator(".doctext mark a")).to_have_count(2)
        assert_accessible(page, context=f"document text with task links ({width} px)")
