"""The official report: DOCX read back with python-docx, PDF rasterised and its text extracted."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from docx import Document as read_docx
from pypdf import PdfReader

from theodoi.reports.files import build_report
from theodoi.reports.official import report_content
from theodoi.tasks.importing import import_task_file
from theodoi.tasks.models import ProgressReport, Task
from theodoi.tasks.periods import period_from_key
from tests.ci import skip_or_fail
from tests.reports.test_ranking import at
from tests.tasks.factories import DocumentFactory, ReportFactory, TaskFactory, xlsx_bytes

DATE = dt.date(2026, 1, 15)
Q4 = period_from_key("2025-Q4")
TABLE = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"],
    ["I", "NHIỆM VỤ VỀ HẠ TẦNG GIAO THÔNG", "", "", "", ""],
    ["1", "Đầu tư xây dựng tuyến đường ven biển Hải Phòng – Quảng Ninh", "Ủy ban nhân dân thành phố Hải Phòng",
     "Bộ Xây dựng", "Công trình", "Quý IV/2025"],
    ["2", "Nghiên cứu, đề xuất cơ chế đặc thù về đầu tư cảng biển", "Bộ Kế hoạch và Đầu tư", "Bộ Tài chính",
     "Đề án", "30/11/2025"],
    ["II", "NHIỆM VỤ VỀ VĂN HÓA, XÃ HỘI", "", "", "", ""],
    ["1", "Phát triển hệ thống y tế, giáo dục chất lượng cao", "Bộ Y tế", "", "Báo cáo", "Thường xuyên"],
]


@pytest.fixture
def document(office):
    document = DocumentFactory(number="7/NQ-CP", kind="nghi-quyet", title="Chương trình hành động của Chính phủ",
                               issued_on=dt.date(2025, 1, 10))
    import_task_file(actor=office, document=document, name="phu-luc.xlsx", data=xlsx_bytes(TABLE))
    road = Task.objects.get(row_key="I.1")
    ReportFactory(task=road, period_start=Q4.start, period_end=Q4.end, percent_complete=80,
                  narrative="Đã giải phóng mặt bằng 80% tuyến đường.", submitted_at=at(dt.date(2025, 12, 20)),
                  state=ProgressReport.State.ACCEPTED)
    return document


def test_docx_holds_the_decree_30_blocks_and_the_tasks(document, office):
    data = build_report(user=office, document=document, period=Q4, kind="docx", date=DATE)
    docx = read_docx(io.BytesIO(data))
    cells = [p.text for t in docx.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    text = [p.text for p in docx.paragraphs] + cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert any(line.startswith("Số:") and line.endswith("/BC-UBND") for line in text)
    assert "Hải Phòng, ngày 15 tháng 01 năm 2026" in text
    assert "BÁO CÁO" in text
    assert any(line.startswith("Tình hình thực hiện Nghị quyết số 7/NQ-CP") for line in text)
    assert "Nơi nhận:" in text
    assert "V. ĐỀ XUẤT, KIẾN NGHỊ" in text
    runs = [r for p in docx.paragraphs for r in p.runs if r.text]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size.pt for r in runs} <= {13.0, 14.0}

    # The task table: one row per task of the document, matching the database.
    table = next(t for t in docx.tables if t.rows[0].cells[1].text == "Nhiệm vụ")
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn",
                                                      "Tình trạng", "Kết quả"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    tasks = Task.objects.filter(document=document).select_related("lead_agency").order_by("id")
    assert [(r[1], r[2], r[3]) for r in rows] == [(t.title, t.lead_agency.name, t.deadline_text) for t in tasks]
    assert rows[0][0] == "I.1" and rows[0][5] == "80%: Đã giải phóng mặt bằng 80% tuyến đường."
    assert rows[2][5] == "Chưa có báo cáo"

    # The agencies' table for the quarter: Bộ Kế hoạch và Đầu tư's task counts for Bộ Tài chính.
    ranking = next(t for t in docx.tables if t.rows[0].cells[1].text == "Cơ quan")
    names = [row.cells[1].text for row in ranking.rows[1:]]
    assert "Bộ Tài chính (gồm nhiệm vụ của Bộ Kế hoạch và Đầu tư)" in names


def test_counts_follow_the_stored_status(document, office):
    content = report_content(user=office, document=document, period=Q4, date=DATE)
    assert content.total == 3
    assert content.totals == [0, 0, 1, 2]  # the road and the 30/11 study overdue; the continuous task on time
    assert [d.label for d in content.domains] == ["Hạ tầng giao thông, logistics", "Văn hóa, xã hội"]


def test_pdf_renders_with_its_diacritics(document, office, tmp_path):
    if shutil.which("pdftoppm") is None:
        skip_or_fail("needs pdftoppm (Debian poppler-utils)")
    data = build_report(user=office, document=document, period=Q4, kind="pdf", date=DATE)
    assert data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:",
                   "Hải Phòng, ngày 15 tháng 01 năm 2026", "Phát triển hệ thống y tế, giáo dục chất lượng cao",
                   "Chưa hoàn thành – quá hạn"):
        assert phrase in flat, phrase
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")], check=True)
    page = next(tmp_path.glob("p*.png"))
    assert page.stat().st_size > 5_000  # a page with text on it, not a blank one
    poppler = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    lines = poppler.stdout.splitlines()
    # The header's two columns side by side, each name on its own line(s), none cut mid-line.
    assert any("ỦY BAN NHÂN DÂN" in line and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("THÀNH PHỐ HẢI PHÒNG" in line and "Độc lập - Tự do - Hạnh phúc" in line for line in lines)
    assert any("Số:" in line and "Hải Phòng, ngày 15 tháng 01 năm 2026" in line for line in lines)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    # The body face is Times New Roman or Liberation Serif 2 (its metrics, every Vietnamese
    # letter), embedded: the page looks the same wherever it is opened.
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts.replace(" ", "")


def test_pdf_task_table_repeats_its_header_on_every_page(document, office):
    lead = Task.objects.filter(document=document).first().lead_agency
    for number in range(80):
        TaskFactory(document=document, lead_agency=lead, row_key=f"III.{number + 1}",
                    title=f"Nhiệm vụ thử số {number + 1} về chuyển đổi số và cải cách hành chính")
    data = build_report(user=office, document=document, period=Q4, kind="pdf", date=DATE)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]
    holding = [i for i, text in enumerate(pages) if "Nhiệm vụ thử số" in text]
    assert len(holding) >= 3
    header = "STT Nhiệm vụ Cơ quan chủ trì Thời hạn Tình trạng Kết quả"
    assert all(header in pages[i] for i in holding), [i for i in holding if header not in pages[i]]
    # Every task is in the table, once, and the pages after the first are numbered at the top.
    assert sum(text.count("Nhiệm vụ thử số 80 ") for text in pages) == 1
    assert all(pages[i].startswith(f"{i + 1} ") for i in holding if i)


def test_command_writes_the_file(document, tmp_path):
    target = tmp_path / "bc.docx"
    call_command("report", document="7/NQ-CP", period="2025-Q4", format="docx", output=target, date="15/01/2026")
    assert read_docx(str(target)).tables
    pdf = tmp_path / "bc.pdf"
    call_command("report", document="7/NQ-CP", period="2025-Q4", format="pdf", output=pdf, date="15/01/2026")
    assert "Độc lập - Tự do - Hạnh phúc" in PdfReader(str(pdf)).pages[0].extract_text()
    with pytest.raises(Exception, match="không hợp lệ"):
        call_command("report", document="7/NQ-CP", period="2025-Q9", output=tmp_path / "x.docx")
    with pytest.raises(Exception, match="Không có văn bản"):
        call_command("report", document="99/NQ-CP", period="2025-Q4", output=tmp_path / "x.docx")


def test_download_button(document, office, client):
    client.force_login(office)
    form = client.get("/tong-hop/bao-cao/")
    assert form.status_code == 200 and "7/NQ-CP" in form.content.decode()
    response = client.get(f"/tong-hop/bao-cao/?document={document.pk}&period=2025-Q4&format=docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-7-nq-cp-2025-Q4.docx"'
    assert read_docx(io.BytesIO(response.content)).tables
    pdf = client.get(f"/tong-hop/bao-cao/?document={document.pk}&period=2025-Q4&format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    bad = client.get(f"/tong-hop/bao-cao/?document={document.pk}&period=2025-Q4&format=odt")
    assert bad.status_code == 400 and "DOCX hoặc PDF" in bad.content.decode()
    assert client.get("/tong-hop/bao-cao/?document=abc").status_code == 400


@pytest.fixture
def growth(document, office):
    """Hải Phòng's GRDP growth, set by Nghị quyết 45-NQ/TW, which 7/NQ-CP carries out."""
    from decimal import Decimal

    from theodoi.documents.models import DocumentLink
    from theodoi.indicators.models import Observation, Target
    from tests.indicators.conftest import make_indicator

    politburo = DocumentFactory(number="45-NQ/TW", kind="nghi-quyet", title="Về xây dựng và phát triển thành phố Hải Phòng")
    DocumentLink.objects.create(source=document, target=politburo, relation=DocumentLink.Relation.IMPLEMENTS)
    indicator = make_indicator(politburo)
    Target.objects.create(indicator=indicator, document=politburo, year=2025, low=Decimal("11.5"))
    Observation.objects.create(indicator=indicator, period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                               value=Decimal("10.2"), source="Cục Thống kê", state=Observation.State.APPROVED,
                               entered_by=office, is_demo=True)
    Observation.objects.create(indicator=indicator, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                               value=Decimal("11.8"), source="Cục Thống kê", state=Observation.State.SUBMITTED,
                               entered_by=office)
    return indicator


