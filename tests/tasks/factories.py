"""Factories for task tests: real rows in the test database, no mocks.

Agencies come from the shipped registry (loaded by tests/conftest.py), so factories look
them up by name instead of inventing them.
"""

import datetime as dt
import io

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from theodoi.agencies.models import Agency, Membership
from theodoi.core.roles import role_groups
from theodoi.documents.models import Document
from theodoi.tasks.models import Assignment, ProgressReport, Task, TaskComment
from theodoi.tasks.periods import period_containing

HAI_PHONG = "Ủy ban nhân dân thành phố Hải Phòng"


def agency(name: str) -> Agency:
    return Agency.objects.get(name=name)


class UserFactory(DjangoModelFactory):
    """`UserFactory(role=OFFICER, agency="Bộ Y tế")`: a user in a role group, member of an agency."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(role_groups()[extracted])

    @factory.post_generation
    def agency(user, create, extracted, **kwargs):
        if extracted:
            Membership.objects.create(user=user, agency=agency(extracted))


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    kind = "nghi-quyet"
    number = factory.Sequence(lambda n: f"{n + 100}/NQ-CP")
    title = factory.Sequence(lambda n: f"Văn bản thử {n}")
    text = "Chính phủ yêu cầu các bộ, ngành phối hợp triển khai."
    issued_on = dt.date(2025, 1, 10)


class TaskFactory(DjangoModelFactory):
    """A task; `coordinating=[names]` adds coordinating assignments."""

    class Meta:
        model = Task
        skip_postgeneration_save = True

    document = factory.SubFactory(DocumentFactory)
    title = factory.Sequence(lambda n: f"Nhiệm vụ thử {n}")
    lead_agency = factory.LazyFunction(lambda: agency(HAI_PHONG))
    deadline_text = "Quý IV/2025"
    due_on = dt.date(2025, 12, 31)

    @factory.post_generation
    def coordinating(task, create, extracted, **kwargs):
        for name in extracted or ():
            Assignment.objects.create(task=task, agency=agency(name), role=Assignment.Role.COORDINATING)


class ReportFactory(DjangoModelFactory):
    """A submitted report for the previous quarter, filed by the task's lead agency."""

    class Meta:
        model = ProgressReport

    task = factory.SubFactory(TaskFactory)
    agency = factory.LazyAttribute(lambda o: o.task.lead_agency)
    period_start = factory.LazyFunction(
        lambda: period_containing("quarter", timezone.localdate()).previous().start
    )
    period_end = factory.LazyAttribute(lambda o: period_containing("quarter", o.period_start).end)
    percent_complete = 60
    narrative = "Đã triển khai một phần."
    state = ProgressReport.State.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = TaskComment

    task = factory.SubFactory(TaskFactory)
    body = "Đề nghị đẩy nhanh tiến độ."


# --- task tables -------------------------------------------------------------------------

def xlsx_bytes(rows: list[list], *, title: str = "Phụ lục") -> bytes:
    """An .xlsx workbook whose first sheet holds `rows` (cells may be str, int, date…)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(rows: list[list[str]], *, delimiter: str = ";") -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()
