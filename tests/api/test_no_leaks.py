"""Acceptance 1 for the API: with a database holding every kind of non-public data (the
portal's marker seeding, tests/public_markers.py), each documented endpoint — details of
every object, lists with their filters, downloads, files — answers an anonymous caller with
none of the markers, and with the public data beside them."""

import pytest

from tests.api.conftest import INDICATOR_MARKERS, client_for, seed_indicators
from tests.api.endpoints import body_text, urls
from tests.public_markers import MARKERS, PUBLIC_NOTE, PUBLIC_TITLE, PUBLISHED_EVIDENCE, assert_no_markers
from theodoi.indicators.models import Indicator
from theodoi.tasks.models import ReportEvidence


def ids(world) -> dict[str, list[int]]:
    return {
        "/api/v1/tasks/": [world.task.pk, world.other_public_task.pk, world.hidden_task.pk,
                           world.hidden_document.tasks.get().pk],
        "/api/v1/documents/": [world.document.pk, world.hidden_document.pk],
        "/api/v1/agencies/": [world.task.lead_agency_id],
        "/api/v1/evidence/": list(ReportEvidence.objects.values_list("pk", flat=True)),
        "/api/v1/indicators/": list(Indicator.objects.values_list("pk", flat=True)),
    }


def queries(world) -> dict[str, list[str]]:
    searches = [f"q={MARKERS['unpublished_task']}", f"q={MARKERS['task_of_unpublished_document']}",
                f"document={world.hidden_document.pk}", f"document={world.document.pk}", "status=open_overdue",
                "sort=recent", "page_size=500"]
    return {
        "/api/v1/tasks/": searches, "/api/v1/tasks.csv": searches, "/api/v1/tasks.xlsx": searches,
        "/api/v1/progress-notes/": [f"task={world.task.pk}", f"task={world.hidden_task.pk}",
                                    f"task={world.other_public_task.pk}"],
        "/api/v1/documents/": ["kind=ket-luan"],
        "/api/v1/agencies/": ["q=hai phong"],
        "/api/v1/indicators/": [f"document={world.hidden_document.pk}", f"document={world.document.pk}"],
    }


@pytest.mark.django_db
def test_no_marker_reaches_an_anonymous_caller(anon, public_world):
    seed_indicators(public_world)
    called = urls(ids(public_world), queries=queries(public_world))
    assert len(called) > 30
    shown = ""
    for url in called:
        response = anon.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        text = body_text(response)
        assert_no_markers(text, where=url)
        assert not [k for k, marker in INDICATOR_MARKERS.items() if marker.lower() in text], url
        shown += text
    # What the public may see is there: the checks above looked where it is shown.
    for public in (PUBLIC_TITLE, PUBLIC_NOTE, PUBLISHED_EVIDENCE, "%pdf-1.4 demo", "tăng 8,0 - 8,5%/năm",
                   "cục thống kê"):
        assert public.lower() in shown, public


@pytest.mark.django_db
def test_the_same_calls_show_the_office_what_it_sees_in_the_app(public_world):
    seed_indicators(public_world)
    caller = client_for(public_world.office)
    found = set()
    markers = {**MARKERS, **INDICATOR_MARKERS}
    for url in urls(ids(public_world), queries=queries(public_world)):
        text = body_text(caller.get(url))
        found |= {kind for kind, marker in markers.items() if marker.lower() in text}
    # Log-in names, e-mail addresses and history rows are not in the API, not even for staff.
    assert found == set(markers) - {"user_name", "user_email", "office_email", "history_reason"}
