"""Hostile input through the real URLs: a message the user can read, never a 500.

The test client re-raises any exception a view lets through, so a crash fails these tests
before the status code is even looked at. They run on whichever database DATABASE_URL names
(SQLite by default; CI runs them again on PostgreSQL).
"""

import html

import pytest
from django.urls import reverse

from tests.conftest import agency
from theodoi.core.ids import MAX_ID
from theodoi.core.search import MAX_SEARCH_CHARS, MAX_SEARCH_WORDS
from theodoi.tasks.models import Assignment, Task

TWENTY_DIGITS = "9" * 20
JUST_OVER_64_BITS = str(MAX_ID + 1)  # 19 digits, one more than the largest id


@pytest.fixture
def task(document):
    return Task.objects.create(document=document, title="Hoàn thiện hạ tầng giao thông liên vùng",
                               lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"))


def page(response) -> str:
    return html.unescape(response.content.decode())


# --- search terms -----------------------------------------------------------------------

@pytest.fixture(params=[False, True], ids=["page", "htmx"])
def search(request, client, office, task):
    """Search the task list as the office, as a full page and as an htmx request; the text of
    the answer, which must be a page (200), not an error."""
    client.force_login(office)
    headers = {"HX-Request": "true"} if request.param else {}

    def run(q: str) -> str:
        response = client.get(reverse("tasks:list"), {"q": q}, headers=headers)
        assert response.status_code == 200
        return page(response)

    return run


def test_a_search_of_999_words_is_refused_with_a_message(search):
    words = [chr(ord("a") + i % 26) for i in range(999)]  # 1,997 characters
    assert f"dài quá: tối đa {MAX_SEARCH_CHARS} ký tự (đã nhập 1997)" in search(" ".join(words))


def test_a_short_search_of_too_many_words_is_refused_with_a_message(search):
    words = [f"t{i}" for i in range(MAX_SEARCH_WORDS + 1)]
    shown = search(" ".join(words))
    assert f"quá nhiều từ: tối đa {MAX_SEARCH_WORDS} từ (đã nhập {MAX_SEARCH_WORDS + 1})" in shown


def test_a_search_of_50000_characters_is_refused_with_a_message(search, task):
    shown = search("a" * 50_000)
    assert f"dài quá: tối đa {MAX_SEARCH_CHARS} ký tự (đã nhập 50000)" in shown
    assert task.title not in shown


@pytest.mark.django_db
def test_a_search_at_the_bounds_still_searches(client, office, document):
    """The bounds refuse abuse, not a pasted title: MAX_SEARCH_WORDS words still find it."""
    words = [f"tu{i}" for i in range(MAX_SEARCH_WORDS)]
    wanted = Task.objects.create(document=document, title=" ".join(words))
    unwanted = Task.objects.create(document=document, title=" ".join(words[:-1]))  # lacks the last word
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {"q": " ".join(words)})
    assert response.status_code == 200
    assert "flash error" not in response.content.decode()
    assert reverse("tasks:detail", args=[wanted.pk]) in page(response)
    assert reverse("tasks:detail", args=[unwanted.pk]) not in page(response)


@pytest.mark.django_db
def test_repeated_words_count_once(client, office, task):
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {"q": " ".join(["giao"] * 50)})
    assert response.status_code == 200
    assert task.title in page(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/quan-tri/tasks/task/", "/quan-tri/agencies/agency/",
                                  "/quan-tri/agencies/membership/", "/quan-tri/documents/document/",
                                  "/quan-tri/auth/user/", "/quan-tri/auth/group/"])
def test_admin_search_of_999_words_searches_the_first_words_and_says_so(client, office, task, path):
    client.force_login(office)
    office.is_superuser = True
    office.save()
    response = client.get(path, {"q": " ".join(f"tu{i}" for i in range(999))}, follow=True)
    assert response.status_code == 200
    assert "Chỉ tìm theo phần đầu của từ khóa" in page(response)


@pytest.mark.django_db
def test_admin_autocomplete_with_999_words_answers(client, office, task):
    office.is_superuser = True
    office.save()
    client.force_login(office)
    response = client.get("/quan-tri/autocomplete/", {
        "app_label": "tasks", "model_name": "task", "field_name": "parent",
        "term": " ".join(f"tu{i}" for i in range(999)),
    }, headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_in_a_search_do_not_defeat_it(client, office, task, invisible):
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {"q": f"ha{invisible} tang gi{invisible}ao thong"})
    assert response.status_code == 200
    assert task.title in page(response)


@pytest.mark.django_db
def test_a_title_with_invisible_characters_is_found_by_its_visible_words(client, office, document):
    pasted = Task.objects.create(document=document, title="Chuyển\u200b đổi s\u200bố toàn\u2060 diện")
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {"q": "chuyen doi so"})
    assert response.status_code == 200
    assert reverse("tasks:detail", args=[pasted.pk]) in page(response)


# --- numeric ids ------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("field", ["agency", "document"])
@pytest.mark.parametrize("value", [TWENTY_DIGITS, JUST_OVER_64_BITS, "-1", "１２"])
def test_an_impossible_id_in_a_list_filter_is_an_invalid_choice(client, office, task, field, value):
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {field: value})
    assert response.status_code == 200
    assert "Lựa chọn không hợp lệ" in page(response)
    assert task.title not in page(response)


