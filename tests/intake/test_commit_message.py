"""After *Tạo nhiệm vụ* the office reads how many tasks were created (and, for a new version
of a tracked document, how many were updated), to check against the document."""

import pytest
from django.urls import reverse

from tests.intake.test_intake import PLAN, upload
from theodoi.intake.models import Intake

pytestmark = pytest.mark.django_db


def commit(client, intake) -> str:
    client.post(reverse("intake:intake_action", args=[intake.pk, "accept-all"]))
    return client.post(reverse("intake:intake_action", args=[intake.pk, "commit"]), follow=True).content.decode()


def test_the_message_counts_the_tasks_created_then_those_a_new_version_updated(client, office):
    client.force_login(office)
    intake = upload(office)
    page = commit(client, intake)
    document = Intake.objects.get(pk=intake.pk).document
    assert document.tasks.count() == 4
    assert f"Đã tạo 4 nhiệm vụ cho {document}." in page

    revised = PLAN.replace("trong năm 2026", "trong năm 2027").replace(
        "- Sở Tài chính tham mưu bố trí vốn đầu tư công giai đoạn 2026-2030.\n",
        "- Công an thành phố bảo đảm an ninh trật tự các công trình trọng điểm.\n")
    page = commit(client, upload(office, revised, "ke-hoach-sua-doi.txt"))
    assert document.tasks.count() == 5
    assert f"Đã tạo 1 nhiệm vụ mới và cập nhật 3 nhiệm vụ theo bản mới của {document}." in page

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = commit(client, upload(office, revised.replace("2027", "2028"), "ke-hoach-2028.txt"))
    assert f"New version of {document}: tasks created 0, updated 4." in page
