"""Upload → candidates → review → tasks; and a new version of the same document."""

import datetime as dt
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.plans import PLAN_OPENING
from theodoi.core.exceptions import ActionNotPermitted, ApplicationError
from theodoi.documents.models import Document, DocumentLink
from theodoi.intake import services
from theodoi.intake.models import Candidate, Intake
from theodoi.tasks import services as task_services
from theodoi.tasks.models import Task

PLAN = PLAN_OPENING + """II. NHIỆM VỤ VÀ GIẢI PHÁP
- Sở Xây dựng chủ trì đầu tư tuyến đường sắt Lào Cai - Hà Nội - Hải Phòng trong năm 2026.
- Sở Tài chính tham mưu bố trí vốn đầu tư công giai đoạn 2026-2030.
- Sở Nội vụ rà soát thủ tục hành chính; đồng thời công khai kết quả trên cổng thông tin.

III. TỔ CHỨC THỰC HIỆN
Sở Tài chính chủ trì theo dõi, đôn đốc; định kỳ hằng năm báo cáo UBND thành phố.
"""


def upload(actor, text=PLAN, name="ke-hoach.txt"):
    return services.intake_create(actor=actor, name=name, data=text.encode())


@pytest.mark.django_db
class TestIntake:
    def test_upload_creates_candidates_not_tasks(self, office):
        intake = upload(office)
        assert intake.number == "15/KH-UBND" and intake.issued_on == dt.date(2025, 3, 20)
        assert intake.candidates.count() == 4
        assert Task.objects.count() == 0 and not Document.objects.filter(number="15/KH-UBND").exists()
        first = intake.candidates.order_by("start").first()
        assert first.lead_names == ["Sở Xây dựng"]  # as the plan names it; resolved to the agency on commit
        assert intake.text[first.start:first.end].startswith("Sở Xây dựng chủ trì")

    def test_a_province_s_plan_assigns_its_own_departments(self, office):
        text = (PLAN.replace("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN")
                .replace("Hải Phòng, ngày", "Lạng Sơn, ngày").replace("15/KH-UBND", "16/KH-UBND"))
        intake = upload(office, text)
        services.intake_accept_pending(actor=office, intake=intake)
        document = services.intake_commit(actor=office, intake=intake)
        assert document.issuer.name == "Ủy ban nhân dân tỉnh Lạng Sơn"
        leads = {t.lead_agency.name for t in document.tasks.all() if t.lead_agency}
        assert "Sở Tài chính tỉnh Lạng Sơn" in leads and "Sở Nội vụ tỉnh Lạng Sơn" in leads
        assert not any(name.endswith("Hải Phòng") for name in leads)

    def test_only_the_office_may_upload(self, officer, leader):
        for actor in (officer, leader):
            with pytest.raises(ActionNotPermitted):
                upload(actor)
        assert not Intake.objects.exists()

    @pytest.mark.parametrize("data, message", [
        (b"", "rỗng"),
        (b"%PDF-1.4\n%%EOF", "PDF"),
        (bytes(range(256)) * 50, "không phải văn bản"),
    ])
    def test_unreadable_files_are_refused_and_nothing_is_saved(self, office, data, message):
        with pytest.raises(ApplicationError, match=message):
            services.intake_create(actor=office, name="x.txt", data=data)
        assert not Intake.objects.exists() and not Candidate.objects.exists()

    def test_review_then_commit_creates_tasks_with_sources(self, office):
        intake = upload(office)
        rail, budget, procedures, follow_up = intake.candidates.order_by("start")
        services.candidate_update(actor=office, candidate=rail, lead_names="Sở Xây dựng thành phố Hải Phòng; Bộ Xây dựng",
                                  deadline_text="Quý IV/2026")
        services.candidate_decide(actor=office, candidate=budget, decision=Candidate.Decision.REJECTED)
        with pytest.raises(ApplicationError, match="chưa xem"):
            services.intake_commit(actor=office, intake=intake)
        services.intake_accept_pending(actor=office, intake=intake)
        document = services.intake_commit(actor=office, intake=intake)

        assert document.number == "15/KH-UBND" and document.issuer.name == "Ủy ban nhân dân thành phố Hải Phòng"
        tasks = list(document.tasks.order_by("source_start"))
        assert len(tasks) == 3
        assert tasks[0].lead_agency.name == "Sở Xây dựng thành phố Hải Phòng"
        assert [a.agency.name for a in tasks[0].assignments.all()] == ["Bộ Xây dựng"]
        assert tasks[0].due_on == dt.date(2026, 12, 31)
        assert tasks[2].recurrence == "annual"
        for task in tasks:
            assert document.text[task.source_start:task.source_end] == task.source_excerpt
            assert task.history.latest().history_user == office
        assert not any("bố trí vốn" in t.source_excerpt for t in tasks)
        link = DocumentLink.objects.get(source=document)
        assert link.target.number == "7/NQ-CP" and link.relation == "implements"
        intake.refresh_from_db()
        assert intake.state == Intake.State.COMMITTED

    def test_unknown_agency_blocks_commit_with_a_clear_list(self, office):
        intake = upload(office)
        first = intake.candidates.order_by("start").first()
        services.candidate_update(actor=office, candidate=first, lead_names="Sở Không Có")
        services.intake_accept_pending(actor=office, intake=intake)
        with pytest.raises(ApplicationError) as caught:
            services.intake_commit(actor=office, intake=intake)
        assert any("Sở Không Có" in e for e in caught.value.errors)
        assert Task.objects.count() == 0

    def test_bad_deadline_in_review_is_refused(self, office):
        candidate = upload(office).candidates.first()
        with pytest.raises(ApplicationError, match="Không hiểu thời hạn"):
            services.candidate_update(actor=office, candidate=candidate, deadline_text="sắp tới")

    def test_merge_and_split(self, office):
        intake = upload(office)
        rail, budget, procedures, _ = intake.candidates.order_by("start")
        merged = services.candidate_merge_next(actor=office, candidate=rail)
        assert intake.candidates.count() == 3
        assert "Sở Xây dựng" in merged.text and "Sở Tài chính" in merged.text
        parts = services.candidate_split(actor=office, candidate=procedures)
        assert [p.text for p in parts] == ["Sở Nội vụ rà soát thủ tục hành chính;",
                                           "đồng thời công khai kết quả trên cổng thông tin."]

    def test_new_version_updates_tasks_instead_of_duplicating(self, office):
        intake = upload(office)
        services.intake_accept_pending(actor=office, intake=intake)
        document = services.intake_commit(actor=office, intake=intake)
        before = {t.pk for t in document.tasks.all()}

        revised = PLAN.replace("trong năm 2026", "trong năm 2027").replace(
            "- Sở Tài chính tham mưu bố trí vốn đầu tư công giai đoạn 2026-2030.\n",
            "- Công an thành phố bảo đảm an ninh trật tự các công trình trọng điểm.\n")
        second = upload(office, revised, "ke-hoach-sua-doi.txt")
        assert second.document == document
        def cand(prefix):
            return next(c for c in second.candidates.all() if c.text.startswith(prefix))

        assert cand("Sở Xây dựng chủ trì").matched_task is not None
        assert "deadline" in cand("Sở Xây dựng chủ trì").changed_fields
        assert cand("Công an thành phố").matched_task is None
        assert cand("Sở Nội vụ rà soát").decision == Candidate.Decision.ACCEPTED  # unchanged
        missing = services.intake_missing_tasks(intake=second)
        assert [t.source_excerpt[:24] for t in missing] == ["Sở Tài chính tham mưu bố"]
        rail_pk = cand("Sở Xây dựng chủ trì").matched_task_id

        services.intake_accept_pending(actor=office, intake=second)
        services.intake_commit(actor=office, intake=second)
        document.refresh_from_db()
        assert "2027" in document.text
        after = {t.pk for t in document.tasks.all()}
        assert before <= after and len(after) == len(before) + 1
        rail = document.tasks.get(pk=rail_pk)
        assert rail.due_on == dt.date(2027, 12, 31)
        assert document.text[rail.source_start:rail.source_end].startswith("Sở Xây dựng chủ trì")
        dropped = document.tasks.get(pk=missing[0].pk)
        assert dropped.source_start is None
        assert dropped.history.latest().history_change_reason == "Không còn trong bản mới của văn bản"


