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


@pytest.mark.django_db
def test_the_agency_filter_offers_agencies_with_tasks_and_their_successors(client, office, document):
    from theodoi.agencies.models import Agency
    from tests.tasks.factories import TaskFactory, agency

    TaskFactory(document=document, title="Quy hoạch vốn", lead_agency=agency("Bộ Kế hoạch và Đầu tư"))
    client.force_login(office)
    page = client.get(reverse("tasks:list")).content.decode()
    select = page.split('name="agency"')[1].split("</select>")[0]
    assert "Bộ Kế hoạch và Đầu tư" in select and "Bộ Tài chính" in select  # its successor
    idle = Agency.objects.exclude(pk__in=Task.objects.values("lead_agency_id")).exclude(
        name="Bộ Tài chính").exclude(pk__in=Agency.succeeded_by.through.objects.values("to_agency_id")).first()
    assert idle is not None and f">{idle.name}<" not in select
    # A link to today's agency still filters: Bộ Tài chính lists its predecessor's task.
    finance = agency("Bộ Tài chính")
    listed = client.get(reverse("tasks:list"), {"agency": finance.pk, "current": "on"}).content.decode()
    assert "Quy hoạch vốn" in listed
