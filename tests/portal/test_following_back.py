"""After asking to follow, a visitor can get back to what they followed and is told how to
stop; a staff member sees that they already follow a task or programme and can stop there."""

import re

from django.urls import reverse

from theodoi.portal.models import Follow


def test_the_visitor_gets_back_to_what_they_followed(client, public_world, django_capture_on_commit_callbacks):
    task = public_world.task
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("portal:follow"), {"email": "ban-doc@example.org", "kind": "task",
                                                      "target": task.pk}).content.decode()
    links = re.findall(r'<a href="([^"]+)">', page.split("<main")[-1])
    assert any(link.endswith(reverse("portal:task", args=[task.pk])) for link in links), links
    assert "thôi theo dõi" in page


def test_staff_see_they_follow_and_can_stop(client, office, public_world):
    office.email = "vanphong@example.org"
    office.save()
    client.force_login(office)
    detail = reverse("tasks:detail", args=[public_world.task.pk])
    page = client.get(detail).text
    assert "Nhận tin qua e-mail</button>" in page and "Đang nhận tin qua e-mail" not in page

    followed = client.post(reverse("portal:follow_staff"), {"kind": "task", "target": public_world.task.pk,
                                                            "next": detail}, follow=True)
    assert followed.redirect_chain[-1][0] == detail
    assert "Đang nhận tin qua e-mail" in followed.text and "Thôi nhận tin</button>" in followed.text
    assert "Nhận tin qua e-mail</button>" not in followed.text
    assert Follow.objects.filter(kind="task", target_id=public_world.task.pk, confirmed_at__isnull=False).count() == 1

    stopped = client.post(reverse("portal:unfollow_staff"), {"kind": "task", "target": public_world.task.pk,
                                                             "next": detail}, follow=True)
    assert "Đã thôi nhận tin qua e-mail về nội dung này." in stopped.text
    assert "Nhận tin qua e-mail</button>" in stopped.text
    assert not Follow.objects.filter(kind="task", target_id=public_world.task.pk).exists()
