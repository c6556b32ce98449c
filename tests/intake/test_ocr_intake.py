"""A scanned PDF uploaded for intake: queued for recognition by the background worker, the
review page shows progress, then the recognised text (marked as OCR) and its candidates."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.extraction.test_pdf_tables_and_ocr import SCANNED_LINES, scanned_pdf
from tests.conftest import make_user
from theodoi.agencies.services import registry_load
from theodoi.core.roles import OFFICE
from theodoi.extraction.extractor import Extractor
from theodoi.intake import services
from theodoi.intake.lexicon import registry_lexicon
from theodoi.intake.models import Intake


@pytest.mark.django_db(transaction=True)
def test_a_scan_is_recognised_by_the_worker_then_reviewed_with_its_ocr_text_marked(
        client, tesseract, keep_signal_handlers):
    # A transactional test may start after another emptied every table, the registry too.
    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    office = make_user("office", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    client.force_login(office)
    response = client.post(reverse("intake:upload"),
                           {"file": SimpleUploadedFile("ban-quet.pdf", scanned_pdf(SCANNED_LINES))})
    intake = Intake.objects.get()
    assert response.status_code == 302 and intake.state == Intake.State.OCR
    assert intake.ocr_pages == [1] and intake.text == "" and not intake.candidates.exists()
    job = DBTaskResult.objects.get()  # queued for a worker, not run in the request
    assert job.status == TaskResultStatus.READY and job.args_kwargs["args"] == [intake.pk]

    page = client.get(reverse("intake:review", args=[intake.pk])).content.decode()
    assert "Đã đọc 0/1 trang." in page and 'hx-trigger="every 2s"' in page
    assert "Tạo nhiệm vụ" not in page  # nothing to commit while the text is not there

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    job.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL
    intake.refresh_from_db()
    assert intake.state == Intake.State.REVIEW and intake.ocr_done == 1 and intake.ocr_confidence > 80
    assert "Sở Khoa học và Công nghệ chủ trì" in intake.text and intake.ocr_spans == [[0, len(intake.text)]]
    # The candidates are those the extractor finds in the text as typed.
    expected = Extractor(registry_lexicon()).extract("\n".join(SCANNED_LINES)).tasks
    assert len(expected) >= 1
    assert sorted(intake.candidates.values_list("title", flat=True)) == sorted(t.title for t in expected)
    poll = client.get(reverse("intake:progress", args=[intake.pk]), HTTP_HX_REQUEST="true")
    assert poll["HX-Refresh"] == "true"  # the polling page reloads into the review
    review = client.get(reverse("intake:review", args=[intake.pk])).content.decode()
    assert 'class="ocr-text"' in review and "độ tin cậy trung bình" in review and "Tạo nhiệm vụ" in review


@pytest.mark.django_db
def test_a_page_that_cannot_be_recognised_ends_in_a_clear_failure(office, tesseract):
    intake = services.intake_create(actor=office, name="quet.pdf", data=scanned_pdf(["Một dòng chữ."]))
    Intake.objects.filter(pk=intake.pk).update(ocr_pages=[1, 7])  # page 7 does not exist
    intake = services.intake_recognise(intake_id=intake.pk)
    assert intake.state == Intake.State.OCR_FAILED and intake.text == ""
    assert any("không có trang 7" in w for w in intake.warnings)
    assert not intake.candidates.exists()
    services.intake_cancel(actor=office, intake=intake)  # the office can still drop it
    assert Intake.objects.get(pk=intake.pk).state == Intake.State.CANCELLED