@pytest.mark.django_db
def test_the_largest_possible_id_in_a_filter_is_simply_not_found(client, office, task):
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {"agency": str(MAX_ID)})
    assert response.status_code == 200
    assert "flash error" in response.content.decode()
    assert task.title not in page(response)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [TWENTY_DIGITS, "-5", "abc"])
def test_an_impossible_page_number_shows_a_page_of_the_list(client, office, task, value):
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {"page": value})
    assert response.status_code == 200
    assert task.title in page(response)


def _url_patterns_with_ids() -> list[str]:
    """Every app URL that takes an id, with the id (and any word) filled in."""
    return [
        "/nhiem-vu/{id}/", "/nhiem-vu/{id}/sua/", "/nhiem-vu/{id}/xoa/", "/nhiem-vu/{id}/bao-cao/",
        "/nhiem-vu/{id}/y-kien/", "/bao-cao/{id}/tiep-nhan/", "/bao-cao/{id}/tra-lai/",
        "/van-ban/{id}/nhap-nhiem-vu/", "/minh-chung/{id}/", "/van-ban/{id}/", "/van-ban/{id}/tep-goc/",
        "/van-ban/nhap/{id}/", "/van-ban/nhap/{id}/tao/", "/van-ban/de-xuat/{id}/sua/",
        "/van-ban/de-xuat/{id}/quyet-dinh/accepted/", "/van-ban/de-xuat/{id}/cau-truc/merge/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", _url_patterns_with_ids())
@pytest.mark.parametrize("value", [TWENTY_DIGITS, JUST_OVER_64_BITS])
def test_an_impossible_id_in_a_url_is_not_found(client, office, pattern, value):
    client.force_login(office)
    response = client.post(pattern.format(id=value))
    assert response.status_code == 404
    assert "Không tìm thấy" in page(response)


@pytest.mark.django_db
def test_the_largest_possible_id_in_a_url_reaches_the_view_and_is_not_found(client, office):
    client.force_login(office)
    response = client.get(f"/nhiem-vu/{MAX_ID}/")
    assert response.status_code == 404
    assert "Không tìm thấy nhiệm vụ." in page(response)


def _task_form(task, **changes) -> dict:
    data = {"title": task.title, "domain": task.domain, "recurrence": task.recurrence,
            "lead_agency": str(task.lead_agency_id), "description": "", "output": "", "deadline_text": ""}
    data.update(changes)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["lead_agency", "coordinating"])
@pytest.mark.parametrize("value", [TWENTY_DIGITS, JUST_OVER_64_BITS, "0", "abc"])
def test_an_impossible_agency_id_in_the_task_form_is_refused_and_nothing_changes(client, office, task, field, value):
    client.force_login(office)
    response = client.post(reverse("tasks:edit", args=[task.pk]), _task_form(task, title="Tên mới", **{field: value}))
    assert response.status_code == 400
    assert "Lựa chọn không hợp lệ" in page(response)
    task.refresh_from_db()
    assert task.title == "Hoàn thiện hạ tầng giao thông liên vùng"
    assert not Assignment.objects.filter(task=task).exists()


@pytest.mark.django_db
def test_the_task_form_still_saves_real_agency_ids(client, office, task):
    client.force_login(office)
    coordinating = agency("Bộ Y tế")
    response = client.post(reverse("tasks:edit", args=[task.pk]),
                           _task_form(task, title="Tên mới", coordinating=[str(coordinating.pk)]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "Tên mới"
    assert list(Assignment.objects.filter(task=task).values_list("agency_id", flat=True)) == [coordinating.pk]


@pytest.mark.django_db
def test_an_impossible_successor_id_in_the_agency_admin_is_refused(client, office):
    office.is_superuser = True
    office.save()
    client.force_login(office)
    health = agency("Bộ Y tế")
    response = client.post(f"/quan-tri/agencies/agency/{health.pk}/change/", {
        "name": "Tên bị đổi", "kind": health.kind, "succeeded_by": [TWENTY_DIGITS],
        "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200  # the admin shows the form again with the error
    assert "Lựa chọn không hợp lệ" in page(response)
    health.refresh_from_db()
    assert health.name == "Bộ Y tế"


@pytest.mark.django_db
def test_an_impossible_group_id_in_the_user_admin_is_refused(client, office, officer):
    office.is_superuser = True
    office.save()
    client.force_login(office)
    groups = list(officer.groups.values_list("pk", flat=True))
    response = client.post(f"/quan-tri/auth/user/{officer.pk}/change/", {
        "username": "doi-ten", "date_joined_0": "01/01/2025", "date_joined_1": "00:00:00",
        "groups": [TWENTY_DIGITS],
    })
    assert response.status_code == 200
    assert "Lựa chọn không hợp lệ" in page(response)
    officer.refresh_from_db()
    assert officer.username == "officer"
    assert list(officer.groups.values_list("pk", flat=True)) == groups
