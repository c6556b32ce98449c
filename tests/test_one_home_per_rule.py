"""Rules that used to have several homes, some disagreeing: every caller now gives the
same answer, checked through each caller as a user reaches it (issue 11, item 1)."""

import datetime as dt
import re

import pytest

from theodoi.agencies.models import Agency
from theodoi.extraction.extractor import extract
from theodoi.intake import services as intake_services
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


def test_upload_limit_is_the_one_setting_for_intake_import_and_evidence(settings, office, officer, document):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from theodoi.core.exceptions import ApplicationError
    from theodoi.intake.models import Intake
    from theodoi.lib.limits import DEFAULT_MAX_UPLOAD_BYTES
    from theodoi.tasks import services as task_services
    from theodoi.tasks.importing import import_task_file
    from theodoi.tasks.models import ProgressReport, ReportEvidence
    from theodoi.tasks.periods import period_containing

    assert settings.MAX_UPLOAD_BYTES == DEFAULT_MAX_UPLOAD_BYTES == 20 * 1024 * 1024
    settings.MAX_UPLOAD_BYTES = 1024 * 1024  # an installation that sets MAX_UPLOAD_MB=1
    big = b"%PDF-1.4\n" + b"0" * (1536 * 1024)
    expected = re.escape("lớn hơn 1 MB (1.5 MB)")

    with pytest.raises(ApplicationError, match=expected):
        intake_services.intake_create(actor=office, name="van-ban.pdf", data=big)
    with pytest.raises(ApplicationError, match=expected):
        import_task_file(actor=office, document=document, name="bang.csv", data=big)
    task = Task.objects.create(document=document, title="Hoàn thiện hạ tầng",
                               lead_agency=Agency.objects.get(name="Ủy ban nhân dân thành phố Hải Phòng"), due_on=dt.date(2099, 12, 31))
    with pytest.raises(ApplicationError, match=expected):
        task_services.report_submit(actor=officer, task=task, period=period_containing("quarter", timezone.localdate()),
                                    percent_complete=10, narrative="Đã làm",
                                    evidence=[SimpleUploadedFile("bien-ban.pdf", big)])
    assert not Intake.objects.exists() and not ProgressReport.objects.exists() and not ReportEvidence.objects.exists()
    assert Task.objects.filter(document=document).count() == 1


def _tcvn3(text: str) -> bytes:
    """Text as a .VnTime (TCVN3) font stored it: one byte per Vietnamese letter."""
    from theodoi.extraction.readers import TCVN3

    byte_of = {letter: byte for byte, letter in TCVN3.items()}
    return bytes(byte_of[c] if c in byte_of else ord(c) for c in text)


def _vni(text: str) -> bytes:
    """Text as a VNI-Times font stored it: a base letter and a modifier byte."""
    from theodoi.extraction.readers import VNI

    glyphs_of = {letter: glyphs for glyphs, letter in VNI.items()}
    return "".join(glyphs_of.get(c, c) for c in text).encode("cp1252")


def test_one_decoder_for_documents_and_csv_tables(office, document):
    from theodoi.extraction.readers import read_document
    from theodoi.tasks.importing import import_task_file

    rows = ["STT;Nhiệm vụ;Cơ quan chủ trì;Thời gian hoàn thành",
            "1;Hoàn thiện hệ thống y tế cơ sở và nâng cao chất lượng khám chữa bệnh;Bộ Y tế;năm 2026"]
    for encode in (_tcvn3, _vni, lambda text: text.encode("utf-16")):
        data = encode("\n".join(rows))
        # The document reader and the CSV importer read the same bytes as the same words.
        assert read_document("bang.txt", data).text.split("\n")[1].split(";")[1] == (
            "Hoàn thiện hệ thống y tế cơ sở và nâng cao chất lượng khám chữa bệnh")
        import_task_file(actor=office, document=document, name="bang.csv", data=data)
        task = Task.objects.get(document=document, row_key="1")
        assert task.title == "Hoàn thiện hệ thống y tế cơ sở và nâng cao chất lượng khám chữa bệnh"
        assert task.lead_agency.name == "Bộ Y tế"


