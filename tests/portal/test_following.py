"""Following: double opt-in, the daily digest, no duplicate digest, unsubscribe without login."""

import re

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.public_markers import MARKERS, assert_no_markers
from theodoi.portal import services
from theodoi.portal.models import Digest, Follow
from theodoi.tasks.models import ProgressReport, Task
from theodoi.tasks.services import report_accept

ADDRESS = "nguoi-dan@example.org"


def _link(message, name: str) -> str:
    match = re.search(r"http://\S+/cong-khai/theo-doi/%s/\S+/" % name, message.body)
    assert match, message.body
    return match.group(0).replace("http://127.0.0.1:8000", "")


def _follow(client, django_capture_on_commit_callbacks, kind: str, target: int, email: str = ADDRESS):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("portal:follow"), {"email": email, "kind": kind, "target": target})


def test_follow_needs_the_confirmation_link(client, public_world, django_capture_on_commit_callbacks):
    w = public_world
    response = _follow(client, django_capture_on_commit_callbacks, "task", w.task.pk)
    assert response.status_code == 200 and ADDRESS not in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ADDRESS]
    follow = Follow.objects.get()
    assert follow.confirmed_at is None
    assert services.send_digests() == 0  # nothing before confirmation

    page = client.get(_link(mail.outbox[0], "xac-nhan"))
    assert page.status_code == 200 and ADDRESS not in page.content.decode()
    follow.refresh_from_db()
    assert follow.confirmed_at is not None


def test_confirmation_link_is_signed(client, public_world):
    assert client.get(reverse("portal:confirm", args=["forged:token"])).status_code == 400


def test_cannot_follow_what_is_not_public(client, public_world, django_capture_on_commit_callbacks):
    response = _follow(client, django_capture_on_commit_callbacks, "task", public_world.hidden_task.pk)
    assert response.status_code == 400 and not mail.outbox and not Follow.objects.exists()


def test_bad_address_is_refused_with_a_message(client, public_world):
    response = client.post(reverse("portal:follow"), {"email": "not an address", "kind": "task",
                                                      "target": public_world.task.pk})
    assert response.status_code == 400 and "không hợp lệ" in response.content.decode()


def _confirmed(client, callbacks, kind, target):
    _follow(client, callbacks, kind, target)
    client.get(_link(mail.outbox[-1], "xac-nhan"))  # what comes after this is news
    mail.outbox.clear()


def test_digest_lists_a_new_public_note_and_a_status_change_once(client, public_world,
                                                                   django_capture_on_commit_callbacks):
    w = public_world
    _confirmed(client, django_capture_on_commit_callbacks, "document", w.document.pk)
    services.record_status_changes()  # the job's first look: statuses as they are

    submitted = ProgressReport.objects.get(narrative=MARKERS["submitted_report"])
    report_accept(actor=w.office, report=submitted, public_note="Đã vận hành cổng dịch vụ công.")
    Task.objects.filter(pk=w.other_public_task.pk).update(settled_status="done_late")  # as settle() would

    assert services.send_digests() == 1
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert "Đã vận hành cổng dịch vụ công." in digest.body
    assert "Đã hoàn thành quá hạn" in digest.body  # the status change
    assert "/cong-khai/theo-doi/huy/" in digest.body and digest.extra_headers["List-Unsubscribe"]
    assert_no_markers(digest.body + digest.subject, where="the digest")

    assert services.send_digests() == 0  # second run: no duplicate
    call_command("send_digests")
    assert len(mail.outbox) == 1 and Digest.objects.count() == 1


def test_nothing_new_no_mail(client, public_world, django_capture_on_commit_callbacks):
    _confirmed(client, django_capture_on_commit_callbacks, "task", public_world.task.pk)
    assert services.send_digests() == 0 and not mail.outbox


def test_new_document_version_is_news(client, public_world, django_capture_on_commit_callbacks):
    from theodoi.core.audit import attribute_to

    w = public_world
    _confirmed(client, django_capture_on_commit_callbacks, "document", w.document.pk)
    w.document.refresh_from_db()
    w.document.text += " Bổ sung một đoạn."
    attribute_to(w.document, w.office, reason="Bản mới từ tệp").save()
    assert services.send_digests() == 1
    assert "Văn bản có bản mới" in mail.outbox[0].body


def test_unsubscribe_without_login(client, public_world, django_capture_on_commit_callbacks):
    _confirmed(client, django_capture_on_commit_callbacks, "agency", public_world.task.lead_agency_id)
    token_url = services.unsubscribe_url(Follow.objects.get().follower).replace("http://127.0.0.1:8000", "")
    page = client.get(token_url)
    assert page.status_code == 200 and Follow.objects.exists()  # a link scanner changes nothing
    assert client.post(token_url).status_code == 200
    assert not Follow.objects.exists()
    assert client.post(token_url.replace("huy/", "huy/x")).status_code == 400


def test_one_click_from_a_mail_program(client, public_world, django_capture_on_commit_callbacks):
    _follow(client, django_capture_on_commit_callbacks, "task", public_world.task.pk)
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").replace("http://127.0.0.1:8000", "")
    client.post(link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert not Follow.objects.exists()


def test_staff_follow_from_their_page_without_confirmation(client, public_world):
    w = public_world
    client.force_login(w.office)
    page = client.get(reverse("tasks:detail", args=[w.task.pk])).content.decode()
    assert reverse("portal:follow_staff") in page
    client.post(reverse("portal:follow_staff"), {"kind": "task", "target": w.task.pk,
                                                 "next": reverse("tasks:detail", args=[w.task.pk])})
    assert Follow.objects.get().confirmed_at is not None and not mail.outbox


def test_staff_follow_an_agency_from_its_task_list_and_its_ranking_page(client, public_world):
    """The staff's pages of an agency (the task list filtered to it, the ranking's drill-down)
    offer to follow it; the digest then brings its public tasks' news."""
    w = public_world
    agency_id = w.task.lead_agency_id
    client.force_login(w.office)
    listed = client.get(reverse("tasks:list"), {"agency": agency_id}).content.decode()
    assert 'name="kind" value="agency"' in listed and f'name="target" value="{agency_id}"' in listed
    assert 'name="kind" value="agency"' not in client.get(reverse("tasks:list")).content.decode()  # none chosen
    drill = client.get(reverse("reports:ranking_tasks"), {"agency": agency_id}).content.decode()
    assert f'name="target" value="{agency_id}"' in drill
    assert client.get(reverse("reports:ranking_tasks"), {"agency": "9" * 30}).status_code == 200

    response = client.post(reverse("portal:follow_staff"), {"kind": "agency", "target": agency_id,
                                                            "next": f"/nhiem-vu/?agency={agency_id}"})
    assert response.status_code == 302 and response.url == f"/nhiem-vu/?agency={agency_id}"
    follow = Follow.objects.get()
    assert (follow.kind, follow.target_id) == ("agency", agency_id) and follow.confirmed_at is not None
    assert not mail.outbox  # the account's own address: no confirmation mail
    services.record_status_changes()
    Task.objects.filter(pk=w.task.pk).update(settled_status="done_late")
    assert services.send_digests() == 1
    assert mail.outbox[0].to == [w.office.email] and w.task.title in mail.outbox[0].body
    assert_no_markers(mail.outbox[0].body, where="the agency digest")


def test_staff_without_an_address_are_not_offered_to_follow(client, public_world):
    w = public_world
    w.office.email = ""
    w.office.save()
    client.force_login(w.office)
    listed = client.get(reverse("tasks:list"), {"agency": w.task.lead_agency_id}).content.decode()
    assert reverse("portal:follow_staff") not in listed
