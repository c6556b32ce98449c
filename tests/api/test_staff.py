"""Token callers see what they see in the app: the office and leaders every report and
file; an officer the working papers of their agency's tasks only, and the accepted reports
of the others; comments and directions for every staff role."""

import pytest

from tests.api.conftest import client_for, evidence
from tests.tasks.factories import ReportFactory, TaskFactory, UserFactory, agency
from theodoi.core.roles import LEADER, OFFICE, OFFICER
from theodoi.tasks.models import ProgressReport

ROLES = {
    "office": (OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng"),
    "leader": (LEADER, "Bộ Y tế"),
    "lead_officer": (OFFICER, "Ủy ban nhân dân thành phố Hải Phòng"),
    "coordinating_officer": (OFFICER, "Bộ Xây dựng"),
    "unrelated_officer": (OFFICER, "Bộ Y tế"),
}
SEES_INTERNALS = {"office", "leader", "lead_officer", "coordinating_officer"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_task_detail_and_notes_follow_the_app(seeded, role):
    group, agency_name = ROLES[role]
    caller = client_for(UserFactory(username=role, role=group, agency=agency_name))
    o, m = seeded.objects, seeded.markers
    detail = caller.get(f"/api/v1/tasks/{o['task'].pk}/").json()
    notes = {n["id"]: n for n in detail["progress_notes"]}
    sees = role in SEES_INTERNALS
    assert o["accepted"].pk in notes
    for kind in ("draft", "returned", "submitted"):
        assert (o[kind].pk in notes) == sees, kind
    files = [f["name"] for n in notes.values() for f in n["evidence"]]
    assert files == ([o["evidence"].original_name] if sees else [])
    assert notes[o["accepted"].pk]["author"] == m["author_name"]
    assert {c["body"] for c in detail["comments"]} == {m["comment"], m["direction"]}
    assert detail["status"] in {"open_on_time", "open_overdue", "done_on_time", "done_late"}
    assert detail["status_text"]
    assert [a["name"] for a in detail["coordinating_agencies"]] == ["Bộ Xây dựng"]

    listed = caller.get("/api/v1/progress-notes/?page_size=500").json()
    assert {n["id"] for n in listed["results"]} == set(notes)
    # The evidence file downloads for those who see it, and is refused to the others.
    response = caller.get(f"/api/v1/evidence/{o['evidence'].pk}/")
    assert response.status_code == (200 if sees else 403)
    if sees:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_lists_filter_like_the_task_list(seeded):
    caller = client_for(UserFactory(username="vp", role=OFFICE))
    o = seeded.objects
    found = caller.get("/api/v1/tasks/?q=CANG BIEN").json()
    assert [t["id"] for t in found["results"]] == [o["task"].pk]
    by_document = caller.get(f"/api/v1/tasks/?document={o['hidden_document'].pk}").json()
    assert by_document["count"] == 1
    by_agency = caller.get(f"/api/v1/tasks/?agency={agency('Bộ Xây dựng').pk}").json()
    assert [t["id"] for t in by_agency["results"]] == [o["task"].pk]
    status = o["task"].__class__.objects.get(pk=o["task"].pk).settled_status
    assert o["task"].pk in [t["id"] for t in caller.get(f"/api/v1/tasks/?status={status}").json()["results"]]
    notes = caller.get(f"/api/v1/progress-notes/?task={o['task'].pk}").json()
    assert notes["count"] == 4


@pytest.mark.django_db
def test_agencies_carry_their_succession(anon):
    body = anon.get("/api/v1/agencies/?q=ke hoach va dau tu").json()
    mpi = next(a for a in body["results"] if a["name"] == "Bộ Kế hoạch và Đầu tư")
    assert mpi["dissolved_on"] and "Bộ Tài chính" in [s["name"] for s in mpi["successors"]]
    mof = anon.get(f"/api/v1/agencies/{mpi['successors'][0]['id']}/").json()
    assert "Bộ Kế hoạch và Đầu tư" in [p["name"] for p in mof["predecessors"]]
    existing = anon.get("/api/v1/agencies/?dissolved=false&page_size=500").json()["results"]
    assert existing and all(a["dissolved_on"] is None for a in existing)


@pytest.mark.django_db
def test_documents_show_their_chain_to_staff(seeded):
    from theodoi.documents.models import DocumentLink

    o = seeded.objects
    DocumentLink.objects.create(source=o["document"], target=o["hidden_document"], relation="implements")
    caller = client_for(UserFactory(username="vp", role=OFFICE))
    body = caller.get(f"/api/v1/documents/{o['document'].pk}/").json()
    assert body["carries_out"] == [{"relation": "implements", "document": {
        "id": o["hidden_document"].pk, "kind": "nghi-quyet", "number": "99/NQ-BIMAT",
        "title": seeded.markers["document_title"]}}]
    assert body["text"] == o["document"].text
    assert body["issued_on"] == "2025-01-10"


@pytest.mark.django_db
def test_a_report_by_another_agency_stays_closed_to_an_unrelated_officer(seeded):
    other = TaskFactory(lead_agency=agency("Bộ Công an"), published=True)
    ReportFactory(task=other, agency=agency("Bộ Công an"), state=ProgressReport.State.SUBMITTED, narrative="KÍN")
    evidence(ReportFactory(task=other, agency=agency("Bộ Công an"), state=ProgressReport.State.ACCEPTED,
                           period_start=other.due_on.replace(year=2024), period_end=other.due_on.replace(year=2024)),
             "kin.pdf")
    caller = client_for(UserFactory(username="yte", role=OFFICER, agency="Bộ Y tế"))
    text = caller.get(f"/api/v1/progress-notes/?task={other.pk}").content.decode()
    assert "KÍN" not in text and "kin.pdf" not in text
