"""Who sees an agency's working papers: role × object, on the task page, the evidence
download and the selector.

Accepted reports are for every staff user; unaccepted reports (draft, submitted, returned)
and every evidence file only for the office, leaders and officers of the task's lead and
coordinating agencies or of the bodies that succeeded them.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.tasks.factories import HAI_PHONG, ReportFactory, TaskFactory, UserFactory, agency
from theodoi.core.roles import LEADER, OFFICE, OFFICER
from theodoi.tasks import selectors
from theodoi.tasks.models import ProgressReport, ReportEvidence, Task
from theodoi.tasks.periods import period_containing

LEGACY_LEAD = "Bộ Kế hoạch và Đầu tư"  # dissolved in 2025; Bộ Tài chính took it over
COORDINATOR = "Bộ Xây dựng"

ROLES = {
    "anonymous": None,
    "no_role": (None, HAI_PHONG),  # a member of the lead agency without a role
    "office": (OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng"),
    "leader": (LEADER, "Bộ Y tế"),  # a leader sees everything, whatever their agency
    "lead_officer": (OFFICER, HAI_PHONG),
    "coordinating_officer": (OFFICER, COORDINATOR),
    "successor_officer": (OFFICER, "Bộ Tài chính"),
    "unrelated_officer": (OFFICER, "Bộ Y tế"),
}
# The single statement of the rule these tests hold the application to.
SEES_INTERNALS = {"office", "leader", "lead_officer", "coordinating_officer", "successor_officer"}
STAFF = set(ROLES) - {"anonymous", "no_role"}

UNACCEPTED = (ProgressReport.State.DRAFT, ProgressReport.State.SUBMITTED, ProgressReport.State.RETURNED)


@dataclass
class Papers:
    role: str
    user: object
    task: Task
    accepted: ProgressReport
    unaccepted: list[ProgressReport] = field(default_factory=list)
    evidence: list[ReportEvidence] = field(default_factory=list)  # of accepted and unaccepted reports


def _evidence(report: ProgressReport, name: str) -> ReportEvidence:
    item = ReportEvidence(report=report, original_name=name)
    item.file.save(name, ContentFile(b"%PDF-1.4 " + name.encode()), save=False)
    item.save()
    return item


@pytest.fixture
def papers(request, document) -> Papers:
    """A task led by the city with Bộ Xây dựng coordinating (or, for the successor's
    officer, a task led by the dissolved ministry), with an accepted report, one report in
    each unaccepted state (of different periods) and an evidence file on each kind."""
    role = request.param
    if role == "successor_officer":
        task = TaskFactory(document=document, title="Thu hút đầu tư", lead_agency=agency(LEGACY_LEAD))
    else:
        task = TaskFactory(document=document, title="Hạ tầng giao thông", coordinating=[COORDINATOR])
    accepted = ReportFactory(task=task, state=ProgressReport.State.ACCEPTED, narrative="Báo cáo đã tiếp nhận")
    unaccepted = []
    period = period_containing("quarter", accepted.period_start)
    for state in UNACCEPTED:  # one report per earlier quarter, one in each state
        period = period.previous()
        unaccepted.append(ReportFactory(task=task, state=state, narrative=f"Báo cáo {state}",
                                        period_start=period.start, period_end=period.end))
    evidence = [_evidence(accepted, "minh-chung-tiep-nhan.pdf"), _evidence(unaccepted[1], "minh-chung-cho.pdf")]
    if role == "anonymous":
        user = AnonymousUser()
    else:
        group, agency_name = ROLES[role]
        user = UserFactory(username=role, role=group, agency=agency_name)
    return Papers(role, user, task, accepted, unaccepted, evidence)


def each_role():
    return [pytest.param(role, id=role) for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize("papers", each_role(), indirect=True)
def test_selector(papers):
    if papers.role == "anonymous":
        shown = list(selectors.reports_for_task(user=papers.user, task=papers.task))
        assert shown == [papers.accepted] and not shown[0].evidence.all()
        return
    shown = {r.pk: r for r in selectors.reports_for_task(user=papers.user, task=papers.task)}
    sees = papers.role in SEES_INTERNALS
    assert papers.accepted.pk in shown
    for report in papers.unaccepted:
        assert (report.pk in shown) == sees, report.state
    files = {e.pk for r in shown.values() for e in r.evidence.all()}
    assert files == ({e.pk for e in papers.evidence} if sees else set())
    assert selectors.may_see_report_internals(user=papers.user, task=papers.task) == sees


@pytest.mark.django_db
@pytest.mark.parametrize("papers", each_role(), indirect=True)
def test_task_page(client, papers):
    url = reverse("tasks:detail", args=[papers.task.pk])
    if papers.role != "anonymous":
        client.force_login(papers.user)
    response = client.get(url)
    if papers.role == "anonymous":
        assert urlsplit(response["Location"]).path == reverse("login")
        return
    if papers.role not in STAFF:
        assert response.status_code == 403
        assert "Báo cáo đã tiếp nhận" not in response.content.decode()
        return
    page = response.content.decode()
    sees = papers.role in SEES_INTERNALS
    assert "Báo cáo đã tiếp nhận" in page
    for report in papers.unaccepted:
        assert (report.narrative in page) == sees, report.state
    for item in papers.evidence:
        assert (reverse("tasks:evidence", args=[item.pk]) in page) == sees
        assert (item.original_name in page) == sees


@pytest.mark.django_db
@pytest.mark.parametrize("papers", each_role(), indirect=True)
def test_evidence_download(client, papers):
    if papers.role != "anonymous":
        client.force_login(papers.user)
    for item in papers.evidence:
        url = reverse("tasks:evidence", args=[item.pk])
        response = client.get(url)
        if papers.role == "anonymous":
            assert urlsplit(response["Location"]).path == reverse("login")
        elif papers.role in SEES_INTERNALS:
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == b"%PDF-1.4 " + item.original_name.encode()
        else:
            assert response.status_code == 403
            assert b"%PDF" not in response.content


@pytest.mark.django_db
def test_a_missing_evidence_file_is_a_404_not_a_500(client, office):
    client.force_login(office)
    assert client.get(reverse("tasks:evidence", args=[987654])).status_code == 404


@pytest.mark.django_db
def test_successor_does_not_see_papers_of_a_task_it_did_not_take_over(document):
    """Bộ Tài chính took over Bộ Kế hoạch và Đầu tư, not the city: the city's task stays closed."""
    task = TaskFactory(document=document, coordinating=[COORDINATOR])
    report = ReportFactory(task=task, state=ProgressReport.State.SUBMITTED)
    officer = UserFactory(username="btc", role=OFFICER, agency="Bộ Tài chính")
    assert report not in selectors.reports_for_task(user=officer, task=task)