def test_a_return_or_unlock_needs_a_reason_and_records_the_verdict_alike(office, officer, document):
    """core.review: a progress report and an indicator value are returned by the same rule
    (blanks are no reason; the reason kept is trimmed; who decided and when are recorded),
    and so is the reason for unlocking a period."""
    from decimal import Decimal
    from unittest import mock

    from django.utils import timezone

    from tests.conftest import agency
    from tests.indicators.conftest import YEAR_2025, Clock, make_indicator
    from theodoi.core.exceptions import ApplicationError
    from theodoi.indicators import services as indicator_services
    from theodoi.indicators.models import LockException, Observation
    from theodoi.tasks import services as task_services
    from theodoi.tasks.models import ProgressReport
    from theodoi.tasks.periods import period_containing

    clock = Clock(dt.date(2026, 1, 15))  # 2025's values can still be entered
    with mock.patch.object(timezone, "now", clock.now):
        task = Task.objects.create(document=document, title="Hoàn thiện hạ tầng",
                                   lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"))
        report = task_services.report_submit(actor=officer, task=task,
                                             period=period_containing("quarter", dt.date(2025, 12, 1)),
                                             percent_complete=40, narrative="Đã khởi công")
        observation = indicator_services.observation_save(
            actor=officer, indicator=make_indicator(document), period=YEAR_2025, value=Decimal("9.1"),
            source="Cục Thống kê", submit=True)

        for blank in ("", "   ", "\n\t "):
            with pytest.raises(ApplicationError, match="lý do trả lại"):
                task_services.report_return(actor=office, report=report, reason=blank)
            with pytest.raises(ApplicationError, match="lý do trả lại"):
                indicator_services.observation_return(actor=office, observation=observation, reason=blank)
            with pytest.raises(ApplicationError, match="lý do mở khóa"):
                indicator_services.period_unlock(actor=office, indicator=observation.indicator, period=YEAR_2025,
                                                 until=dt.date(2026, 3, 31), reason=blank)
        report.refresh_from_db()
        observation.refresh_from_db()
        assert report.state == ProgressReport.State.SUBMITTED and report.reviewed_by is None
        assert observation.state == Observation.State.SUBMITTED and observation.reviewed_by is None
        assert not LockException.objects.exists()

        task_services.report_return(actor=office, report=report, reason="  Thiếu số liệu quý IV \n")
        indicator_services.observation_return(actor=office, observation=observation, reason="\tSai đơn vị. ")
        report.refresh_from_db()
        observation.refresh_from_db()
        assert (report.state, report.return_reason, report.reviewed_by) == (
            ProgressReport.State.RETURNED, "Thiếu số liệu quý IV", office)
        assert (observation.state, observation.return_reason, observation.reviewed_by) == (
            Observation.State.RETURNED, "Sai đơn vị.", office)
        assert report.reviewed_at.date() == observation.reviewed_at.date() == dt.date(2026, 1, 15)


def test_an_alias_added_to_the_registry_is_known_at_once_to_the_picker_and_the_extractor(db):
    """The picker's index (agencies.selectors) and the extractor's lexicon (intake.lexicon) are
    kept between requests, and both are built again as soon as the registry's aliases change."""
    from theodoi.agencies.models import AgencyAlias
    from theodoi.agencies.selectors import agency_search
    from theodoi.intake.lexicon import registry_lexicon

    finance = Agency.objects.get(name="Sở Tài chính thành phố Hải Phòng")

    def picked(term: str) -> list[str]:
        return [m.agency.name for m in agency_search(term=term, home_place="Hải Phòng").matches]

    assert picked("stchp") == []
    assert registry_lexicon().lookup("STCHP") is None
    AgencyAlias.objects.create(agency=finance, alias="STCHP")
    assert picked("stchp") == [finance.name]
    assert registry_lexicon().lookup("STCHP").name == finance.name
    AgencyAlias.objects.filter(alias="STCHP").delete()
    assert picked("stchp") == []
    assert registry_lexicon().lookup("STCHP") is None
