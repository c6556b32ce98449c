"""The office publishes from its own pages; nobody else can."""

from django.urls import reverse

from tests.public_markers import MARKERS
from theodoi.portal import visibility
from theodoi.tasks.models import ProgressReport


def test_office_publishes_and_unpublishes_a_task_from_its_page(client, public_world):
    w = public_world
    client.force_login(w.office)
    page = client.get(reverse("tasks:detail", args=[w.hidden_task.pk]))
    assert "Công khai nhiệm vụ" in page.content.decode()
    client.post(reverse("tasks:publish", args=[w.hidden_task.pk]), {"published": "1"})
    assert visibility.public_tasks().filter(pk=w.hidden_task.pk).exists()
    client.post(reverse("tasks:publish", args=[w.hidden_task.pk]), {"published": "0"})
    assert not visibility.public_tasks().filter(pk=w.hidden_task.pk).exists()
    reasons = list(w.hidden_task.history.values_list("history_change_reason", flat=True))
    assert "Công khai" in reasons and "Thôi công khai" in reasons


def test_office_publishes_a_document(client, public_world):
    w = public_world
    client.force_login(w.office)
    client.post(reverse("tasks:document_publish", args=[w.hidden_document.pk]), {"published": "1"})
    assert visibility.public_documents().filter(pk=w.hidden_document.pk).exists()


def test_officer_cannot_publish(client, public_world):
    w = public_world
    client.force_login(w.officer)
    assert client.post(reverse("tasks:publish", args=[w.hidden_task.pk]), {"published": "1"}).status_code == 403
    assert client.post(reverse("tasks:document_publish", args=[w.hidden_document.pk]),
                       {"published": "1"}).status_code == 403
    assert client.post(reverse("tasks:report_public", args=[w.public_note.pk]),
                       {"public_note": "x"}).status_code == 403
    assert not visibility.public_tasks().filter(pk=w.hidden_task.pk).exists()


def test_office_accepts_with_a_public_note_and_edits_it(client, public_world):
    w = public_world
    client.force_login(w.office)
    submitted = ProgressReport.objects.get(narrative=MARKERS["submitted_report"])
    client.post(reverse("tasks:report_accept", args=[submitted.pk]), {"public_note": "Đã xong khảo sát."})
    assert visibility.public_notes().get(pk=submitted.pk).public_note == "Đã xong khảo sát."
    client.post(reverse("tasks:report_public", args=[submitted.pk]), {"public_note": ""})
    assert not visibility.public_notes().filter(pk=submitted.pk).exists()
