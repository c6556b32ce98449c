"""Who may do what: every role × every action, over HTTP and at the service layer.

A refusal must be a refusal a person sees (403, or the login page for the anonymous
visitor) and must leave the database exactly as it was.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from theodoi.core.exceptions import ActionNotPermitted
from theodoi.core.roles import LEADER, OFFICE, OFFICER
from theodoi.tasks import services
from theodoi.tasks.importing import import_task_rows
from theodoi.tasks.models import Assignment, ProgressReport, ReportEvidence, Task, TaskComment
from theodoi.tasks.periods import period_containing
from tests.tasks.factories import HAI_PHONG, ReportFactory, TaskFactory, UserFactory, agency

LEGACY_LEAD = "Bộ Kế hoạch và Đầu tư"  # dissolved 01/03/2025, succeeded by Bộ Tài chính
COORDINATOR = "Bộ Xây dựng"

# role → (group, agency of the user's membership)
ROLES = {
    "anonymous": None,
    "plain": (None, None),
    "office": (OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng"),
    "leader": (LEADER, HAI_PHONG),  # leader *of the lead agency*: still may not report
    "lead_officer": (OFFICER, HAI_PHONG),
    "unrelated_officer": (OFFICER, "Bộ Y tế"),
    "successor_officer": (OFFICER, "Bộ Tài chính"),  # acts on the task led by LEGACY_LEAD
    "coordinating_officer": (OFFICER, COORDINATOR),
}
STAFF = {"office", "leader", "lead_officer", "unrelated_officer", "successor_officer", "coordinating_officer"}
REPORTERS = {"office", "lead_officer", "successor_officer", "coordinating_officer"}

# The single statement of the permission model these tests hold the application to.
ALLOWED = {
    "view": STAFF,
    "create": {"office"},
    "edit": {"office"},
    "report": REPORTERS,
    "accept": {"office"},
    "return": {"office"},
    "import": {"office"},
    "delete": {"office"},
    "comment": {"office", "leader"},
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    role: str
    user: object  # a saved user, or AnonymousUser
    task: Task  # the task this role is tested against

    @property
    def document(self):
        return self.task.document


@pytest.fixture
def world(request, document) -> World:
    """Two tasks of one document: one led by the city (Bộ Xây dựng coordinating), one led
    by a dissolved ministry. The successor's officer is tested on the latter."""
    role = request.param
    city_task = TaskFactory(document=document, title="Hoàn thiện hạ tầng giao thông liên vùng",
                            coordinating=[COORDINATOR])
    legacy_task = TaskFactory(document=document, title="Thu hút đầu tư", lead_agency=agency(LEGACY_LEAD))
    if role == "anonymous":
        user = AnonymousUser()
    else:
        group, agency_name = ROLES[role]
        user = UserFactory(username=role, role=group, agency=agency_name)
    return World(role, user, legacy_task if role == "successor_officer" else city_task)


def roles_for(action: str):
    """(role, allowed) parameters, with readable ids like `edit-office-allowed`."""
    return [
        pytest.param(role, role in ALLOWED[action], id=f"{role}-{'allowed' if role in ALLOWED[action] else 'refused'}")
        for role in ROLES
    ]


def database_state() -> dict:
    """Everything a write could touch, including the audit trail."""
    return {
        "tasks": list(Task.objects.order_by("pk").values()),
        "assignments": list(Assignment.objects.order_by("pk").values()),
        "reports": list(ProgressReport.objects.order_by("pk").values()),
        "evidence": ReportEvidence.objects.count(),
        "comments": list(TaskComment.objects.order_by("pk").values()),
        "history": [Task.history.count(), Assignment.history.count(),
                    ProgressReport.history.count(), TaskComment.history.count()],
    }


def current_period():
    return period_containing("quarter", timezone.localdate())


IMPORT_ROWS = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Xây dựng chính quyền số", "UBND TP Hải Phòng", "Bộ Công an", "Quý III/2025"],
]
IMPORT_CSV = "\n".join(",".join(row) for row in IMPORT_ROWS).encode("utf-8")


# --- HTTP: reading pages ------------------------------------------------------------------

PAGES = {
    "dashboard": lambda w: reverse("tasks:dashboard"),
    "task_list": lambda w: reverse("tasks:list"),
    "task_detail": lambda w: reverse("tasks:detail", args=[w.task.pk]),
    "document_detail": lambda w: reverse("tasks:document", args=[w.document.pk]),
}


