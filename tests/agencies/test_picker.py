"""The agency picker: search over the national registry, the no-script shortlist, and every
form that picks agencies accepting any body existing today and refusing anything else."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import agency
from tests.tasks.factories import TaskFactory
from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import PICKER_RESULTS, agency_search, agency_shortlist
from theodoi.consultations.forms import ConsultationForm
from theodoi.petitions import services as petition_services
from theodoi.petitions.forms import AssignForm, InboxFilterForm
from theodoi.petitions.models import Category
from theodoi.tasks.forms import TaskForm
from theodoi.tasks.models import Assignment

pytestmark = pytest.mark.django_db

HP = "Hải Phòng"
FINANCE_HP = "Sở Tài chính thành phố Hải Phòng"
FAR_AWAY = "Sở Y tế tỉnh Cao Bằng"  # exists today, no task, not the home place: not in the shortlist


def names(term: str) -> list[str]:
    return [m.agency.name for m in agency_search(term=term, home_place=HP).matches]


def test_search_without_diacritics_finds_the_home_place_body_first():
    found = names("so tai chinh hai phong")
    assert found[0] == FINANCE_HP
    assert names("SỞ TÀI CHÍNH")[0] == FINANCE_HP  # case and marks alike
    assert names("so tai chinh")[0] == FINANCE_HP  # before the 33 other provinces' namesakes
    assert names("so y te cao bang") == [FAR_AWAY]


@pytest.mark.parametrize("typed, expected", [
    ("BTC", "Bộ Tài chính"),  # an alias
    ("ubnd tp hai phong", "Ủy ban nhân dân thành phố Hải Phòng"),  # short name
    ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
    ("bo van hoa the thao", "Bộ Văn hóa, Thể thao và Du lịch"),  # words from the start of words
])
def test_search_by_alias_and_short_name(typed, expected):
    assert names(typed)[0] == expected


def test_a_search_reads_the_registry_again_only_after_it_changed():
    """Typing in the picker asks for every keystroke: a search checks that its index of the
    registry is fresh with one small query, not by reading the 1,600 bodies and their
    aliases; a body renamed, an alias added in the admin or by a registry load, is found by
    the very next search."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from theodoi.agencies.models import AgencyAlias

    names("so tai chinh")  # the index is built (or already was)
    with CaptureQueriesContext(connection) as queries:
        assert names("so tai chinh hai phong")[0] == FINANCE_HP
    row_reads = [q["sql"] for q in queries if '"alias"' in q["sql"] and "LENGTH" not in q["sql"]]
    assert row_reads == [] and len(queries) == 2  # the version, then the twelve bodies shown
    body = Agency.objects.get(name=FAR_AWAY)
    AgencyAlias.objects.create(agency=body, alias="Sở Y tế vùng cao")
    assert names("y te vung cao") == [FAR_AWAY]
    body.name = "Sở Y tế và Dân số tỉnh Cao Bằng"
    body.save()
    assert names("y te va dan so") == ["Sở Y tế và Dân số tỉnh Cao Bằng"]


def test_a_merged_body_finds_its_successor_and_says_so():
    found = agency_search(term="bo ke hoach va dau tu", home_place=HP).matches
    assert [(m.agency.name, m.instead_of) for m in found] == [("Bộ Tài chính", "Bộ Kế hoạch và Đầu tư")]
    found = agency_search(term="so kh&dt hai phong", home_place=HP).matches
    assert [(m.agency.name, m.instead_of) for m in found] == [
        (FINANCE_HP, "Sở Kế hoạch và Đầu tư thành phố Hải Phòng")]
    # Nothing dissolved is ever offered.
    for term in ("ke hoach", "hai duong", "giao thong van tai"):
        assert all(m.agency.dissolved_on is None for m in agency_search(term=term, home_place=HP).matches)


