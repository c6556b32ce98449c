"""Hostile uploads (issue 7, item 5): each is built here, refused with a message that says
what happened, leaves nothing behind, and is parsed within a stated memory ceiling."""

import datetime as dt
import io
import struct
import zipfile
import zlib

import openpyxl  # noqa: F401 - imported before any measurement: its first import (and numpy's,
import pytest      # which openpyxl loads when installed) is not the guard's memory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from theodoi.agencies.models import Agency
from theodoi.core.exceptions import ApplicationError
from theodoi.documents.models import Document
from theodoi.extraction.readers.pdf_reader import run_pdf_worker
from theodoi.intake import services as intake_services
from theodoi.intake.models import Candidate, Intake
from theodoi.tasks import services as task_services
from theodoi.tasks.importing import import_task_file
from theodoi.tasks.models import ProgressReport, ReportEvidence, Task
from theodoi.tasks.periods import period_containing
from tests.memory import MB, peak_memory



@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _deflate(content: bytes | int) -> tuple[bytes, int, int]:
    """Raw deflate of `content` (or of that many zero bytes, built a megabyte at a time)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    if isinstance(content, int):
        block = b"\0" * MB
        data = b"".join(compressor.compress(block) for _ in range(content // MB)) + compressor.flush()
        return data, 0, content
    return compressor.compress(content) + compressor.flush(), zlib.crc32(content), len(content)


def lying_zip(members: list[tuple[str, bytes | int]], *, declared: int) -> bytes:
    """A ZIP whose members of zeros (given as a size) declare only `declared` bytes, in the
    local header and in the central directory alike, as a hostile tool writes them."""
    out, central = io.BytesIO(), []
    for name, content in members:
        data, crc, size = _deflate(content)
        if isinstance(content, int):
            size = declared
        encoded, offset = name.encode(), out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
                  + encoded + data)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    directory, start = b"".join(central), out.tell()
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()


def lying_docx() -> bytes:
    # About 520 KB that inflate to 512 MB, each member declaring 1 KB.
    return lying_zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", 512 * MB)], declared=1024)


def pdf_with_page_content(content: bytes) -> bytes:
    """A one-page PDF whose page content stream is `content`, Flate-compressed."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_bomb() -> bytes:
    # About 120 KB whose one page holds 40 MB of text operators: minutes of pypdf's time.
    line = b"BT /F1 12 Tf 72 700 Td (Ban hanh ke hoach trien khai) Tj ET\n"
    return pdf_with_page_content(line * (40 * MB // len(line)))


def nothing_created() -> bool:
    return not (Intake.objects.exists() or Candidate.objects.exists() or Document.objects.exclude(number="7/NQ-CP").exists())


def test_docx_declaring_a_false_size_is_refused_without_inflating_it(office):
    data = lying_docx()
    assert len(data) < 600 * 1024
    with peak_memory() as measured, pytest.raises(ApplicationError, match="nó tự khai") as caught:
        intake_services.intake_create(actor=office, name="bom.docx", data=data)
    peak = measured["peak"]
    # Measured on this machine: about 0.3 MB and a few milliseconds (before: 1.15 GB, 2.5 s).
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB"
    assert "word/document.xml" in caught.value.message and "bom nén" in caught.value.message
    assert nothing_created()


def test_false_size_xlsx_is_refused_by_the_same_guard(office, document):
    data = lying_zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>"),
                      ("xl/worksheets/sheet1.xml", 512 * MB)], declared=2048)
    with peak_memory() as measured, pytest.raises(ApplicationError, match="tự khai"):
        import_task_file(actor=office, document=document, name="bang.xlsx", data=data)
    peak = measured["peak"]
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB"
    assert not Task.objects.filter(document=document).exists()