def test_indicators_against_their_targets(document, growth, office):
    content = report_content(user=office, document=document, period=Q4, date=DATE)
    [line] = content.indicators
    # The 2025 value is not approved yet: the report shows the approved 2024 one, as demo data.
    assert line.name == "Tốc độ tăng trưởng GRDP" and line.value.startswith("10,2") and "Năm 2024" in line.value
    assert "minh họa" in line.value and line.assessment == "Chưa đạt" and "11,5" in line.target
    assert line.svg.startswith("<svg")

    docx = read_docx(io.BytesIO(build_report(user=office, document=document, period=Q4, kind="docx", date=DATE)))
    table = next(t for t in docx.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    assert [c.text for c in table.rows[1].cells][1:3] == ["Tốc độ tăng trưởng GRDP", "%"]
    assert len(docx.inline_shapes) == 1  # the chart, as a picture
    assert "VI. ĐỀ XUẤT, KIẾN NGHỊ" in [p.text for p in docx.paragraphs]

    pdf = build_report(user=office, document=document, period=Q4, kind="pdf", date=DATE)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "V. CÁC CHỈ TIÊU SO VỚI MỤC TIÊU" in text and "Biểu đồ 1. Tốc độ tăng trưởng GRDP" in text


def test_pdf_fonts_are_read_once_per_process_and_each_report_gets_its_own_copy(document, office, monkeypatch):
    """Reading the four faces took longer than laying out a report; they are read once. Each
    PDF still embeds its own subset: reports built after and beside one another (threads,
    as a threaded server or the worker would) come out the same as the first."""
    import re
    from concurrent.futures import ThreadPoolExecutor

    from theodoi.reports import pdf

    reads: list[str] = []
    real = pdf.TTFFont
    monkeypatch.setattr(pdf, "_faces", {})
    monkeypatch.setattr(pdf, "TTFFont", lambda *args, **kwargs: reads.append(args[2]) or real(*args, **kwargs))
    content = report_content(user=office, document=document, period=Q4, date=DATE)

    def undated(data: bytes) -> bytes:  # the creation time, and the file id derived from it
        return re.sub(rb"/ID \[<[0-9A-F]+><[0-9A-F]+>\]", b"", re.sub(rb"/CreationDate \(D:[^)]*\)", b"", data))

    first = pdf.build_pdf(content)
    with ThreadPoolExecutor(max_workers=4) as pool:
        others = list(pool.map(lambda _: pdf.build_pdf(content), range(4)))
    assert all(undated(data) == undated(first) for data in others)
    assert sorted(reads) == sorted(set(reads)) and len(reads) == 4  # regular, bold, italic, bold italic
    flat = " ".join(PdfReader(io.BytesIO(others[-1])).pages[0].extract_text().split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat and "Độc lập - Tự do - Hạnh phúc" in flat