def test_search_is_bounded_and_ignores_letters_inside_words():
    result = agency_search(term="so", home_place=HP)
    assert len(result.matches) == PICKER_RESULTS and result.more
    # "hai" inside "Thái", "phong" inside "Văn phòng": not "Hải Phòng".
    assert not [n for n in names("ubnd hai phong") if "Thái Nguyên" in n]
    assert names("") == [] and names("   ") == []
    assert names("x" * 10_000) == []
    assert names(" ".join(["so"] * 500))  # cut to its first words, no error


def test_shortlist_is_the_home_place_central_and_involved_bodies():
    dissolved = agency("Sở Kế hoạch và Đầu tư thành phố Hải Phòng")
    far = agency(FAR_AWAY)
    listed = agency_shortlist(home_place=HP, involved=Agency.objects.filter(pk=far.pk).values("pk"),
                              selected=[dissolved.pk])
    names_listed = {a.name for a in listed}
    assert {FINANCE_HP, "Bộ Tài chính", FAR_AWAY, dissolved.name} <= names_listed
    assert "Sở Tài chính thành phố Hà Nội" not in names_listed
    assert "Bộ Kế hoạch và Đầu tư" not in names_listed  # dissolved and not chosen
    assert Agency.objects.count() > 1500 and len(listed) < 150


def test_search_endpoint(client, office):
    url = reverse("agencies:search")
    assert client.get(url, {"q": "so tai chinh", "field": "id_x"}).status_code == 302  # login first
    client.force_login(office)
    response = client.get(url, {"q": "bo ke hoach", "field": "id_lead_agency"})
    html = response.content.decode()
    bo_tc = agency("Bộ Tài chính")
    assert response.status_code == 200
    assert f'id="id_lead_agency-o{bo_tc.pk}" data-value="{bo_tc.pk}"' in html
    assert "thay cho Bộ Kế hoạch và Đầu tư" in html
    assert "1 cơ quan phù hợp" in html
    assert "Không tìm thấy" in client.get(url, {"q": "zzzz", "field": "id_x"}).content.decode()
    assert client.get(url, {"q": "so", "field": '"><script>'}).status_code == 400
    assert client.get(url, {"q": "a" * 50_000, "field": "id_x"}).status_code == 200


# --- the forms --------------------------------------------------------------------------