def test_pdf_whose_page_inflates_to_40_mb_is_refused_as_such_not_as_a_scan(office):
    data = pdf_bomb()
    assert len(data) < 200 * 1024
    result = run_pdf_worker(data)
    assert result.document is None and result.error is not None and result.error.code == "unsafe"
    assert "trang 1" in result.error.message and "giải nén lớn hơn 2 MB" in result.error.message
    assert "OCR" not in result.error.message
    # The child's own peak resident memory, counted by the kernel (VmHWM): Python and
    # pypdf take about 40 MB; the 40 MB page is never held (measured: 43 MB, 0.3 s of CPU).
    assert result.peak_kib is not None and result.peak_kib < 100 * 1024, f"peak {result.peak_kib} KiB"
    assert result.cpu_seconds is not None and result.cpu_seconds < 5, f"{result.cpu_seconds:.1f} s of CPU"

    with peak_memory() as measured, pytest.raises(ApplicationError, match="nghi là “bom nén”") as caught:
        intake_services.intake_create(actor=office, name="bom.pdf", data=data)
    parent_peak = measured["peak"]
    assert "OCR" not in caught.value.message
    assert parent_peak < 8 * MB, f"peak {parent_peak / MB:.1f} MB in the web process"
    assert nothing_created()


def test_pdf_child_is_capped_in_memory_and_reports_it():
    # An address space below what pypdf needs: the child runs out of memory and says so.
    data = pdf_with_page_content(b"BT /F1 12 Tf 72 700 Td (Ban hanh ke hoach) Tj ET\n" * 20)
    assert run_pdf_worker(data).document is not None
    result = run_pdf_worker(data, address_space=32 * MB)
    assert result.document is None and result.error is not None and result.error.code == "unsafe"
    assert "bộ nhớ" in result.error.message


def _report_task() -> Task:
    return Task.objects.create(document=Document.objects.get(number="7/NQ-CP"), title="Hoàn thiện hạ tầng",
                               lead_agency=Agency.objects.get(name="Ủy ban nhân dân thành phố Hải Phòng"),
                               due_on=dt.date(2099, 12, 31))


def _submit(officer, task, upload):
    return task_services.report_submit(actor=officer, task=task, percent_complete=10, narrative="Đã làm",
                                       period=period_containing("quarter", timezone.localdate()), evidence=[upload])


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 17


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("bien-ban.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 4000, "không nhận ra loại tệp từ nội dung"),
    ("bang-ke.xlsx", b"PK\x05\x06" + b"\0" * 18, "không nhận ra loại tệp"),
    ("anh.zip", None, "nội dung là tệp nén ZIP"),
    ("bao-cao.docx", None, "tự khai"),
    ("ghi-chu.txt", "Kết quả thực hiện".encode(), "phải là một trong các loại"),
])
def test_evidence_outside_the_allow_list_is_refused_and_nothing_is_stored(officer, document, name, data, message):
    if name == "anh.zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("a.txt", "x")
        data = buffer.getvalue()
    if name == "bao-cao.docx":
        data = lying_docx()
    task = _report_task()
    with pytest.raises(ApplicationError, match=message) as caught:
        _submit(officer, task, SimpleUploadedFile(name, data))
    assert name in caught.value.message
    assert not ProgressReport.objects.exists() and not ReportEvidence.objects.exists()


@pytest.mark.parametrize("name, build, stored, label", [
    ("bien-ban.pdf", lambda: b"%PDF-1.4\n%%EOF\n", "bien-ban.pdf", "PDF"),
    ("anh-hien-truong.pdf", _png, "anh-hien-truong.png", "ảnh PNG"),
    ("anh.jpeg", lambda: b"\xff\xd8\xff\xe0" + b"\0" * 100, "anh.jpeg", "ảnh JPEG"),
    ("bao-cao", _odt, "bao-cao.odt", "OpenDocument văn bản (ODT)"),
])
def test_allowed_evidence_is_kept_under_the_type_its_content_shows(client, officer, document, name, build, stored, label):
    task = _report_task()
    report = _submit(officer, task, SimpleUploadedFile(name, build()))
    evidence = report.evidence.get()
    assert evidence.original_name == stored and evidence.type_label == label
    client.force_login(officer)
    page = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert f"{stored}</a> <span class=\"muted\">({label})</span>" in page
