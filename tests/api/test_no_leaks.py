"""Acceptance 1 for the API: with a database holding every kind of non-public data, each
documented endpoint (and its filters and downloads) answers an anonymous caller without
any of the markers."""

import pytest

from tests.api.conftest import client_for
from tests.api.endpoints import body_text, urls
from tests.tasks.factories import UserFactory
from theodoi.core.roles import OFFICE


def ids(seeded) -> dict[str, list[int]]:
    o = seeded.objects
    return {
        "/api/v1/tasks/": [o["task"].pk, o["hidden_task"].pk],
        "/api/v1/documents/": [o["document"].pk, o["hidden_document"].pk],
        "/api/v1/agencies/": [o["agency"].pk, o["author"].membership.agency_id],
        "/api/v1/evidence/": [o["evidence"].pk],
    }


def queries(seeded) -> dict[str, list[str]]:
    o = seeded.objects
    hidden = [f"q={seeded.markers['task_title']}", f"document={o['hidden_document'].pk}",
              f"document={o['document'].pk}", "status=open_overdue", "sort=recent"]
    return {
        "/api/v1/tasks/": hidden, "/api/v1/tasks.csv": hidden, "/api/v1/tasks.xlsx": hidden,
        "/api/v1/progress-notes/": [f"task={o['task'].pk}", f"task={o['hidden_task'].pk}"],
        "/api/v1/agencies/": ["q=xay dung"],
    }


@pytest.mark.django_db
def test_no_marker_reaches_an_anonymous_caller(anon, seeded):
    called = urls(ids(seeded), queries=queries(seeded))
    assert len(called) > 20
    for url in called:
        response = anon.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        text = body_text(response)
        leaked = [kind for kind, marker in seeded.markers.items() if marker.lower() in text]
        assert not leaked, (url, leaked)


@pytest.mark.django_db
def test_the_markers_are_there_to_be_found(seeded):
    """The same calls show the markers to the office: the test above looks where they would be."""
    caller = client_for(UserFactory(username="office-caller", role=OFFICE,
                                    agency="Văn phòng Ủy ban nhân dân thành phố Hải Phòng"))
    found = set()
    for url in urls(ids(seeded), queries=queries(seeded)):
        text = body_text(caller.get(url))
        found |= {kind for kind, marker in seeded.markers.items() if marker.lower() in text}
    # Log-in names and e-mail addresses are not shown by the API, not even to staff.
    assert found == set(seeded.markers) - {"username", "email"}
