"""Consultation on a draft as visitors and the office use it: comments on sections that
survive a new version, moderation, supports, the summary; and what is never public."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as DocxDocument
from openpyxl import load_workbook

from tests.consultations.test_sections import DRAFT_V1
from theodoi.consultations import services
from theodoi.consultations.models import Comment, Consultation, DraftVersion

pytestmark = pytest.mark.django_db

CONTACT = "nguoi-gop-y-7Q2@example.vn"


def comment(client: Client, consultation, key: str, text: str, **extra):
    data = {"section_key": key, "text": text, "author_name": "Chị Lan", "contact": CONTACT, **extra}
    return client.post(reverse("consultations:comment", args=[consultation.pk]), data, follow=True)


def new_version(office, consultation, text: str):
    return services.version_add(actor=office, consultation=consultation, name="ban-2.txt", data=text.encode())


def test_a_first_comment_waits_for_moderation_then_shows_on_its_section(client, consultation, office):
    response = comment(client, consultation, "dieu-3", "Mức 20.000 đồng là cao với hộ nhỏ.")
    assert "Góp ý sẽ hiện sau khi Văn phòng kiểm duyệt" in response.content.decode()
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Mức 20.000 đồng là cao" not in page
    services.comment_publish(actor=office, comment=Comment.objects.get())
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    section = page.split('id="phan-dieu-3"')[1].split("</section>")[0]
    assert "Mức 20.000 đồng là cao với hộ nhỏ." in section
    # Once published, the same visitor's next comment is no longer first-time.
    comment(client, consultation, "dieu-1", "Nên nói rõ vỉa hè nào.")
    assert Comment.objects.get(section_key="dieu-1").state == Comment.State.PUBLISHED


def test_a_comment_on_version_1_stays_on_its_section_in_version_2_and_says_so(client, consultation, office):
    comment(client, consultation, "dieu-3", "Nên giảm mức thu.")
    comment(client, consultation, "dieu-1", "Phạm vi rõ ràng.")
    for c in Comment.objects.all():
        services.comment_publish(actor=office, comment=c)
    v2 = DRAFT_V1.replace("Điều 3. Mức thu phí\nMức thu là 20.000 đồng/m2/tháng.",
                          "Điều 3. Thời gian sử dụng\nTừ 6 giờ đến 22 giờ.\nĐiều 4. Mức thu phí\nMức thu là 15.000 đồng/m2/tháng.")
    v2 = v2.replace("Điều 4. Hiệu lực thi hành", "Điều 5. Hiệu lực thi hành")
    new_version(office, consultation, v2)
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    sections = {chunk.split('"', 1)[0]: chunk for chunk in page.split('id="phan-')[1:]}
    edited = next(chunk for chunk in sections.values() if "Điều 4. Mức thu phí" in chunk.split("</h2>")[0])
    assert "Nên giảm mức thu." in edited and "góp ý trên bản dự thảo 1" in edited
    unchanged = sections["dieu-1"]
    assert "Phạm vi rõ ràng." in unchanged and "góp ý trên bản dự thảo 1" in unchanged
    # The new article has no comment; the old version still shows the comment on its own text.
    new = next(chunk for chunk in sections.values() if "Điều 3. Thời gian sử dụng" in chunk.split("</h2>")[0])
    assert "Nên giảm mức thu." not in new
    old = client.get(reverse("consultations:version", args=[consultation.pk, 1])).content.decode()
    old_section = old.split('id="phan-dieu-3"')[1].split("</section>")[0]
    assert "Mức thu là 20.000 đồng/m2/tháng." in old_section and "Nên giảm mức thu." in old_section


def test_a_hidden_comment_disappears_its_author_sees_why_and_the_change_is_audited(client, consultation, office):
    comment(client, consultation, "dieu-2", "Nội dung quảng cáo không liên quan.")
    hidden = services.comment_hide(actor=office, comment=Comment.objects.get(), reason="Không liên quan đến dự thảo")
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "quảng cáo" not in page
    mine = client.get(reverse("consultations:mine", args=[hidden.author_token])).content.decode()
    assert "Đã ẩn" in mine and "Không liên quan đến dự thảo" in mine
    last = hidden.history.first()
    assert last.history_user == office and last.history_change_reason == "Không liên quan đến dự thảo"
    with pytest.raises(Exception, match="lý do"):
        services.comment_hide(actor=office, comment=hidden, reason="  ")


def test_only_the_office_moderates_and_a_refusal_changes_nothing(client, consultation, officer):
    comment(Client(), consultation, "dieu-2", "Ý kiến chờ duyệt.")
    pending = Comment.objects.get()
    client.force_login(officer)
    url = reverse("consultations:moderate_comment", args=[pending.pk, "dang"])
    assert client.post(url).status_code == 403
    assert client.get(reverse("consultations:moderate", args=[consultation.pk])).status_code == 403
    pending.refresh_from_db()
    assert pending.state == Comment.State.PENDING and pending.history.count() == 1


def test_the_office_pages_refuse_an_officer_alike_for_an_existing_and_a_missing_id(client, consultation, officer,
                                                                                   office):
    """As on every staff page, the role comes before the lookup: an officer is told "no
    permission" for any id (not "not found" for ids that do not exist, which told them which
    do); the office gets the 404 for a missing one."""
    comment(Client(), consultation, "dieu-2", "Ý kiến chờ duyệt.")
    existing, missing = consultation.pk, consultation.pk + 1000
    pending = Comment.objects.get().pk

    def answers(pk: int, comment_pk: int) -> list[int]:
        return [
            client.get(reverse("consultations:moderate", args=[pk])).status_code,
            client.post(reverse("consultations:moderate_comment", args=[comment_pk, "dang"])).status_code,
            client.post(reverse("consultations:version_create", args=[pk])).status_code,
            client.post(reverse("consultations:response", args=[pk])).status_code,
            client.post(reverse("consultations:adopt", args=[pk])).status_code,
            client.get(reverse("consultations:summary", args=[pk, "xlsx"])).status_code,
        ]

    client.force_login(officer)
    assert answers(existing, pending) == [403] * 6
    assert answers(missing, pending + 1000) == [403] * 6
    client.force_login(office)
    assert answers(missing, pending + 1000) == [404] * 6


def test_a_browser_supports_a_comment_once(client, consultation, office):
    comment(client, consultation, "dieu-2", "Đồng ý.")
    published = services.comment_publish(actor=office, comment=Comment.objects.get())
    url = reverse("consultations:support", args=[published.pk])
    client.post(url)
    second = client.post(url, follow=True).content.decode()
    Client().post(url)
    assert "Bạn đã ủng hộ góp ý này." in second
    published.refresh_from_db()
    assert published.support_count == 2


def test_a_closed_consultation_takes_no_comment(client, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=consultation.opens_on)
    consultation.refresh_from_db()
    if consultation.is_open():  # opened yesterday: move both dates into the past
        Consultation.objects.filter(pk=consultation.pk).update(
            opens_on=consultation.opens_on.replace(year=2020), closes_on=consultation.opens_on.replace(year=2020))
    response = comment(client, consultation, "dieu-2", "Muộn.")
    assert "không mở nhận góp ý" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_summary_counts_sections_and_carries_responses_but_no_contact(client, consultation, office):
    comment(client, consultation, "dieu-3", "Giảm phí cho hộ nghèo.")
    c = services.comment_publish(actor=office, comment=Comment.objects.get())
    services.comment_support(comment=c, client_key="another-browser")
    services.response_add(actor=office, consultation=consultation, section_key="dieu-3", kind="tiep-thu",
                          text="Bổ sung miễn phí cho hộ nghèo.", comment_ids=[c.pk])
    client.force_login(office)
    docx = client.get(reverse("consultations:summary", args=[consultation.pk, "docx"]))
    table = DocxDocument(io.BytesIO(docx.content)).tables[0]
    row = next(r for r in table.rows if r.cells[0].text == "Điều 3. Mức thu phí")
    assert [cell.text for cell in row.cells[1:4]] == ["1", "0", "0"]
    assert "(1) Giảm phí cho hộ nghèo." in row.cells[4].text and "Tiếp thu: Bổ sung miễn phí" in row.cells[5].text
    xlsx = client.get(reverse("consultations:summary", args=[consultation.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert ["Điều 3. Mức thu phí", 1, 0, 0] == values[4][:4]
    for blob in (docx.content, xlsx.content):
        assert CONTACT.encode() not in blob
    # Seen in the documents' text too, not only in their bytes.
    assert CONTACT not in " ".join(str(v) for line in values for v in line)


def test_contact_details_never_reach_a_public_page(client, consultation, office):
    comment(client, consultation, "dieu-2", "Có liên hệ riêng.", author_name="Anh Minh")
    published = services.comment_publish(actor=office, comment=Comment.objects.get())
    visitor = Client()
    pages = [reverse("consultations:list"), reverse("consultations:detail", args=[consultation.pk]),
             reverse("consultations:version", args=[consultation.pk, 1]),
             reverse("consultations:mine", args=[published.author_token])]
    for url in pages:
        body = visitor.get(url).content.decode()
        assert CONTACT not in body and published.client_key not in body
    assert "Anh Minh" in visitor.get(pages[1]).content.decode()


@pytest.mark.parametrize("field", ["text", "author_name"])
def test_script_in_a_comment_is_shown_as_text(client, consultation, office, field):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    values = {"text": "Góp ý", field: payload}
    client.post(reverse("consultations:comment", args=[consultation.pk]),
                {"section_key": "dieu-2", "contact": "", **values})
    services.comment_publish(actor=office, comment=Comment.objects.get())
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert payload not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_10_mb_comment_a_filled_honeypot_and_an_unknown_section_store_nothing(client, consultation):
    huge = comment(client, consultation, "dieu-2", "a" * 10_000_000)
    assert huge.status_code == 413 and "Góp ý quá dài" in huge.content.decode()
    long = comment(client, consultation, "dieu-2", "a" * 6_000)
    assert "Góp ý dài quá 5.000 ký tự" in long.content.decode()
    bot = comment(client, consultation, "dieu-2", "Mua ngay", website="http://spam.example")
    assert "Không gửi được góp ý" in bot.content.decode()
    nowhere = comment(client, consultation, "dieu-99", "Phần không có")
    assert "Không có phần này" in nowhere.content.decode()
    assert not Comment.objects.exists()


def test_rapid_comments_from_one_client_are_refused_with_a_message(client, consultation):
    statuses = [client.post(reverse("consultations:comment", args=[consultation.pk]),
                            {"section_key": "dieu-2", "text": f"Góp ý số {i}"}).status_code for i in range(25)]
    assert statuses[:20] == [302] * 20 and statuses[20:] == [429] * 5
    assert Comment.objects.count() == 20
    refused = client.post(reverse("consultations:comment", args=[consultation.pk]), {"section_key": "dieu-2", "text": "x"})
    assert "quá nhiều lần" in refused.content.decode()


def test_a_draft_that_cannot_be_read_creates_nothing(office):
    from theodoi.core.exceptions import ApplicationError
    from theodoi.agencies.models import Agency
    with pytest.raises(ApplicationError):
        services.consultation_create(actor=office, title="Rỗng", drafting_agency=Agency.objects.first(),
                                     opens_on=consultation_date(), closes_on=consultation_date(),
                                     name="rong.txt", data=b"   ")
    assert not Consultation.objects.exists() and not DraftVersion.objects.exists()


def consultation_date():
    from django.utils import timezone
    return timezone.localdate()


def test_with_holding_off_a_first_comment_is_published_at_once(client, consultation, settings):
    settings.CONSULTATION_HOLD_FIRST_COMMENTS = False
    comment(client, consultation, "dieu-2", "Đăng ngay.")
    assert Comment.objects.get().state == Comment.State.PUBLISHED


def test_the_adopted_document_and_its_consultation_link_to_each_other(client, consultation, office, document):
    client.force_login(office)
    client.post(reverse("consultations:adopt", args=[consultation.pk]), {"number": document.number})
    consultation.refresh_from_db()
    assert consultation.adopted_document == document
    assert str(document) in client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    page = client.get(reverse("tasks:document", args=[document.pk])).content.decode()
    assert reverse("consultations:detail", args=[consultation.pk]) in page
    refused = client.post(reverse("consultations:adopt", args=[consultation.pk]), {"number": "999/KHÔNG-CÓ"}, follow=True)
    assert "Không có văn bản số 999/KHÔNG-CÓ" in refused.content.decode()


def test_the_page_reads_in_english_when_chosen(client, consultation):
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Comment on this section" in page and "Preamble" in page