@pytest.mark.django_db
class TestReviewScreens:
    def test_upload_page_and_review_page(self, client, office):
        client.force_login(office)
        response = client.post(reverse("intake:upload"),
                               {"file": SimpleUploadedFile("kh.txt", PLAN.encode())})
        intake = Intake.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse("intake:review", args=[intake.pk])
        page = client.get(response["Location"])
        assert page.status_code == 200
        body = page.content.decode()
        for candidate in intake.candidates.all():
            assert f'id="m-{candidate.pk}"' in body and f'id="c-{candidate.pk}"' in body

    def test_review_sorts_the_least_certain_candidates_first(self, client, office):
        intake = upload(office)
        candidates = list(intake.candidates.order_by("start"))
        for candidate, confidence in zip(candidates, (0.9, 0.2, 0.6, 0.4)):
            Candidate.objects.filter(pk=candidate.pk).update(confidence=confidence)
        client.force_login(office)

        def order(query: str) -> list[int]:
            body = client.get(reverse("intake:review", args=[intake.pk]) + query).content.decode()
            return sorted((c.pk for c in candidates), key=lambda pk: body.index(f'id="c-{pk}"'))

        assert order("") == [c.pk for c in candidates]
        assert order("?thu-tu=tin-cay") == [candidates[i].pk for i in (1, 3, 2, 0)]

    def test_htmx_edit_returns_the_card(self, client, office):
        client.force_login(office)
        candidate = upload(office).candidates.order_by("start").first()
        response = client.post(reverse("intake:candidate_update", args=[candidate.pk]), {
            "title": "Đường sắt", "lead_names": "Bộ Xây dựng", "coordinating_names": "", "output": "",
            "deadline_text": "2026", "domain": "ha-tang", "accept": "1"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert response.content.decode().lstrip().startswith("<article")
        candidate.refresh_from_db()
        assert (candidate.lead_names, candidate.decision) == (["Bộ Xây dựng"], "accepted")

    def test_unreadable_upload_shows_the_reason(self, client, office):
        client.force_login(office)
        response = client.post(reverse("intake:upload"), {"file": SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF")})
        assert response.status_code == 400
        assert "PDF" in response.content.decode()

    @pytest.mark.parametrize("role", ["officer", "leader"])
    def test_review_is_office_only(self, client, office, role, request):
        intake = upload(office)
        client.force_login(request.getfixturevalue(role))
        assert client.get(reverse("intake:review", args=[intake.pk])).status_code == 403
        assert client.post(reverse("intake:intake_action", args=[intake.pk, "commit"])).status_code == 403


@pytest.mark.django_db
def test_reviewer_adds_a_missed_directive_by_its_words(office):
    # In the purpose section the extractor (rightly, as a rule) proposes nothing.
    text = PLAN.replace("được giao.\n", "được giao.\n2. Việc liên kết vùng cũng là nhiệm vụ quan trọng.\n")
    intake = upload(office, text)
    before = intake.candidates.count()
    added = services.candidate_add(actor=office, intake=intake, quote="Việc liên kết vùng cũng là nhiệm vụ quan trọng.")
    assert intake.candidates.count() == before + 1
    assert added.text == "Việc liên kết vùng cũng là nhiệm vụ quan trọng."
    with pytest.raises(ApplicationError, match="Không tìm thấy"):
        services.candidate_add(actor=office, intake=intake, quote="Không có câu này trong văn bản.")
    with pytest.raises(ApplicationError, match="trùng"):
        services.candidate_add(actor=office, intake=intake, quote="Sở Tài chính tham mưu bố trí vốn")


@pytest.mark.django_db
def test_task_without_a_stated_lead_is_created_unassigned(office):
    text = PLAN.replace("- Sở Tài chính tham mưu", "- Tham mưu")
    intake = upload(office, text)
    services.intake_accept_pending(actor=office, intake=intake)
    document = services.intake_commit(actor=office, intake=intake)
    assert document.tasks.filter(lead_agency=None).count() == 1


def _truncated_docx() -> bytes:
    from tests.extraction.test_readers import programme_docx

    data = programme_docx()
    return data[: len(data) // 2]


def _docx_bomb() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"<w:p/>" * (1024 * 1024 // 6)
            for _ in range(300):
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("name, build, message", [
    ("dang-do.docx", _truncated_docx, "DOCX bị hỏng"),
    ("bom.docx", _docx_bomb, "bom nén"),
    ("rac.txt", lambda: bytes(range(256)) * 400, "không phải văn bản"),
    ("qua-lon.txt", lambda: b"a" * (50 * 1024 * 1024), "lớn hơn"),
])
def test_hostile_uploads_get_a_clear_error_and_create_nothing(client, office, name, build, message):
    client.force_login(office)
    response = client.post(reverse("intake:upload"), {"file": SimpleUploadedFile(name, build())})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Intake.objects.exists() and not Candidate.objects.exists() and not Document.objects.exists()


@pytest.mark.django_db
def test_original_file_is_kept_and_served_to_staff_only(client, office, officer, plain_user):
    intake = upload(office)
    services.intake_accept_pending(actor=office, intake=intake)
    document = services.intake_commit(actor=office, intake=intake)
    url = reverse("documents:file", args=[document.pk])
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PLAN.encode()


@pytest.mark.django_db
def test_review_commit_creates_and_changes_tasks_only_through_the_task_services(office):
    """Every task the commit makes or changes passes through task_create/task_update, so their
    checks apply to the review path too: a refusal there leaves nothing behind."""
    intake = upload(office)
    services.intake_accept_pending(actor=office, intake=intake)
    refusal = ApplicationError("từ chối trong task_create")
    with mock.patch.object(task_services, "task_create", side_effect=refusal) as refused:
        with pytest.raises(ApplicationError, match="từ chối trong task_create"):
            services.intake_commit(actor=office, intake=intake)
    assert refused.call_count == 1
    assert Task.objects.count() == 0 and not Document.objects.filter(number="15/KH-UBND").exists()
    intake.refresh_from_db()
    assert intake.state == Intake.State.REVIEW

    real_create, created = task_services.task_create, []

    def recording_create(**kwargs):
        created.append(real_create(**kwargs))
        return created[-1]

    with mock.patch.object(task_services, "task_create", side_effect=recording_create):
        document = services.intake_commit(actor=office, intake=intake)
    made = {task.pk for task in created}
    assert len(created) == 4 and made == set(document.tasks.values_list("pk", flat=True))

    revised = PLAN.replace("trong năm 2026", "trong năm 2027").replace(
        "- Sở Tài chính tham mưu bố trí vốn đầu tư công giai đoạn 2026-2030.\n",
        "- Công an thành phố bảo đảm an ninh trật tự các công trình trọng điểm.\n")
    second = upload(office, revised, "ke-hoach-sua-doi.txt")
    services.intake_accept_pending(actor=office, intake=second)
    with (mock.patch.object(task_services, "task_create", wraps=task_services.task_create) as create,
          mock.patch.object(task_services, "task_update", wraps=task_services.task_update) as update):
        services.intake_commit(actor=office, intake=second)
    assert create.call_count == 1  # the new directive (Công an thành phố)
    changed = {c.kwargs["task"].pk for c in update.call_args_list}
    # The three it continues, and the one the new version dropped (its words unlinked).
    assert changed == made and update.call_count == 4
    assert Task.objects.count() == 5



@pytest.mark.django_db
def test_every_name_the_extractor_calls_known_is_found_by_the_commit_s_resolver():
    """What the review screen shows as known (not in `unresolved`) is what `intake_commit`
    resolves: the same names through the same `AgencyResolver` (the issuer's place), on an
    invented Hải Phòng plan naming bodies the registry holds under other wordings, bodies it
    does not hold, and a "phối hợp" list mixing both."""
    from tests.extraction.test_directive_patterns import HAI_PHONG_BODIES
    from theodoi.agencies.selectors import AgencyResolver
    from theodoi.extraction.extractor import Extractor
    from theodoi.extraction.registry import place_named_in
    from theodoi.intake.lexicon import registry_lexicon

    text = HAI_PHONG_BODIES + (
        "5. Sở Xây dựng chủ trì, phối hợp với Hội Nông dân thành phố, Ban Quản lý Khu kinh tế thành phố "
        "và Sở Tài chính nâng cấp đê biển.\n6. Ban Tuyên giáo và Dân vận Thành ủy chủ trì tuyên truyền về chủ quyền biển đảo.\n")
    extraction = Extractor(registry_lexicon()).extract(text)
    resolver = AgencyResolver(place=place_named_in(extraction.document.issuer or ""))
    assert len(extraction.tasks) == 6
    for task in extraction.tasks:
        for name in (*task.lead, *task.coordinating):
            if name not in task.unresolved:
                assert resolver.resolve(name) is not None, (name, task.text)
            else:
                assert resolver.resolve(name) is None, (name, task.text)
    assert any(task.unresolved for task in extraction.tasks)


UNDATED_PLAN = PLAN_OPENING.replace("\tHải Phòng, ngày 20 tháng 3 năm 2025", "") + """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Lập danh mục công trình trụ sở cần sửa chữa
- Cơ quan chủ trì: Sở Xây dựng.
- Thời gian hoàn thành: Trong vòng 30 ngày kể từ ngày ký.
2. Bố trí kinh phí sửa chữa trụ sở
- Cơ quan chủ trì: Sở Tài chính.
- Thời gian hoàn thành: Trước ngày 30/6.
3. Rà soát vị trí việc làm của các sở
- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian hoàn thành: Quý IV/2026.
"""


def test_an_undated_plan_s_deadlines_wait_for_its_date_instead_of_counting_from_the_upload(client, office):
    """The reviewer sees the deadline's words, is told the document has no date, and once the
    date is given the deadlines count from it; nothing counts from the day of the upload."""
    intake = upload(office, UNDATED_PLAN)
    assert intake.issued_on is None
    survey, budget, posts = intake.candidates.order_by("start")
    assert (survey.deadline_text, survey.due_on) == ("Trong vòng 30 ngày kể từ ngày ký", None)
    assert (budget.deadline_text, budget.due_on) == ("Trước ngày 30/6", None)
    assert posts.due_on == dt.date(2026, 12, 31)

    client.force_login(office)
    body = client.get(reverse("intake:review", args=[intake.pk])).content.decode()
    assert body.count("tính theo ngày ban hành văn bản, mà văn bản chưa có ngày ban hành") == 2
    with pytest.raises(ApplicationError, match="tính theo ngày ban hành văn bản"):
        services.candidate_update(actor=office, candidate=budget, deadline_text="trước ngày 30/6")

    services.intake_update_header(actor=office, intake=intake, issued_on=dt.date(2026, 5, 1))
    survey.refresh_from_db()
    budget.refresh_from_db()
    assert (survey.due_on, budget.due_on) == (dt.date(2026, 5, 31), dt.date(2026, 6, 30))
    body = client.get(reverse("intake:review", args=[intake.pk])).content.decode()
    assert "mà văn bản chưa có ngày ban hành" not in body
