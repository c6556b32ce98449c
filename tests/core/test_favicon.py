"""Every page has an icon from our static files: the portal's and the staff's pages name it,
and /favicon.ico (which browsers ask for when a page names none: the admin, the API's
Redoc, error pages) leads to it instead of a 404."""

import re

import pytest

pytestmark = pytest.mark.django_db


def fetched(client, url: str):
    response = client.get(url, follow=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def icons_of(html: str) -> list[str]:
    return re.findall(r'<link rel="icon" href="([^"]+)"', html)


@pytest.mark.parametrize("page", ["/cong-khai/", "/dang-nhap/", "/", "/nhiem-vu/", "/api/v1/redoc/"])
def test_portal_and_staff_pages_name_an_icon_that_is_served(client, office, page):
    client.force_login(office)
    html = client.get(page).content.decode()
    icons = icons_of(html)
    assert icons, f"{page} names no icon"
    for icon in icons:
        assert icon.startswith("/static/theodoi/favicon."), icon
        response, body = fetched(client, icon)
        assert response.status_code == 200 and body, icon
        assert response["Content-Type"].startswith("image/"), (icon, response["Content-Type"])


def test_favicon_ico_is_an_icon_not_a_404(client):
    response, body = fetched(client, "/favicon.ico")
    assert response.status_code == 200
    assert response.redirect_chain and response.redirect_chain[0][0].startswith("/static/theodoi/favicon")
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header: a real icon, not a page