def assert_sent_to_login(response, url: str) -> None:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("login")
    assert parse_qs(location.query)["next"] == [url]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("world, allowed", roles_for("view"), indirect=["world"])
def test_view_pages(client, world, allowed, page):
    url = PAGES[page](world)
    if world.role != "anonymous":
        client.force_login(world.user)
    response = client.get(url)
    if world.role == "anonymous":
        assert_sent_to_login(response, url)
    elif allowed:
        assert response.status_code == 200
        if page in ("task_detail", "document_detail", "task_list"):
            assert world.task.title in response.content.decode()
    else:
        assert response.status_code == 403
        assert world.task.title not in response.content.decode()


# --- HTTP: writes -------------------------------------------------------------------------

@dataclass
class HttpAction:
    """How to perform an action in the browser and how to see that it took effect."""

    url: callable
    data: callable = lambda w: {}
    method: str = "post"
    prepare: callable = lambda w: None  # rows the action needs (e.g. a report to review)
    effect: callable = lambda w, target: None  # asserts the change after an allowed request
    success_status: int = 302
    # Users with no role are refused like everyone else without the right (403).
    plain_status: int = 403


def _edit_data(world):
    task = world.task
    return {
        "title": "Tên đã sửa qua biểu mẫu", "description": "", "domain": task.domain,
        "lead_agency": task.lead_agency_id, "output": "", "deadline_text": "Quý I/2026",
        "due_on": "31/03/2026", "recurrence": "once", "completed_on": "", "weight": "",
        "coordinating": [agency("Bộ Công an").pk], "version": "",
    }


def _edit_effect(world, _):
    task = Task.objects.get(pk=world.task.pk)
    assert task.title == "Tên đã sửa qua biểu mẫu"
    assert task.due_on == dt.date(2026, 3, 31)
    assert [a.agency.name for a in task.assignments.all()] == ["Bộ Công an"]
    assert task.history.first().history_user == world.user


def expected_reporting_agency(world):
    """An officer reports as today's own agency (the successor as itself, not as the body it
    took over); the office, which neither leads nor coordinates, files for the lead agency."""
    return world.task.lead_agency if world.role == "office" else world.user.membership.agency


def _report_effect(world, _):
    report = ProgressReport.objects.get(narrative="Đã hoàn thành khảo sát hiện trạng.")
    assert report.task == world.task
    assert report.state == ProgressReport.State.SUBMITTED
    assert report.author == world.user
    assert report.agency == expected_reporting_agency(world)


def _with_report(world, **fields):
    world.report = ReportFactory(task=world.task, **fields)


def _assert_report_state(world, state):
    world.report.refresh_from_db()
    assert world.report.state == state
    assert world.report.reviewed_by == world.user


def _assert_imported(world, *_):
    task = Task.objects.get(document=world.document, row_key="1")
    assert task.title == "Xây dựng chính quyền số"
    assert task.created_by == world.user
    assert [a.agency.name for a in task.assignments.all()] == ["Bộ Công an"]


def _assert_deleted(world, response=None):
    assert not Task.objects.filter(pk=world.task.pk).exists()
    assert not Assignment.objects.filter(task_id=world.task.pk).exists()
    if response is not None:
        assert response["Location"] == reverse("tasks:document", args=[world.document.pk])


def _assert_commented(world, *_):
    comment = TaskComment.objects.get(task=world.task)
    assert comment.body == "Khẩn trương hoàn thành trong quý."
    assert comment.author == world.user