def test_task_form_offers_a_shortlist_and_accepts_any_active_body(document):
    task = TaskFactory(document=document, lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"))
    html = str(TaskForm(instance=task)["lead_agency"])
    assert html.count("<option") < 200 and FINANCE_HP in html and FAR_AWAY not in html
    assert "data-agency-picker" in html and 'role="combobox"' in html
    data = {"title": task.title, "domain": task.domain, "recurrence": task.recurrence, "weight": "1",
            "lead_agency": agency(FAR_AWAY).pk, "coordinating": [agency(FINANCE_HP).pk, agency("Bộ Tài chính").pk]}
    form = TaskForm(data, instance=task)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["lead_agency"].name == FAR_AWAY
    assert {a.name for a in form.cleaned_data["coordinating"]} == {FINANCE_HP, "Bộ Tài chính"}


@pytest.mark.parametrize("field, value", [
    ("lead_agency", "999999999"), ("lead_agency", "abc"), ("lead_agency", "9" * 40),
    ("coordinating", ["999999999"]), ("coordinating", ["1; DROP"]),
])
def test_task_form_refuses_bad_agency_ids_with_a_message(document, field, value):
    task = TaskFactory(document=document)
    data = {"title": task.title, "domain": task.domain, "recurrence": task.recurrence, "weight": "1", field: value}
    form = TaskForm(data, instance=task)
    assert not form.is_valid()
    assert form.errors[field][0].startswith(("Không có cơ quan", "Lựa chọn không hợp lệ"))


def test_task_form_keeps_a_merged_lead_but_refuses_a_newly_chosen_dissolved_body(document):
    merged = agency("Bộ Kế hoạch và Đầu tư")
    other_merged = agency("Bộ Giao thông vận tải")
    task = TaskFactory(document=document, lead_agency=merged)
    Assignment.objects.create(task=task, agency=other_merged, role=Assignment.Role.COORDINATING)
    base = {"title": task.title, "domain": task.domain, "recurrence": task.recurrence, "weight": "1"}
    kept = TaskForm({**base, "lead_agency": merged.pk, "coordinating": [other_merged.pk]}, instance=task)
    assert kept.is_valid(), kept.errors
    html = str(kept["lead_agency"])
    assert f'<option value="{merged.pk}" selected>' in html
    other = TaskFactory(document=document)
    refused = TaskForm({**base, "lead_agency": merged.pk}, instance=other)
    assert not refused.is_valid() and "lead_agency" in refused.errors


def test_task_edit_page_saves_an_agency_outside_the_shortlist(client, office, document):
    task = TaskFactory(document=document, lead_agency=agency(FINANCE_HP))
    client.force_login(office)
    page = client.get(reverse("tasks:edit", args=[task.pk])).content.decode()
    assert '<label for="id_lead_agency">' in page and page.count("<option") < 400
    form = TaskForm(instance=task)
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("coordinating", "due_on",
                                                                                  "completed_on", "version")}
    data.update(lead_agency=agency(FAR_AWAY).pk, version=task.updated_at.isoformat(), weight="1")
    response = client.post(reverse("tasks:edit", args=[task.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    task.refresh_from_db()
    assert task.lead_agency.name == FAR_AWAY
    bad = client.post(reverse("tasks:edit", args=[task.pk]), {**data, "lead_agency": "123456789012"})
    assert bad.status_code == 400 and "Không có cơ quan" in bad.content.decode()


def _petition():
    return petition_services.petition_submit(
        category=Category.objects.get(code="giao-thong"), title="Ổ gà trên đường Lạch Tray",
        text="Mặt đường có ổ gà sâu.", contact_name="", contact_email="", contact_phone="")


def test_petition_assignment_accepts_any_active_body_and_refuses_bad_ids(client, office):
    petition = _petition()
    html = str(AssignForm()["agency"])
    assert html.count("<option") < 200 and FAR_AWAY not in html
    assert AssignForm({"agency": agency(FAR_AWAY).pk}).is_valid()
    dissolved = AssignForm({"agency": agency("Sở Giao thông vận tải thành phố Hải Phòng").pk})
    assert not dissolved.is_valid() and "Không có cơ quan" in dissolved.errors["agency"][0]
    client.force_login(office)
    url = reverse("petitions:act", args=[petition.pk, "assign"])
    assert client.post(url, {"agency": "99999999999"}, follow=True).status_code == 200
    petition.refresh_from_db()
    assert petition.agency is None
    client.post(url, {"agency": agency(FAR_AWAY).pk})
    petition.refresh_from_db()
    assert petition.agency.name == FAR_AWAY
    detail = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert f'<option value="{petition.agency_id}" selected>' in detail  # the chosen body stays shown


def test_petition_inbox_filter_lists_only_agencies_with_petitions(office):
    petition = _petition()
    petition_services.petition_assign(petition=petition, agency=agency(FAR_AWAY), actor=office)
    html = str(InboxFilterForm()["agency"])
    assert FAR_AWAY in html and html.count("<option") < 10


def test_consultation_form_picks_any_active_drafting_agency():
    html = str(ConsultationForm()["drafting_agency"])
    assert html.count("<option") < 200 and "data-agency-picker" in html
    today = dt.date.today().strftime("%d/%m/%Y")
    data = {"title": "Dự thảo", "opens_on": today, "closes_on": today, "drafting_agency": agency(FAR_AWAY).pk}
    files = {"file": SimpleUploadedFile("a.txt", "Điều 1. Phạm vi".encode())}
    assert ConsultationForm(data, files).is_valid()
    bad = ConsultationForm({**data, "drafting_agency": "77777777777"}, files)
    assert not bad.is_valid() and "Không có cơ quan" in bad.errors["drafting_agency"][0]
