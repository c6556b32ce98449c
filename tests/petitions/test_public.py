"""Public pages, Open311 and hostile input: contact details never leave the staff screens."""

import io
import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from tests.conftest import agency, make_user
from theodoi.core.roles import LEADER
from theodoi.petitions import services
from theodoi.petitions.models import Attachment, Category, Petition

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "Markername Zq7731", "0909773100", "marker-zq7731@example.vn"
MARKERS = (NAME, "Zq7731", PHONE, "zq7731")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
NEW = reverse("petitions:new")


def form_data(**extra):
    data = {"category": Category.objects.get(code="moi-truong").pk, "title": "Khói từ xưởng nhựa",
            "text": "Xưởng tái chế nhựa đốt rác ban đêm, khói đen bay vào nhà dân.", "address": "Thôn 3, xã An Lão",
            "latitude": "20.8230", "longitude": "106.5550", "contact_name": NAME, "contact_phone": PHONE,
            "contact_email": EMAIL, "website": ""}
    data.update(extra)
    return data


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (20.0, 49.0, 22.0), 3: "E", 4: (106.0, 33.0, 18.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_form_says_who_sees_each_field(client):
    page = client.get(NEW).content.decode()
    assert page.count("Chỉ Văn phòng UBND và cơ quan được giao xử lý thấy") >= 4  # files, name, phone, e-mail
    assert "Công khai trên trang theo dõi" in page


def test_submit_then_follow_by_code_without_contact_details(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, form_data(), follow=True)
    petition = Petition.objects.get()
    page = response.content.decode()
    assert petition.display_code in page and "Khói từ xưởng nhựa" in page
    assert mail.outbox[0].to == [EMAIL] and petition.display_code in mail.outbox[0].body
    lookup = client.get(reverse("petitions:lookup"), {"code": petition.display_code.lower()}, follow=True)
    for body in (page, lookup.content.decode()):
        for marker in MARKERS:
            assert marker not in body
    assert client.get(reverse("petitions:lookup"), {"code": "KN-0000-0000-0000"}).status_code == 404


def test_open311_never_contains_contact_details_and_follows_the_field_list(client, office):
    for i in range(3):
        client.post(NEW, form_data(title=f"Khói {i}"))
    petition = Petition.objects.first()
    services.petition_assign(petition=petition, agency=agency(petition.proposals[0]["agency"]), actor=office)
    # GeoReport v2 (wiki.open311.org/GeoReport_v2): the fields of a service and of a request.
    service_fields = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
    request_fields = {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                      "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                      "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"}
    responses = [client.get("/open311/v2/services.json"), client.get("/open311/v2/requests.json"),
                 client.get(f"/open311/v2/requests/{petition.pk}.json"),
                 client.get("/open311/v2/requests.json", {"page": 2, "page_size": 2})]
    for response in responses:
        assert response.status_code == 200 and response["Content-Type"] == "application/json"
        for marker in MARKERS:
            assert marker not in response.content.decode()
    services_, requests_, one, page2 = (json.loads(r.content) for r in responses)
    assert all(set(s) == service_fields for s in services_) and {s["service_code"] for s in services_} >= {"moi-truong"}
    assert all(set(r) == request_fields for r in requests_ + one + page2)
    assert len(requests_) == 3 and len(page2) == 1
    assert {r["status"] for r in requests_} == {"open"}
    assert one[0]["agency_responsible"] == "Sở Nông nghiệp và Môi trường thành phố Hải Phòng"
    assert "Đã chuyển cơ quan xử lý" in one[0]["status_notes"] and one[0]["lat"] == 20.823
    missing = client.get("/open311/v2/requests/999999.json")
    assert missing.status_code == 404 and json.loads(missing.content)[0]["code"] == 404
    assert client.get("/open311/v2/requests.json", {"start_date": "hôm qua"}).status_code == 400


def test_staff_see_contact_only_when_allowed(client, office):
    client.post(NEW, form_data())
    petition = Petition.objects.get()
    client.force_login(office)
    assert NAME in client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    client.force_login(make_user("lead2", LEADER, "Ủy ban nhân dân thành phố Hải Phòng"))
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert petition.title in page and NAME not in page and PHONE not in page


def test_xss_in_every_text_field_is_escaped(client, office):
    data = form_data(title=XSS[:190], text=XSS, address=XSS, contact_name=XSS[:120])
    assert client.post(NEW, data).status_code == 302
    petition = Petition.objects.get()
    client.force_login(office)
    services.petition_assign(petition=petition, agency=agency("Sở Y tế thành phố Hải Phòng"), actor=office)
    client.post(reverse("petitions:act", args=[petition.pk, "answer"]), {"answer": XSS})
    for url in (reverse("petitions:track", args=[petition.code]), reverse("petitions:detail", args=[petition.pk]),
                reverse("petitions:inbox")):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert" in body


def test_ten_megabyte_text_is_refused_with_a_message(client):
    response = client.post(NEW, form_data(text="a" * (10 * 1024 * 1024)))
    assert response.status_code == 413 and "quá lớn" in response.content.decode()
    assert not Petition.objects.exists()


def test_long_text_under_the_request_limit_is_refused_by_the_form(client):
    response = client.post(NEW, form_data(text="b" * 20_000))
    assert response.status_code == 400 and not Petition.objects.exists()


def test_script_named_jpg_is_refused(client):
    upload = io.BytesIO(b"#!/bin/sh\nrm -rf /\n")
    upload.name = "anh-hien-truong.jpg"
    response = client.post(NEW, {**form_data(), "files": upload})
    assert response.status_code == 400 and "không được nhận" in response.content.decode()
    assert not Petition.objects.exists() and not Attachment.objects.exists()


def test_gps_exif_is_stripped_from_stored_photos(client):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    upload = io.BytesIO(original)
    upload.name = "IMG_0001.JPG"
    assert client.post(NEW, {**form_data(), "files": upload}).status_code == 302
    stored = Attachment.objects.get()
    data = stored.file.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (64, 48)
    assert not image.getexif() and b"Exif" not in data and b"PhoneMaker" not in data


def test_honeypot_stores_nothing(client):
    response = client.post(NEW, form_data(website="http://spam.example"))
    assert response.status_code == 400 and "Để trống ô này" in response.content.decode()
    assert not Petition.objects.exists()


def test_two_hundred_rapid_submissions_from_one_client(client):
    codes = [client.post(NEW, form_data(title=f"Gửi lần {i}"), REMOTE_ADDR="203.0.113.9").status_code
             for i in range(200)]
    assert codes[:5] == [302] * 5 and set(codes[5:]) == {429}
    refused = client.post(NEW, form_data(), REMOTE_ADDR="203.0.113.9")
    assert "chưa được lưu" in refused.content.decode()
    assert Petition.objects.count() == 5
    # Another client is not held back by the first.
    assert client.post(NEW, form_data(), REMOTE_ADDR="198.51.100.7").status_code == 302


def test_inbox_filters_and_agency_list(client, office, other_officer):
    client.post(NEW, form_data())
    client.post(NEW, form_data(title="Ổ gà đường Tô Hiệu", category=Category.objects.get(code="giao-thong").pk,
                               text="Mặt đường có ổ gà."))
    road = Petition.objects.get(title="Ổ gà đường Tô Hiệu")
    services.petition_assign(petition=road, agency=agency("Sở Xây dựng thành phố Hải Phòng"), actor=office)
    inbox = reverse("petitions:inbox")
    assert client.get(inbox).status_code == 302  # the public is sent to the login page
    assert client.get(reverse("petitions:detail", args=[road.pk])).status_code == 302
    client.force_login(office)
    page = client.get(inbox, {"state": "assigned"}).content.decode()
    assert "Ổ gà đường Tô Hiệu" in page and "Khói từ xưởng nhựa" not in page
    # Every filter not chosen says so in words, the agency's too (it showed django's "---------").
    assert re.search(r'<select [^>]*name="agency"[^>]*>\s*<option value=""[^>]*>Tất cả</option>', page)
    assert "---------" not in page
    page = client.get(inbox, {"category": "moi-truong"}).content.decode()
    assert "Khói từ xưởng nhựa" in page and "Ổ gà đường Tô Hiệu" not in page
    client.force_login(other_officer)  # an officer of another agency
    assert "Ổ gà đường Tô Hiệu" not in client.get(inbox).content.decode()
    assert client.get(reverse("petitions:detail", args=[road.pk])).status_code == 404
    client.force_login(make_user("xd2", "Cán bộ cơ quan", "Sở Xây dựng thành phố Hải Phòng"))
    page = client.get(inbox).content.decode()
    assert "Ổ gà đường Tô Hiệu" in page and "Khói từ xưởng nhựa" not in page
    detail = client.get(reverse("petitions:detail", args=[road.pk])).content.decode()
    assert NAME in detail and "Gửi trả lời" in detail and "Chuyển xử lý" not in detail