HTTP_ACTIONS = {
    "edit": HttpAction(
        url=lambda w: reverse("tasks:edit", args=[w.task.pk]), data=_edit_data, effect=_edit_effect,
    ),
    "edit_form": HttpAction(
        url=lambda w: reverse("tasks:edit", args=[w.task.pk]), method="get", success_status=200,
    ),
    "report": HttpAction(
        url=lambda w: reverse("tasks:report", args=[w.task.pk]),
        data=lambda w: {"period": current_period().key, "percent_complete": "30",
                        "narrative": "Đã hoàn thành khảo sát hiện trạng."},
        effect=_report_effect,
    ),
    "accept": HttpAction(
        url=lambda w: reverse("tasks:report_accept", args=[w.report.pk]),
        prepare=_with_report,
        effect=lambda w, _: _assert_report_state(w, ProgressReport.State.ACCEPTED),
        plain_status=403,  # reports are looked up without the task visibility filter
    ),
    "return": HttpAction(
        url=lambda w: reverse("tasks:report_return", args=[w.report.pk]),
        data=lambda w: {"reason": "Thiếu số liệu giải ngân."},
        prepare=_with_report,
        effect=lambda w, _: _assert_report_state(w, ProgressReport.State.RETURNED),
        plain_status=403,
    ),
    "import_form": HttpAction(
        url=lambda w: reverse("tasks:import", args=[w.document.pk]), method="get", success_status=200,
    ),
    "import": HttpAction(
        url=lambda w: reverse("tasks:import", args=[w.document.pk]),
        data=lambda w: {"file": SimpleUploadedFile("bang.csv", IMPORT_CSV, content_type="text/csv")},
        effect=_assert_imported,
    ),
    "delete": HttpAction(url=lambda w: reverse("tasks:delete", args=[w.task.pk]), effect=_assert_deleted),
    "comment": HttpAction(
        url=lambda w: reverse("tasks:comment", args=[w.task.pk]),
        data=lambda w: {"kind": "direction", "body": "Khẩn trương hoàn thành trong quý."},
        effect=_assert_commented,
    ),
}
# Which permission of ALLOWED each browser action exercises.
HTTP_PERMISSION = {"edit": "edit", "edit_form": "edit", "report": "report", "accept": "accept",
                   "return": "return", "import_form": "import", "import": "import", "delete": "delete",
                   "comment": "comment"}


@pytest.mark.django_db
@pytest.mark.parametrize("world, role, name, allowed", [
    pytest.param(role, role, name, role in ALLOWED[HTTP_PERMISSION[name]],
                 id=f"{name}-{role}-{'allowed' if role in ALLOWED[HTTP_PERMISSION[name]] else 'refused'}")
    for name in HTTP_ACTIONS for role in ROLES
], indirect=["world"])
def test_http_writes(client, world, role, name, allowed):
    action = HTTP_ACTIONS[name]
    action.prepare(world)
    url = action.url(world)
    if role != "anonymous":
        client.force_login(world.user)
    before = database_state()

    response = getattr(client, action.method)(url, action.data(world))

    if allowed:
        assert response.status_code == action.success_status, response.content.decode()[:2000]
        if action.success_status == 302:
            assert not response["Location"].startswith(reverse("login"))
        action.effect(world, response)
        return
    if role == "anonymous":
        assert_sent_to_login(response, url)
    elif role == "plain":
        assert response.status_code == action.plain_status
    else:
        assert response.status_code == 403
        assert "Không có quyền" in response.content.decode()
    assert database_state() == before


def test_http_matrix_covers_every_action():
    assert set(HTTP_PERMISSION.values()) == set(ALLOWED) - {"view", "create"}


# --- Services -----------------------------------------------------------------------------

def _create(world):
    return services.task_create(actor=world.user, document=world.document, title="Nhiệm vụ mới",
                                lead_agency=agency(HAI_PHONG), coordinating=[agency("Bộ Y tế")])


def _create_effect(world, task):
    task = Task.objects.get(pk=task.pk, title="Nhiệm vụ mới")
    assert [a.agency.name for a in task.assignments.all()] == ["Bộ Y tế"]
    assert task.history.get().history_user == world.user


def _update(world):
    return services.task_update(actor=world.user, task=world.task, title="Tên mới", coordinating=[],
                                reason="Điều chỉnh")


def _update_effect(world, _):
    task = Task.objects.get(pk=world.task.pk)
    assert task.title == "Tên mới"
    assert not task.assignments.exists()
    assert task.history.first().history_change_reason == "Điều chỉnh"


def _report(world):
    return services.report_submit(actor=world.user, task=world.task, period=current_period(),
                                  percent_complete=50, narrative="Đã ban hành kế hoạch.")


def _report_service_effect(world, report):
    report.refresh_from_db()
    assert report.task == world.task and report.author == world.user
    assert report.agency == expected_reporting_agency(world)


def _assert_accepted_and_completed(world, _):
    _assert_report_state(world, ProgressReport.State.ACCEPTED)
    # a 100 % report, once accepted, completes a one-off task
    assert Task.objects.get(pk=world.task.pk).completed_on == timezone.localdate()


def _assert_import_result(world, result):
    assert (result.created, result.updated) == (1, 0)
    _assert_imported(world)