@pytest.mark.django_db
@pytest.mark.parametrize("papers", each_role(), indirect=True)
def test_set_selectors_agree_with_the_rule(papers):
    """`reports_visible_to` and `internals_visible_task_ids` (the API's lists) give, for all
    tasks at once, what the rule gives task by task; with another task beside it that the
    user's agency is not on, whose unaccepted report stays hidden from officers."""
    other = TaskFactory(document=papers.task.document, lead_agency=agency("Bộ Công an"))
    other_submitted = ReportFactory(task=other, agency=agency("Bộ Công an"), state=ProgressReport.State.SUBMITTED)
    listed = set(selectors.reports_visible_to(user=papers.user).values_list("pk", flat=True))
    internals = selectors.internals_visible_task_ids(user=papers.user, task_ids=[papers.task.pk, other.pk])
    if papers.role not in STAFF:  # the public and role-less accounts see no task here
        assert listed == set() and internals == set()
        return
    expected = {r.pk for t in (papers.task, other) for r in selectors.reports_for_task(user=papers.user, task=t)}
    assert listed == expected
    assert internals == {t.pk for t in (papers.task, other)
                         if selectors.may_see_report_internals(user=papers.user, task=t)}
    assert (other_submitted.pk in listed) == (papers.role in {"office", "leader"})
