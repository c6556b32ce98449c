"""The staff layout: every staff page's header shows the menu of the user's roles, in their language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.fixture(autouse=True)
def _back_to_the_default_language():
    """A request activates its language for the thread; later tests expect the default."""
    yield
    translation.deactivate()


def menu_links(client, user, language: str = "vi") -> list[str]:
    client.force_login(user)
    client.cookies["django_language"] = language
    html = client.get(reverse("tasks:list")).text
    nav = re.search(r'<nav aria-label="[^"]*">(.*?)</nav>', html, re.S)
    assert nav, "the staff page has its main menu"
    return re.findall(r'<a href="[^"]*">([^<]*)</a>', nav.group(1))


@pytest.mark.django_db
def test_each_user_sees_the_menu_of_their_roles_in_their_language(client, office, officer, leader):
    # One after the other in the same process: the menu is rendered once per kind of user,
    # so an office user's menu must never reach an officer or a leader, nor Vietnamese an
    # English reader.
    office_vi = menu_links(client, office)
    assert office_vi[:2] == ["Tổng quan", "Nhiệm vụ"]
    assert {"Việc của tôi", "Nhập văn bản", "Lấy ý kiến", "Quản trị"} <= set(office_vi)
    officer_vi = menu_links(client, officer)
    assert "Việc của tôi" in officer_vi
    assert not {"Nhập văn bản", "Lấy ý kiến", "Quản trị"} & set(officer_vi)
    leader_vi = menu_links(client, leader)
    assert not {"Việc của tôi", "Nhập văn bản", "Quản trị"} & set(leader_vi)
    office_en = menu_links(client, office, "en")
    assert {"Overview", "My tasks", "Upload a document", "Administration"} <= set(office_en)
    assert "Tổng quan" not in office_en
    officer_en = menu_links(client, officer, "en")
    assert "My tasks" in officer_en and "Upload a document" not in officer_en
    # The office without the admin site's staff flag has no link to it.
    office.is_staff = False
    office.save()
    assert "Quản trị" not in menu_links(client, office)


@pytest.mark.django_db
def test_the_header_names_the_user_and_their_agency(client, officer, plain_user):
    from theodoi.agencies.models import Agency

    city = Agency.objects.get(name="Ủy ban nhân dân thành phố Hải Phòng")
    city.short_name = "UBND TP <Hải Phòng>"
    city.save()
    officer.first_name = "Lan"
    officer.save()
    client.force_login(officer)
    html = client.get(reverse("tasks:list")).text
    assert ('<span title="Ủy ban nhân dân thành phố Hải Phòng">Lan<span class="agency"> · '
            "UBND TP &lt;Hải Phòng&gt;</span></span>") in html
    # Without a membership the header names the user alone (the login page shows the layout).
    client.force_login(plain_user)
    html = client.get(reverse("login")).text
    assert '<div class="who">\n    <span>nobody</span>' in html
