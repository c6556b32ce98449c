import pytest
from django.urls import reverse

from theodoi.tasks.models import Task
from theodoi.tasks.selectors import task_list


@pytest.fixture
def tasks(document):
    Task.objects.create(document=document, title="Hoàn thiện hạ tầng giao thông liên vùng")
    Task.objects.create(document=document, title="Xây dựng chính quyền số")
    Task.objects.create(document=document, title="Phát triển khu đô thị Hoà Bình")  # new-style tone
    Task.objects.create(document=document, title="Quy hoạch", output="Đề án hạ tầng giao thông tĩnh")


@pytest.mark.django_db
@pytest.mark.parametrize("query, expected", [
    ("ha tang giao thong", {"Hoàn thiện hạ tầng giao thông liên vùng", "Quy hoạch"}),
    ("hạ tầng giao thông", {"Hoàn thiện hạ tầng giao thông liên vùng", "Quy hoạch"}),
    ("HA TANG", {"Hoàn thiện hạ tầng giao thông liên vùng", "Quy hoạch"}),
    ("chinh quyen so", {"Xây dựng chính quyền số"}),
    ("Hòa Bình", {"Phát triển khu đô thị Hoà Bình"}),  # old-style query, new-style data
    ("hoa binh", {"Phát triển khu đô thị Hoà Bình"}),
    ("duong sat", set()),
])
def test_search_ignores_diacritics_case_and_tone_placement(office, tasks, query, expected):
    _, results = task_list(user=office, filters={"q": query})
    assert {t.title for t in results} == expected


@pytest.mark.django_db
def test_search_through_the_page(client, office, tasks):
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {"q": "giao thong"})
    assert response.status_code == 200
    assert "Hoàn thiện hạ tầng giao thông liên vùng" in response.content.decode()
    assert "Xây dựng chính quyền số" not in response.content.decode()


@pytest.mark.django_db
def test_htmx_request_gets_only_the_rows(client, office, tasks):
    client.force_login(office)
    response = client.get(reverse("tasks:list"), {"q": "so"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="task-results">')
    assert "<html" not in body
