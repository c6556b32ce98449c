"""The demo programmes load through upload → extraction → stored review → tasks."""

import datetime as dt

import pytest
from django.db import connection

from theodoi.core.search import index_differences, matching
from theodoi.demo.loader import load_demo
from theodoi.demo.portal import DEMO_NOTE_PREFIX
from theodoi.portal import visibility
from theodoi.documents.models import Document
from theodoi.intake.models import Intake
from theodoi.tasks.models import ProgressReport, Task


@pytest.mark.django_db
def test_demo_loads_through_the_intake_path_and_again_adds_nothing():
    first = load_demo(today=dt.date(2026, 11, 23))
    tasks, reports = Task.objects.count(), ProgressReport.objects.count()
    assert first["tasks_created"] == tasks > 200
    assert Intake.objects.filter(state=Intake.State.COMMITTED).count() == 3
    # The public face (theodoi/demo/portal.py): every programme and the documents it
    # carries out published, each accepted report with a public note marked as demo.
    assert visibility.public_tasks().count() == tasks
    assert set(visibility.public_documents()) == set(Document.objects.all())
    notes = list(visibility.public_notes())
    assert len(notes) == ProgressReport.objects.filter(state=ProgressReport.State.ACCEPTED).count() > 0
    assert all(n.public_note.startswith(DEMO_NOTE_PREFIX) for n in notes)
    # The search index followed the load: every demo task is found by its own title.
    assert index_differences(connection, Task._meta.db_table) == 0
    sample = Task.objects.order_by("id")[::50]
    assert all(matching(Task.objects.filter(pk=t.pk), t.title).exists() for t in sample)

    again = load_demo(today=dt.date(2026, 11, 23))
    assert again["tasks_created"] == 0 and again["reports_created"] == 0
    assert (Task.objects.count(), ProgressReport.objects.count()) == (tasks, reports)
    assert Intake.objects.count() == 3


@pytest.mark.django_db
def test_every_demo_task_points_at_its_words():
    load_demo(today=dt.date(2026, 11, 23))
    for task in Task.objects.select_related("document"):
        assert task.source_start is not None, task.title
        assert task.source_excerpt.strip()


@pytest.mark.django_db
def test_demo_programmes_carry_their_reviewed_fields():
    load_demo(today=dt.date(2026, 11, 23))
    hai_phong = Document.objects.get(number="7/NQ-CP")
    assert hai_phong.tasks.count() == 14
    assert hai_phong.tasks.exclude(deadline_text="").count() == 14  # deadlines set in review
    assert {link.target.number for link in hai_phong.outgoing_links.all()} >= {"96-KL/TW"}
    ha_noi = Document.objects.get(number="12/NQ-CP")
    law = ha_noi.tasks.get(title__startswith="Dự án Luật Thủ đô")
    assert law.lead_agency.name == "Bộ Tư pháp" and law.due_on == dt.date(2024, 12, 31)
    assert not ha_noi.tasks.filter(lead_agency=None).exists()
