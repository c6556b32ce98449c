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


def test_domain_taxonomy_is_the_extractors_for_the_model_the_importer_and_the_extractor(office, document):
    from theodoi.extraction.domains import DOMAIN_LABELS, DOMAINS, guess_domain
    from theodoi.tasks.models import Domain

    assert Domain.values == list(DOMAINS)
    assert [str(label) for label in Domain.labels] == list(DOMAIN_LABELS.values())
    # The importer accepts a label as the table writes it and stores the model's code.
    import_task_rows(actor=office, document=document, rows=[
        [*HEADER, "Lĩnh vực"],
        ["1", "Đầu tư tuyến đường ven biển", "Bộ Y tế", "", "năm 2026", "Hạ tầng giao thông, logistics"],
    ])
    assert Task.objects.get(document=document, row_key="1").domain == Domain.HA_TANG
    # What the extractor proposes is a code the model stores.
    proposed = {t.domain for t in extract(
        "1. Bộ Xây dựng chủ trì đầu tư đường sắt tốc độ cao.\n2. Bộ Công an bảo đảm an ninh, trật tự.").tasks}
    assert proposed and proposed <= set(Domain.values)
    assert guess_domain("chuyển đổi số") in Domain.values
