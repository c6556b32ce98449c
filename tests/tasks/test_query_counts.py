"""Every page renders in a bounded number of queries, however many tasks there are.

Each case renders a page with 10 tasks, grows the data to 1,000 tasks (with progress
reports, coordinating agencies, sub-tasks and comments) and renders it again: the second
rendering may not use more queries than the first. A view that runs one query per row
(an N+1) fails here long before it is slow in production.
"""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import agency
from theodoi.agencies.models import Agency
from theodoi.core.audit import attribute_to
from theodoi.lib.text import search_key
from theodoi.documents.models import Document
from theodoi.tasks.models import (
    Assignment, Domain, ProgressReport, Recurrence, ReportEvidence, Task, TaskComment,
)
from theodoi.tasks.periods import period_containing
from theodoi.tasks.services import report_accept, report_return, report_submit, task_update
from theodoi.tasks.status import settle_all

SMALL, LARGE = 10, 1_000
CITY = "Ủy ban nhân dân thành phố Hải Phòng"
TITLES = [
    "Hoàn thiện hạ tầng giao thông liên vùng",
    "Xây dựng chính quyền số, đô thị thông minh",
    "Phát triển cảng biển và dịch vụ logistics",
    "Cải cách thủ tục hành chính, thu hút đầu tư",
    "Bảo vệ môi trường biển, ứng phó biến đổi khí hậu",
    "Triển khai nhiệm vụ trọng tâm về chuyển đổi số",
]


