"""Bad query parameters are a 400 that says which and why, never a 500; ids past 64 bits
or of nothing are a 404."""

import pytest

from tests.api.conftest import client_for
from tests.tasks.factories import UserFactory
from theodoi.core.roles import OFFICE

HUGE = "9" * 30
# Each path with its bad queries; the parameter a query names is the one the 400 must name.
BAD = {
    "/api/v1/tasks/": [
        "status=nope", "domain=nope", f"agency={HUGE}", "agency=abc", "agency=-1", f"document={HUGE}",
        "due_from=31/02/2025", "due_to=tomorrow", "sort=evil", "q=" + "a" * 301,
        "q=" + " ".join(f"w{i}" for i in range(31)), "page=abc", "page=0", f"page={HUGE}",
        "page_size=0", "page_size=501", "page_size=x",
    ],
    "/api/v1/tasks.csv": ["status=nope"],
    "/api/v1/tasks.xlsx": [f"agency={HUGE}"],
    "/api/v1/documents/": ["kind=nope"],
    "/api/v1/agencies/": ["kind=nope", "dissolved=maybe", "q=" + "b" * 400],
    "/api/v1/progress-notes/": [f"task={HUGE}", "agency=0", "period_from=2025-13-01"],
}


@pytest.fixture(params=["anonymous", "office"])
def caller(request, anon, db):
    if request.param == "anonymous":
        return anon
    return client_for(UserFactory(username="vp", role=OFFICE))


@pytest.mark.django_db
def test_bad_parameters_are_a_400_with_a_message(caller):
    wrong = []
    for path, queries in BAD.items():  # one test for all: each case is one request
        for query in queries:
            name = query.split("=")[0]
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
