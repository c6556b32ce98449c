"""Bad query parameters are a 400 that says which and why, never a 500; ids past 64 bits
or of nothing are a 404."""

import pytest

from tests.api.conftest import client_for
from tests.tasks.factories import UserFactory
from theodoi.core.roles import OFFICE

HUGE = "9" * 30
BAD = [
    ("/api/v1/tasks/", "status=nope", "status"),
    ("/api/v1/tasks/", "domain=nope", "domain"),
    ("/api/v1/tasks/", f"agency={HUGE}", "agency"),
    ("/api/v1/tasks/", "agency=abc", "agency"),
    ("/api/v1/tasks/", "agency=-1", "agency"),
    ("/api/v1/tasks/", f"document={HUGE}", "document"),
    ("/api/v1/tasks/", "due_from=31/02/2025", "due_from"),
    ("/api/v1/tasks/", "due_to=tomorrow", "due_to"),
    ("/api/v1/tasks/", "sort=evil", "sort"),
    ("/api/v1/tasks/", "q=" + "a" * 301, "q"),
    ("/api/v1/tasks/", "q=" + " ".join(f"w{i}" for i in range(31)), "q"),
    ("/api/v1/tasks/", "page=abc", "page"),
    ("/api/v1/tasks/", "page=0", "page"),
    ("/api/v1/tasks/", f"page={HUGE}", "page"),
    ("/api/v1/tasks/", "page_size=0", "page_size"),
    ("/api/v1/tasks/", "page_size=501", "page_size"),
    ("/api/v1/tasks/", "page_size=x", "page_size"),
    ("/api/v1/tasks.csv", "status=nope", "status"),
    ("/api/v1/tasks.xlsx", f"agency={HUGE}", "agency"),
    ("/api/v1/documents/", "kind=nope", "kind"),
    ("/api/v1/agencies/", "kind=nope", "kind"),
    ("/api/v1/agencies/", "dissolved=maybe", "dissolved"),
    ("/api/v1/agencies/", "q=" + "b" * 400, "q"),
    ("/api/v1/progress-notes/", f"task={HUGE}", "task"),
    ("/api/v1/progress-notes/", "agency=0", "agency"),
    ("/api/v1/progress-notes/", "period_from=2025-13-01", "period_from"),
]


@pytest.fixture(params=["anonymous", "office"])
def caller(request, anon, db):
    if request.param == "anonymous":
        return anon
    return client_for(UserFactory(username="vp", role=OFFICE))


@pytest.mark.django_db
def test_bad_parameters_are_a_400_with_a_message(caller):
    wrong = []
    for path, query, name in BAD:  # one test for all: each case is one request
        response = caller.get(f"{path}?{query}")
        body = response.json() if response["Content-Type"].startswith("application/json") else {}
        if not (response.status_code == 400 and name in body.get("errors", {}) and name in body["detail"]
                and all(m.strip() for m in body["errors"][name])):
            wrong.append((path, query[:40], response.status_code, body))
    assert not wrong


@pytest.mark.django_db
def test_a_page_past_the_end_is_a_404_with_a_message(caller):
    response = caller.get("/api/v1/agencies/?page=999")
    assert response.status_code == 404
    assert "999" in response.json()["detail"]


@pytest.mark.django_db
def test_ids_that_are_no_row_are_a_404(caller):
    for path in ["tasks", "documents", "agencies", "evidence"]:
        for pk in [HUGE, str(2**63), str(2**63 - 1), "0", "12abc"]:
            response = caller.get(f"/api/v1/{path}/{pk}/")
            assert response.status_code == 404, (path, pk)


@pytest.mark.django_db
def test_unknown_parameters_are_ignored_and_good_ones_work(caller):
    assert caller.get("/api/v1/agencies/?foo=bar&page_size=5&page=2&q=bo").status_code == 200
    assert caller.get("/api/v1/tasks/?due_from=01/01/2025&due_to=2025-12-31&sort=-due").status_code == 200
