"""Token callers see what they see in the app: the office and leaders every report and
file; an officer the working papers of their agency's tasks only, and the accepted reports
of the others; comments and directions for every staff role."""

import pytest

from tests.api.conftest import client_for, evidence
from tests.public_markers import MARKERS, PUBLIC_NOTE, PUBLISHED_EVIDENCE
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
def test_task_detail_and_notes_follow_the_app(public_world, role):
    group, agency_name = ROLES[role]
    caller = client_for(UserFactory(username=role, role=group, agency=agency_name), issuer=public_world.office)
    task = public_world.task
    detail = caller.get(f"/api/v1/tasks/{task.pk}/").json()
    notes = {n["text"]: n for n in detail["progress_notes"]}
    sees = role in SEES_INTERNALS
    accepted = {MARKERS["narrative_behind_public_note"], MARKERS["accepted_private_narrative"]}
    unaccepted = {MARKERS["draft_report"], MARKERS["returned_report"]}
    assert set(notes) == (accepted | unaccepted if sees else accepted)
    files = sorted(f["name"] for n in notes.values() for f in n["evidence"])
    assert files == (sorted([MARKERS["evidence_unpublished"], PUBLISHED_EVIDENCE, MARKERS["evidence_of_unpublished_note"]])
                     if sees else [])
    published = notes[MARKERS["narrative_behind_public_note"]]
    assert published["public_note"] == PUBLIC_NOTE and published["author"].startswith(MARKERS["user_first_name"])
    if sees:
        assert notes[MARKERS["returned_report"]]["return_reason"] == MARKERS["return_reason"]
    assert {c["body"] for c in detail["comments"]} == {MARKERS["comment"], MARKERS["direction"]}
    assert [a["name"] for a in detail["coordinating_agencies"]] == ["Bộ Xây dựng"]

    listed = caller.get(f"/api/v1/progress-notes/?task={task.pk}").json()
    assert {n["id"] for n in listed["results"]} == {n["id"] for n in notes.values()}
    everything = caller.get("/api/v1/progress-notes/?page_size=500").json()["results"]
    # The submitted report is on the other public task, which Bộ Xây dựng does not coordinate.
    assert (MARKERS["submitted_report"] in {n["text"] for n in everything}) == (role in {"office", "leader",
                                                                                          "lead_officer"})
    # A file of the task's working papers downloads for those who see them, and is refused to others.
    private = next(f for n in detail["progress_notes"] for f in n["evidence"]) if sees else None
    pk = private["id"] if private else public_world.evidence.pk
    response = caller.get(f"/api/v1/evidence/{pk}/")
    assert response.status_code == (200 if sees else 403)


@pytest.mark.django_db
def test_the_public_reads_notes_not_narratives(anon, public_world):
    detail = anon.get(f"/api/v1/tasks/{public_world.task.pk}/").json()
    assert [(n["public_note"], n["text"], n["author"], n["submitted_at"], n["state"])
            for n in detail["progress_notes"]] == [(PUBLIC_NOTE, "", None, None, "accepted")]
    assert [f["name"] for f in detail["progress_notes"][0]["evidence"]] == [PUBLISHED_EVIDENCE]
    assert detail["comments"] == []
    assert detail["progress_percent"] == 70  # the latest accepted report's; the draft's 40 is not public


@pytest.mark.django_db
def test_lists_filter_like_the_task_list(public_world, anon):
    w = public_world
    caller = client_for(w.office)
    for client in (caller, anon):
        found = client.get("/api/v1/tasks/?q=HA TANG giao thong").json()
        assert [t["id"] for t in found["results"]] == [w.task.pk]
        by_agency = client.get(f"/api/v1/tasks/?agency={agency('Bộ Xây dựng').pk}").json()
        assert [t["id"] for t in by_agency["results"]] == [w.task.pk]
        status = w.task.__class__.objects.get(pk=w.task.pk).settled_status
        assert w.task.pk in [t["id"] for t in client.get(f"/api/v1/tasks/?status={status}").json()["results"]]
        assert client.get("/api/v1/tasks/?domain=khcn-cds").json()["count"] == 1
    assert caller.get(f"/api/v1/tasks/?document={w.hidden_document.pk}").json()["count"] == 1
    assert anon.get(f"/api/v1/tasks/?document={w.hidden_document.pk}").status_code == 400
    assert caller.get(f"/api/v1/progress-notes/?task={w.task.pk}").json()["count"] == 4
    assert anon.get(f"/api/v1/progress-notes/?task={w.task.pk}").json()["count"] == 1


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
def test_the_chain_names_only_documents_the_caller_may_see(public_world, anon):
    w = public_world
    staff = client_for(w.office).get(f"/api/v1/documents/{w.document.pk}/").json()
    assert staff["carries_out"] == [{"relation": "implements", "document": {
        "id": w.hidden_document.pk, "kind": "ket-luan", "number": MARKERS["unpublished_document_number"],
        "title": MARKERS["unpublished_document_title"]}}]
    public = anon.get(f"/api/v1/documents/{w.document.pk}/").json()
    assert public["carries_out"] == [] and public["text"] == w.document.text
    assert public["issued_on"] == "2025-01-10"


@pytest.mark.django_db
def test_a_report_by_another_agency_stays_closed_to_an_unrelated_officer(db):
    other = TaskFactory(lead_agency=agency("Bộ Công an"))
    ReportFactory(task=other, agency=agency("Bộ Công an"), state=ProgressReport.State.SUBMITTED, narrative="KÍN")
    accepted = ReportFactory(task=other, agency=agency("Bộ Công an"), state=ProgressReport.State.ACCEPTED,
                             period_start=other.due_on.replace(year=2024), period_end=other.due_on.replace(year=2024))
    evidence(accepted, "kin.pdf")
    caller = client_for(UserFactory(username="yte", role=OFFICER, agency="Bộ Y tế"))
    text = caller.get(f"/api/v1/progress-notes/?task={other.pk}").content.decode()
    assert "KÍN" not in text and "kin.pdf" not in text and str(accepted.pk) in text


@pytest.mark.django_db
def test_indicators_as_the_app_and_the_portal_show_them(anon, public_world):
    from tests.api.conftest import INDICATOR_MARKERS, seed_indicators

    indicators = seed_indicators(public_world)
    grdp = indicators["public"]
    public = anon.get("/api/v1/indicators/").json()
    assert sorted(i["code"] for i in public["results"]) == ["HP-GRDP", "hp-grdp"]  # the portal world's, and ours
    one = next(i for i in public["results"] if i["code"] == "hp-grdp")
    assert [(t["from_year"], t["year"], t["low"], t["high"]) for t in one["targets"]] == [(2026, 2030, 8.0, 8.5)]
    assert [(o["period_start"], o["value"], o["state"]) for o in one["observations"]] == [("2025-01-01", 8.1, "approved")]

    office = client_for(public_world.office).get(f"/api/v1/indicators/{grdp.pk}/").json()
    assert [o["state"] for o in office["observations"]] == ["draft", "submitted", "returned", "approved"]
    assert INDICATOR_MARKERS["returned_value_reason"] in [o["return_reason"] for o in office["observations"]]
    assert len(office["targets"]) == 2
    other = client_for(UserFactory(username="yte", role=OFFICER, agency="Bộ Y tế"), issuer=public_world.office)
    assert [o["state"] for o in other.get(f"/api/v1/indicators/{grdp.pk}/").json()["observations"]] == ["approved"]
    assert anon.get(f"/api/v1/indicators/{indicators['hidden'].pk}/").status_code == 404