class World:
    """Tasks of one document, grown in bulk; `focus` is the task whose detail page is measured."""

    def __init__(self, document: Document, author) -> None:
        self.document = document
        self.author = author
        self.city = agency(CITY)
        self.agencies = list(Agency.objects.filter(dissolved_on__isnull=True).exclude(pk=self.city.pk)
                             .order_by("id")[:30])
        self.today = timezone.localdate()
        self.count = 0
        self.focus = attribute_to(Task(
            document=document, title="Nhiệm vụ trọng tâm về hạ tầng", lead_agency=self.city,
            due_on=self.today - dt.timedelta(days=30), source_start=0, source_end=20,
        ), author)
        self.focus.save()
        self.other_document = Document.objects.create(kind="ke-hoach", number="99/KH-UBND", title="Kế hoạch khác")

    def grow_to(self, total: int) -> None:
        """Add tasks (and their reports, assignments, comments) until there are `total`."""
        new = total - Task.objects.count()
        if new <= 0:
            return
        rng = random.Random(self.count)  # varied but reproducible
        created_at = timezone.now() - dt.timedelta(days=800)
        tasks = []
        for i in range(self.count, self.count + new):
            title = f"{rng.choice(TITLES)} (đợt {i})"
            lead = self.city if rng.random() < 0.35 else rng.choice(self.agencies)
            due = self.today + dt.timedelta(days=rng.randint(-300, 300))
            done = rng.random() < 0.2
            tasks.append(Task(
                document=self.document if rng.random() < 0.75 else self.other_document,
                parent=self.focus if i % 10 == 0 else None,
                row_key=f"r{i}", title=title, search_text=search_key(title), domain=rng.choice(Domain.values),
                lead_agency=lead, due_on=due, recurrence=rng.choice(Recurrence.values),
                completed_on=due + dt.timedelta(days=rng.randint(-30, 30)) if done else None,
                deadline_text=f"{due:%d/%m/%Y}", weight=rng.randint(0, 4) or None, created_by=self.author,
            ))
        self.count += new
        tasks = Task.objects.bulk_create(tasks)
        Task.objects.filter(pk__in=[t.pk for t in tasks]).update(created_at=created_at)

        quarter = period_containing("quarter", self.today)
        assignments, reports = [], []
        for n, task in enumerate(tasks):
            for k in range(1 + n % 3):
                coordinating = self.agencies[(n + 7 * k + 1) % len(self.agencies)]
                if coordinating.pk != task.lead_agency_id:
                    assignments.append(Assignment(task=task, agency=coordinating,
                                                  role=Assignment.Role.COORDINATING))
            if n % 5 == 0:
                assignments.append(Assignment(task=task, agency=self.city, role=Assignment.Role.COORDINATING))
            period = quarter
            for k in range(n % 3):
                period = period.previous()
                reports.append(ProgressReport(
                    task=task, agency_id=task.lead_agency_id, author=self.author,
                    period_start=period.start, period_end=period.end, percent_complete=(n * 7 + k) % 101,
                    narrative="Đã triển khai theo kế hoạch.", state=ProgressReport.State.values[(n + k) % 4],
                    submitted_at=timezone.now(),
                ))
        Assignment.objects.bulk_create(assignments, ignore_conflicts=True)
        ProgressReport.objects.bulk_create(reports)

        # The focus task's own page grows too: more reports (one per agency), evidence, comments.
        focus_reports = ProgressReport.objects.bulk_create([
            ProgressReport(task=self.focus, agency=a, author=self.author, period_start=quarter.start,
                           period_end=quarter.end, percent_complete=50, narrative="Báo cáo phối hợp.",
                           submitted_at=timezone.now())
            for a in self.agencies if not ProgressReport.objects.filter(task=self.focus, agency=a).exists()
        ][: max(1, new // 100)])
        ReportEvidence.objects.bulk_create([
            ReportEvidence(report=r, file=f"evidence/{self.focus.pk}/bien-ban-{r.pk}.pdf",
                           original_name=f"Biên bản {r.pk}.pdf", uploaded_by=self.author)
            for r in focus_reports
        ])
        Assignment.objects.bulk_create(
            [Assignment(task=self.focus, agency=a, role=Assignment.Role.COORDINATING)
             for a in self.agencies[: max(1, new // 50)]],
            ignore_conflicts=True,
        )
        TaskComment.objects.bulk_create([
            TaskComment(task=self.focus, author=self.author, body=f"Ý kiến chỉ đạo số {i}")
            for i in range(max(1, new // 20))
        ])
        # Bulk loads bypass the services: settle what they wrote, as `settle_status --all`
        # does after a load by hand (pages settle only what the passing days change).
        settle_all()


def _count(client, url: str) -> int:
    return _get(client, url)[0]


def _get(client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return len(queries), response


PAGES = {
    "dashboard": lambda w: reverse("tasks:dashboard"),
    "list": lambda w: reverse("tasks:list"),
    "list-page-2": lambda w: reverse("tasks:list") + "?page=2",
    "list-search": lambda w: reverse("tasks:list") + "?q=h%E1%BA%A1+t%E1%BA%A7ng",  # "hạ tầng"
    "list-status": lambda w: reverse("tasks:list") + "?status=open_overdue",
    "list-filters": lambda w: reverse("tasks:list") + (
        f"?q=trong+tam&status=open_overdue&agency={w.city.pk}&document={w.document.pk}"
        "&due_from=01/01/2020&due_to=31/12/2035&sort=agency"
    ),
    "detail": lambda w: reverse("tasks:detail", args=[w.focus.pk]),
    "document": lambda w: reverse("tasks:document", args=[w.document.pk]),
    "import": lambda w: reverse("tasks:import", args=[w.document.pk]),
}


@pytest.mark.parametrize("page", PAGES)
def test_office_pages_do_not_grow_with_data(client, office, document, page):
    world = World(document, office)
    client.force_login(office)
    url = PAGES[page](world)
    world.grow_to(SMALL)
    client.get(url)  # warm caches (content types, sessions) so both counts are like for like
    small, response = _get(client, url)
    if page.startswith("list"):  # rows at both sizes (the focus task matches every filter), or
        assert response.context["rows"], f"{page}: no rows"  # the row queries would be skipped

    world.grow_to(LARGE)
    assert Task.objects.count() == LARGE
    large, response = _get(client, url)
    assert large <= small, f"{page}: {small} queries with {SMALL} tasks, {large} with {LARGE}"
    if page.startswith("list"):
        assert len(response.context["rows"]) > 1, f"{page}: too few rows"


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx-partial"])
def test_task_list_partial_does_not_grow(client, office, document, htmx):
    world = World(document, office)
    client.force_login(office)
    headers = {"HX-Request": "true"} if htmx else {}
    url = reverse("tasks:list") + "?status=open_overdue&sort=recent"  # the focus task is overdue
    world.grow_to(SMALL)
    client.get(url, headers=headers)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, headers=headers)
        assert response.status_code == 200
        return len(queries)

    small = count()
    world.grow_to(LARGE)
    assert count() <= small


@pytest.mark.parametrize("page", ["mine", "detail", "dashboard"])
def test_officer_pages_do_not_grow_with_data(client, officer, office, document, page):
    world = World(document, office)
    client.force_login(officer)
    url = {
        "mine": reverse("tasks:mine"),
        "detail": reverse("tasks:detail", args=[world.focus.pk]),
        "dashboard": reverse("tasks:dashboard"),
    }[page]
    world.grow_to(SMALL)
    client.get(url)
    small = _count(client, url)
    world.grow_to(LARGE)
    mine = Task.objects.filter(lead_agency=world.city).count()
    assert mine > 300  # the officer's list really did grow
    large = _count(client, url)
    assert large <= small, f"{page}: {small} queries with {SMALL} tasks, {large} with {LARGE}"


def test_my_tasks_lists_every_task_of_the_agency(client, officer, office, document):
    """The bound above is not met by leaving rows out."""
    world = World(document, office)
    world.grow_to(LARGE)
    client.force_login(officer)
    expected = set(Task.objects.filter(lead_agency=world.city).values_list("pk", flat=True)) | set(
        Task.objects.filter(assignments__agency=world.city).values_list("pk", flat=True))
    listed, page = [], 1
    while True:  # page after page, every task of the agency exactly once
        response = client.get(reverse("tasks:mine") + f"?page={page}")
        listed += [task.pk for task, _ in response.context["rows"]]
        if not response.context["page"].has_next():
            break
        page += 1
    assert page > 1 and sorted(listed) == sorted(expected)
    assert response.context["page"].paginator.count == len(expected)


def test_task_detail_does_not_grow_with_its_history(client, office, document):
    """The change history on a task's page: reports sent, accepted, returned; fields edited."""
    world = World(document, office)
    agencies = iter(world.agencies)
    quarter = period_containing("quarter", world.today)

    def add_history(n: int) -> None:
        for _ in range(n):
            a = next(agencies)
            report = report_submit(actor=office, task=world.focus, period=quarter, agency=a,
                                   percent_complete=40, narrative="Đang thực hiện.")
            if a.pk % 2:
                report_accept(actor=office, report=report)
            else:
                report_return(actor=office, report=report, reason="Bổ sung số liệu.")
            task_update(actor=office, task=world.focus, lead_agency=a, coordinating=[world.city])

    url = reverse("tasks:detail", args=[world.focus.pk])
    client.force_login(office)
    add_history(2)
    client.get(url)
    small = _count(client, url)
    add_history(20)
    large = _count(client, url)
    assert large <= small, f"{small} queries with 2 reviewed reports, {large} with 22"
