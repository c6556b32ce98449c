"""The one statement of what is public, and the office's publishing services."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.public_markers import MARKERS, PUBLIC_NOTE, PUBLISHED_EVIDENCE, assert_no_markers
from theodoi.core.exceptions import ApplicationError
from theodoi.documents.services import document_publish
from theodoi.portal import visibility
from theodoi.tasks.models import ProgressReport
from theodoi.tasks.services import report_accept, report_publish_note, task_publish


def _dump(queryset, fields) -> str:
    return repr([visibility.only_fields(row, fields) for row in queryset])


def test_every_public_row_in_its_public_fields_holds_no_marker(public_world):
    dumped = "".join([
        _dump(visibility.public_documents(), visibility.DOCUMENT_FIELDS),
        _dump(visibility.public_document_links(), visibility.DOCUMENT_LINK_FIELDS),
        _dump(visibility.public_tasks(), visibility.TASK_FIELDS),
        _dump(visibility.public_assignments(), visibility.ASSIGNMENT_FIELDS),
        _dump(visibility.public_notes(), visibility.NOTE_FIELDS),
        _dump(visibility.public_evidence(), visibility.EVIDENCE_FIELDS),
    ])
    assert_no_markers(dumped)
    assert PUBLIC_NOTE in dumped and PUBLISHED_EVIDENCE in dumped


def test_rows_the_public_sees(public_world):
    w = public_world
    assert list(visibility.public_documents()) == [w.document]
    assert set(visibility.public_tasks()) == {w.task, w.other_public_task}
    assert list(visibility.public_notes()) == [w.public_note]
    assert list(visibility.public_evidence()) == [w.evidence]
    assert not visibility.public_document_links().exists()  # its target is not published
    percent = visibility.public_tasks().annotate(p=visibility.public_percent()).get(pk=w.task.pk).p
    assert percent == 70  # the latest accepted report's; not the returned or draft ones


def test_no_field_list_names_a_person_or_a_working_paper():
    every = set().union(visibility.DOCUMENT_FIELDS, visibility.TASK_FIELDS, visibility.NOTE_FIELDS,
                        visibility.AGENCY_FIELDS, visibility.EVIDENCE_FIELDS, visibility.ASSIGNMENT_FIELDS)
    assert not every & {"author", "created_by", "reviewed_by", "uploaded_by", "narrative", "return_reason",
                        "file", "email", "user", "body", "published", "row_key"}


def test_unpublishing_a_document_hides_its_tasks_notes_and_files(public_world):
    w = public_world
    document_publish(actor=w.office, document=w.document, published=False)
    assert not visibility.public_tasks().exists()
    assert not visibility.public_notes().exists()
    assert not visibility.public_evidence().exists()
    history = w.document.history.order_by("-history_id").first()
    assert history.history_user == w.office and history.published is False


def test_unpublishing_a_task_and_clearing_a_note(public_world):
    w = public_world
    task_publish(actor=w.office, task=w.task, published=False)
    assert list(visibility.public_tasks()) == [w.other_public_task]
    task_publish(actor=w.office, task=w.task, published=True)
    report_publish_note(actor=w.office, report=w.public_note, note="  ", evidence_published=True)
    w.public_note.refresh_from_db()
    assert w.public_note.public_since is None and not w.public_note.evidence_published
    assert not visibility.public_notes().exists() and not visibility.public_evidence().exists()


def test_only_the_office_publishes(public_world):
    w = public_world
    with pytest.raises(PermissionDenied):
        task_publish(actor=w.officer, task=w.hidden_task, published=True)
    with pytest.raises(PermissionDenied):
        document_publish(actor=w.officer, document=w.hidden_document, published=True)
    with pytest.raises(PermissionDenied):
        report_publish_note(actor=w.officer, report=w.public_note, note="x")


def test_only_accepted_reports_get_a_public_note(public_world):
    w = public_world
    returned = ProgressReport.objects.get(narrative=MARKERS["returned_report"])
    with pytest.raises(ApplicationError):
        report_publish_note(actor=w.office, report=returned, note="Công khai thử")
    returned.refresh_from_db()
    assert returned.public_note == ""


def test_accepting_with_a_public_note(public_world):
    w = public_world
    submitted = ProgressReport.objects.get(narrative=MARKERS["submitted_report"])
    report_accept(actor=w.office, report=submitted, public_note="Đã hoàn thành khảo sát.")
    note = visibility.public_notes().get(pk=submitted.pk)
    assert note.public_note == "Đã hoàn thành khảo sát." and note.public_since is not None
