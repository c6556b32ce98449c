"""Rules that used to have several homes, some disagreeing: every caller now gives the
same answer, checked through each caller as a user reaches it (issue 11, item 1)."""

import datetime as dt

import pytest

from theodoi.intake import services as intake_services
from theodoi.extraction.extractor import extract
from theodoi.tasks.importing import import_task_rows
from theodoi.tasks.models import Task

HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("phrase, due", [
    ("trước năm 2027", dt.date(2026, 12, 31)),
    ("trước quý III/2026", dt.date(2026, 6, 30)),
    ("trước tháng 6/2026", dt.date(2026, 5, 31)),
    ("trong năm 2027", dt.date(2027, 12, 31)),
])
def test_deadline_reads_the_same_in_the_extractor_the_importer_and_the_review(office, document, phrase, due):
    # The extractor, reading the phrase inside a directive sentence.
    found = extract(f"1. Bộ Y tế chủ trì hoàn thiện hệ thống y tế cơ sở {phrase}.")
    assert [t.deadline.due for t in found.tasks] == [due]

    # The task-table importer, reading it from the deadline column.
    import_task_rows(actor=office, document=document,
                     rows=[HEADER, ["1", "Hoàn thiện hệ thống y tế cơ sở", "Bộ Y tế", "", phrase]])
    assert Task.objects.get(document=document, row_key="1").due_on == due

    # The review screen, where the office types the deadline of a candidate.
    intake = intake_services.intake_create(
        actor=office, name="ke-hoach.txt",
        data="II. NHIỆM VỤ\n1. Bộ Y tế chủ trì hoàn thiện hệ thống y tế cơ sở.\n".encode())
    candidate = intake.candidates.get()
    intake_services.candidate_update(actor=office, candidate=candidate, deadline_text=phrase)
    candidate.refresh_from_db()
    assert candidate.due_on == due