# action → (prepare, perform, assert the effect)
SERVICE_ACTIONS = {
    "create": (None, _create, _create_effect),
    "edit": (None, _update, _update_effect),
    "report": (None, _report, _report_service_effect),
    "accept": (
        lambda w: _with_report(w, percent_complete=100),
        lambda w: services.report_accept(actor=w.user, report=w.report),
        _assert_accepted_and_completed,
    ),
    "return": (
        _with_report,
        lambda w: services.report_return(actor=w.user, report=w.report, reason="Bổ sung minh chứng."),
        lambda w, _: _assert_report_state(w, ProgressReport.State.RETURNED),
    ),
    "import": (
        None,
        lambda w: import_task_rows(actor=w.user, document=w.document, rows=IMPORT_ROWS, source_name="bang.csv"),
        _assert_import_result,
    ),
    "delete": (None, lambda w: services.task_delete(actor=w.user, task=w.task), _assert_deleted),
    "comment": (
        None,
        lambda w: services.comment_add(actor=w.user, task=w.task, body="Khẩn trương hoàn thành trong quý."),
        _assert_commented,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", SERVICE_ACTIONS)
@pytest.mark.parametrize("world, role", [pytest.param(r, r, id=r) for r in ROLES], indirect=["world"])
def test_services(world, role, action):
    prepare, perform, effect = SERVICE_ACTIONS[action]
    if prepare:
        prepare(world)
    before = database_state()
    if role in ALLOWED[action]:
        effect(world, perform(world))
    else:
        with pytest.raises(ActionNotPermitted):
            perform(world)
        assert database_state() == before


def test_service_matrix_covers_every_action():
    assert set(SERVICE_ACTIONS) == set(ALLOWED) - {"view"}


def test_refusal_is_a_permission_denied():
    from django.core.exceptions import PermissionDenied

    assert issubclass(ActionNotPermitted, PermissionDenied)


# --- The screen offers only what the user may do ------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("world", [r for r in ROLES if r in STAFF], indirect=True)
def test_task_page_offers_only_permitted_actions(client, world):
    client.force_login(world.user)
    response = client.get(reverse("tasks:detail", args=[world.task.pk]))
    context = response.context
    assert context["can_report"] == (world.role in ALLOWED["report"])
    assert context["can_review"] == (world.role in ALLOWED["accept"])
    assert context["can_comment"] == (world.role in ALLOWED["comment"])
    assert context["can_edit"] == (world.role in ALLOWED["edit"])
    page = response.content.decode()
    assert (reverse("tasks:edit", args=[world.task.pk]) in page) == (world.role in ALLOWED["edit"])
    document_page = client.get(reverse("tasks:document", args=[world.document.pk]))
    assert document_page.context["can_import"] == (world.role in ALLOWED["import"])


@pytest.mark.django_db
def test_unrelated_officer_may_not_report_on_either_task(document):
    """Bộ Y tế neither leads, coordinates nor succeeded anyone on these tasks."""
    officer = UserFactory(username="yte", role=OFFICER, agency="Bộ Y tế")
    tasks = [TaskFactory(document=document, coordinating=[COORDINATOR]),
             TaskFactory(document=document, lead_agency=agency(LEGACY_LEAD))]
    for task in tasks:
        with pytest.raises(ActionNotPermitted):
            services.report_submit(actor=officer, task=task, period=current_period(),
                                   percent_complete=10, narrative="x")
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_successor_of_a_merged_department_may_report_on_its_tasks(document):
    """Sở Văn hóa, Thể thao và Du lịch took over Sở Du lịch; a task led by Sở Du lịch is theirs."""
    officer = UserFactory(username="svhttdl", role=OFFICER,
                          agency="Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng")
    task = TaskFactory(document=document, lead_agency=agency("Sở Du lịch thành phố Hải Phòng"))
    report = services.report_submit(actor=officer, task=task, period=current_period(),
                                    percent_complete=10, narrative="Đã xây dựng kế hoạch.")
    assert report.agency.name == "Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng"
    # A department that took over some other dissolved body does not gain the task.
    other = UserFactory(username="syte", role=OFFICER, agency="Sở Y tế thành phố Hải Phòng")
    with pytest.raises(ActionNotPermitted):
        services.report_submit(actor=other, task=task, period=current_period(),
                               percent_complete=10, narrative="x")
