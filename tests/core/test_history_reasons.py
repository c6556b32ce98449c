"""A history row's reason is stored as the service wrote it (Vietnamese: the record); the
fixed ones read in the reader's language, with the part after them (a file's name) as stored."""

import re

import pytest
from django.urls import reverse

from tests.tasks.factories import DocumentFactory, xlsx_bytes
from theodoi.core.audit import reason_for_reader
from theodoi.tasks.importing import import_task_file
from theodoi.tasks.models import Task

pytestmark = pytest.mark.django_db

TABLE = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"],
         ["1", "Phát triển hệ thống y tế", "Bộ Y tế", "", "Báo cáo", "Thường xuyên"]]


def reasons_on_page(client, task) -> list[str]:
    return re.findall(r'<span class="muted small">\(([^)]*)\)</span>', client.get(reverse("tasks:detail", args=[task.pk])).text)


def test_an_imported_task_says_so_in_the_readers_language(client, office):
    import_task_file(actor=office, document=DocumentFactory(), name="phu-luc.xlsx", data=xlsx_bytes(TABLE))
    task = Task.objects.get()
    client.force_login(office)
    assert "Nhập từ bảng phu-luc.xlsx" in reasons_on_page(client, task)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Imported from table phu-luc.xlsx" in reasons_on_page(client, task)


def test_a_reason_someone_typed_is_shown_as_written():
    from django.utils import translation

    with translation.override("en"):
        assert reason_for_reader("Trả lại: Thiếu số liệu") == "Returned: Thiếu số liệu"
        assert reason_for_reader("Điều chỉnh theo ý kiến lãnh đạo") == "Điều chỉnh theo ý kiến lãnh đạo"
