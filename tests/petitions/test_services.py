"""The petition workflow through its services: states, deadlines, audit, e-mails, rights."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from tests.conftest import agency
from theodoi.core.exceptions import ApplicationError
from theodoi.petitions import services
from theodoi.petitions.codes import parse_code
from theodoi.petitions.models import Category, Petition, State

pytestmark = pytest.mark.django_db


def submit(**kwargs) -> Petition:
    data = {"category": Category.objects.get(code="giao-thong"), "title": "Ổ gà trên đường Lạch Tray",
            "text": "Mặt đường có ổ gà sâu, xe máy ngã nhiều lần.", "contact_name": "Nguyễn Văn A",
            "contact_email": "a@example.vn", "contact_phone": "0912345678"}
    data.update(kwargs)
    return services.petition_submit(**data)


def test_submit_gives_a_code_a_proposal_and_an_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        petition = submit()
    assert petition.state == State.RECEIVED
    assert parse_code(petition.display_code) == petition.code
    assert parse_code(petition.display_code.lower().replace("-", " ")) == petition.code
    assert petition.proposals[0]["agency"] == "Sở Xây dựng thành phố Hải Phòng"
    assert len(mail.outbox) == 1 and petition.display_code in mail.outbox[0].body
    assert petition.history.count() == 1


def test_full_workflow_is_audited_and_mailed(office, xd_officer, xay_dung, django_capture_on_commit_callbacks):
    petition = submit()
    with django_capture_on_commit_callbacks(execute=True):
        petition = services.petition_assign(petition=petition, agency=xay_dung, actor=office)
        assert petition.due_on is not None and petition.due_on > petition.assigned_on
        petition = services.petition_start(petition=petition, actor=xd_officer)
        petition = services.petition_answer(petition=petition, actor=xd_officer, answer="Đã vá mặt đường ngày 05/12.")
        petition = services.petition_close(petition=petition, actor=office)
    assert petition.state == State.CLOSED and petition.answered_by == xay_dung
    users = [h.history_user for h in petition.history.order_by("history_id")]
    assert users == [None, office, xd_officer, xd_officer, office]
    assert len(mail.outbox) == 4 and "Đã vá mặt đường" in mail.outbox[2].body


def test_agency_hands_back_with_reason(office, xd_officer, xay_dung):
    petition = services.petition_assign(petition=submit(), agency=xay_dung, actor=office)
    with pytest.raises(ApplicationError):
        services.petition_hand_back(petition=petition, actor=xd_officer, reason="  ")
    petition = services.petition_hand_back(petition=petition, actor=xd_officer, reason="Việc của Công an")
    assert petition.state == State.RECEIVED and petition.agency is None
    assert "Việc của Công an" in petition.history.first().history_change_reason


def test_other_agency_and_public_cannot_act(office, other_officer, xay_dung):
    petition = services.petition_assign(petition=submit(), agency=xay_dung, actor=office)
    with pytest.raises(PermissionDenied):
        services.petition_answer(petition=petition, actor=other_officer, answer="x")
    with pytest.raises(PermissionDenied):
        services.petition_assign(petition=petition, agency=xay_dung, actor=other_officer)


def test_reject_needs_reason_and_wrong_state_is_refused(office):
    petition = submit()
    with pytest.raises(ApplicationError):
        services.petition_reject(petition=petition, actor=office, reason="")
    petition = services.petition_reject(petition=petition, actor=office, reason="Nội dung quảng cáo")
    assert petition.state == State.REJECTED
    with pytest.raises(ApplicationError, match="trạng thái"):
        services.petition_close(petition=petition, actor=office)


def test_dissolved_agency_cannot_be_assigned(office):
    with pytest.raises(ApplicationError, match="kế thừa"):
        services.petition_assign(petition=submit(), agency=agency("Sở Giao thông vận tải thành phố Hải Phòng"), actor=office)


def test_merge_duplicates(office):
    first, second = submit(), submit(title="Ổ gà Lạch Tray (gửi lại)")
    merged = services.petition_merge(petition=second, into=first, actor=office)
    assert merged.state == State.CLOSED and merged.merged_into == first
    with pytest.raises(ApplicationError):
        services.petition_merge(petition=first, into=first, actor=office)


def test_publication_decision_needs_reason(office):
    petition = submit()
    with pytest.raises(ApplicationError):
        services.petition_set_publication(petition=petition, actor=office, public=False, reason="")
    petition = services.petition_set_publication(petition=petition, actor=office, public=False, reason="Có thông tin đời tư")
    assert not petition.answer_public and petition.answer_private_reason == "Có thông tin đời tư"


def test_office_day_off_moves_running_deadlines(office, xay_dung):
    petition = services.petition_assign(petition=submit(), agency=xay_dung, actor=office)
    before = petition.due_on
    day = petition.assigned_on + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    services.day_off_add(day=day, reason="Bão", actor=office)
    petition.refresh_from_db()
    assert petition.due_on > before


def test_overdue_escalates_once(office, xay_dung, django_capture_on_commit_callbacks):
    office.email = "vanphong@example.vn"
    office.save()
    petition = services.petition_assign(petition=submit(contact_email=""), agency=xay_dung, actor=office)
    late = petition.due_on + dt.timedelta(days=1)
    assert petition.is_overdue(late)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.petitions_escalate_overdue(today=late) == [petition]
        assert services.petitions_escalate_overdue(today=late) == []
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["vanphong@example.vn"]
    assert petition.display_code in mail.outbox[0].body


def test_category_deadline_changes_through_the_service_for_the_office_only(office, other_officer):
    category = Category.objects.get(code="dat-dai")
    category.deadline_days = 20
    with pytest.raises(PermissionDenied):
        services.category_save(category=category, actor=other_officer)
    services.category_save(category=category, actor=office)
    assert Category.objects.get(code="dat-dai").deadline_days == 20
    assert category.history.first().history_user == office
    category.deadline_days = 0
    with pytest.raises(ApplicationError):
        services.category_save(category=category, actor=office)
