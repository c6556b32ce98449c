"""The official report's title block: "Tình hình thực hiện <kind> số <number> ngày …", then
the document's title without repeating its kind and number, then the period; all in
Vietnamese whatever language the office's screens are in (it is an official document)."""

import datetime as dt
import io

import pytest
from django.utils import translation
from docx import Document as read_docx

from tests.reports.test_official import DATE, Q4
from tests.tasks.factories import DocumentFactory, TaskFactory
from theodoi.reports.files import build_report

pytestmark = pytest.mark.django_db


def title_block(office, document) -> list[str]:
    data = build_report(user=office, document=document, period=Q4, kind="docx", date=DATE)
    lines = [p.text for p in read_docx(io.BytesIO(data)).paragraphs]
    start = lines.index("BÁO CÁO")
    return lines[start + 1:start + 3]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_subtitle_does_not_repeat_the_number(office, language):
    document = DocumentFactory(number="7/NQ-CP", kind="nghi-quyet", issued_on=dt.date(2025, 1, 10),
                               title="Nghị quyết số 7/NQ-CP ban hành Chương trình hành động của Chính phủ")
    TaskFactory(document=document)
    with translation.override(language):
        block = title_block(office, document)
    assert block == ["Tình hình thực hiện Nghị quyết số 7/NQ-CP ngày 10/01/2025",
                     "ban hành Chương trình hành động của Chính phủ – Quý IV/2025"]


def test_a_title_that_is_only_the_number_leaves_the_period(office):
    document = DocumentFactory(number="35-CT/TW", kind="chi-thi", title="Chỉ thị số 35-CT/TW", issued_on=None)
    TaskFactory(document=document)
    assert title_block(office, document) == ["Tình hình thực hiện Chỉ thị số 35-CT/TW", "Quý IV/2025"]
