"""Every portal page, anonymous, over a database holding every kind of non-public data."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.public_markers import PUBLIC_NOTE, PUBLIC_TITLE, PUBLISHED_EVIDENCE, assert_no_markers
from theodoi.portal import visibility


def _pages(w) -> dict[str, str]:
    agency = w.task.lead_agency_id
    return {
        "home": reverse("portal:home"),
        "programme": reverse("portal:programme", args=[w.document.pk]),
        "task list": reverse("portal:tasks"),
        "task list, filtered": reverse("portal:tasks") + f"?q=ha+tang&domain=ha-tang&status=open_on_time&agency={agency}",
        "task list, page 2": reverse("portal:tasks") + "?trang=2",
        "task": reverse("portal:task", args=[w.task.pk]),
        "other task": reverse("portal:task", args=[w.other_public_task.pk]),
        "agency": reverse("portal:agency", args=[agency]),
    }


def test_no_page_shows_anything_not_public(client, public_world):
    for name, url in _pages(public_world).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_no_markers(response.content, where=name)
        for language in ("en",):
            client.cookies[settings.PORTAL_LANGUAGE_COOKIE_NAME] = language
            english = client.get(url).content
            assert b'<html lang="en">' in english, name
            assert_no_markers(english, where=f"{name} ({language})")
            del client.cookies[settings.PORTAL_LANGUAGE_COOKIE_NAME]


def test_unpublished_objects_are_not_found(client, public_world):
    w = public_world
    assert client.get(reverse("portal:task", args=[w.hidden_task.pk])).status_code == 404
    assert client.get(reverse("portal:programme", args=[w.hidden_document.pk])).status_code == 404
    hidden_doc_task = w.hidden_document.tasks.get()
    assert client.get(reverse("portal:task", args=[hidden_doc_task.pk])).status_code == 404
    unpublished_file = w.task.reports.get(state="returned").evidence.get()
    assert client.get(reverse("portal:evidence", args=[unpublished_file.pk])).status_code == 404


def test_task_page_shows_what_the_public_may_read(client, public_world):
    w = public_world
    page = client.get(reverse("portal:task", args=[w.task.pk])).content.decode()
    assert PUBLIC_TITLE in page and PUBLIC_NOTE in page and PUBLISHED_EVIDENCE in page
    assert "Bộ Xây dựng" in page  # coordinating agency
    assert "31/12/2026" in page and "70%" in page
    assert "Chưa hoàn thành – trong hạn" in page
    assert "Dữ liệu cập nhật lần cuối" in page


def test_published_evidence_downloads(client, public_world):
    response = client.get(reverse("portal:evidence", args=[public_world.evidence.pk]))
    assert response.status_code == 200
    assert PUBLISHED_EVIDENCE in response.headers["Content-Disposition"]


def test_programme_page_marks_published_spans_and_links_them(client, public_world):
    w = public_world
    page = client.get(reverse("portal:programme", args=[w.document.pk])).content.decode()
    assert f'href="{reverse("portal:task", args=[w.task.pk])}"><mark>hoàn thiện hạ tầng giao thông liên vùng</mark>' in page


def test_programme_chain_names_published_documents_only(client, public_world):
    from theodoi.documents.models import Document, DocumentLink

    w = public_world
    root = Document.objects.create(kind="nghi-quyet", number="45-NQ/TW", title="Nghị quyết 45", published=True)
    middle = Document.objects.create(kind="ket-luan", number="96-KL/TW", title="Kết luận 96", published=True)
    DocumentLink.objects.create(source=w.document, target=middle, relation="implements")
    DocumentLink.objects.create(source=middle, target=root, relation="implements")
    page = client.get(reverse("portal:programme", args=[w.document.pk])).content.decode()
    assert page.index("45-NQ/TW") < page.index("96-KL/TW") < page.index("<strong aria-current")
    assert_no_markers(page)


def test_search_without_diacritics_and_filters(client, public_world):
    page = client.get(reverse("portal:tasks"), {"q": "ha tang giao thong"}).content.decode()
    assert PUBLIC_TITLE in page and "Xây dựng chính quyền số" not in page
    page = client.get(reverse("portal:tasks"), {"domain": "khcn-cds"}).content.decode()
    assert "Xây dựng chính quyền số" in page and PUBLIC_TITLE not in page
    page = client.get(reverse("portal:agency", args=[visibility.public_agencies().get(name="Bộ Xây dựng").pk])).content.decode()
    assert PUBLIC_TITLE in page and "Xây dựng chính quyền số" not in page  # it coordinates only the first


def test_bad_input_is_a_message_not_an_error(client, public_world):
    response = client.get(reverse("portal:tasks"), {"q": "x " * 400, "status": "nonsense", "trang": "zz"})
    assert response.status_code == 200
    assert "tối đa" in response.content.decode()


def test_home_counts_in_the_four_states(client, public_world):
    page = client.get(reverse("portal:home")).content.decode()
    assert "7/NQ-CP" in page and "Nghị quyết số 7/NQ-CP" in page
    assert "Hạ tầng" in page or "hạ tầng" in page


def test_pages_are_cacheable_and_revalidate(client, public_world):
    url = reverse("portal:task", args=[public_world.task.pk])
    first = client.get(url)
    assert "public" in first.headers["Cache-Control"] and "max-age" in first.headers["Cache-Control"]
    assert first.headers["Last-Modified"] and first.headers["ETag"]
    assert "Set-Cookie" not in first.headers and not first.cookies
    again = client.get(url, HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert again.status_code == 304


def test_english(client, public_world):
    client.get(reverse("portal:language", args=["en"]) + "?next=/cong-khai/")
    page = client.get(reverse("portal:home")).content.decode()
    assert 'lang="en"' in page and "Progress of the action programmes" in page and "Programmes" in page


def test_the_portal_and_the_staff_screens_keep_their_own_language(client, office, public_world):
    """A citizen choosing English on the portal of a shared browser does not switch the
    officer's screens, and the officer's English does not switch the portal."""
    client.get(reverse("portal:language", args=["en"]) + "?next=/cong-khai/")
    assert 'lang="en"' in client.get(reverse("portal:home")).content.decode()
    client.force_login(office)
    assert '<html lang="vi">' in client.get(reverse("tasks:dashboard")).content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("tasks:dashboard")).content.decode()
    client.get(reverse("portal:language", args=["vi"]) + "?next=/cong-khai/")
    assert '<html lang="vi">' in client.get(reverse("portal:home")).content.decode()
    assert '<html lang="en">' in client.get(reverse("tasks:dashboard")).content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_language_switch_stays_on_the_site(client, target):
    response = client.get(reverse("portal:language", args=["en"]), {"next": target})
    assert response.headers["Location"] == "/cong-khai/"


def test_home_shows_approved_indicator_values_against_targets(client, public_world):
    from tests.public_markers import PUBLIC_INDICATOR

    page = client.get(reverse("portal:home")).content.decode()
    assert PUBLIC_INDICATOR in page and "11,01%" in page and "tăng 8,0 - 8,5%/năm (2025–2030)" in page
    assert "Đạt mục tiêu" in page
    assert "97,5" not in page  # the submitted, not yet approved value
