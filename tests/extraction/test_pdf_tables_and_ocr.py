"""PDF appendix tables read as rows; scanned pages recognised by Tesseract (Vietnamese).

Fixtures are made here: the plan as DOCX (python-docx) and as PDF (fpdf2, the same table
with a group row across it and a lead merged over two rows), and a "scan": a page of text
drawn into an image (Pillow) and saved as an image-only PDF.
"""

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.extraction.test_readers import FONT, GROUP, HEADER, ROWS, programme_docx
from theodoi.extraction.extractor import Extractor
from theodoi.extraction.lexicon import default_lexicon
from theodoi.extraction.readers import read_document
from theodoi.extraction.readers.ocr import assemble, ocr_page, text_from_words

SERIF = FONT.with_name("DejaVuSerif.ttf")


def programme_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for line in ("KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 7/NQ-CP",
                 "Căn cứ Nghị quyết số 7/NQ-CP ngày 10/01/2025 của Chính phủ.",
                 "1. Rà soát thể chế về đầu tư công.", "2. Xây dựng chính quyền số.",
                 "- Các sở chủ động triển khai.", "PHỤ LỤC"):
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(8, 48, 30, 30, 22, 26), first_row_as_headings=False, line_height=6) as table:
        row = table.row()
        for title in HEADER:
            row.cell(title)
        table.row().cell(GROUP, colspan=len(HEADER))
        for index, values in enumerate(ROWS):
            row = table.row()
            for column, value in enumerate(values):
                if column == 2 and index == 0:
                    row.cell(value, rowspan=2)  # "Bộ Tư pháp" leads rows 1 and 2
                elif column == 2 and index == 1:
                    continue
                else:
                    row.cell(value)
    pdf.cell(0, 7, "Nơi nhận: như trên.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def tasks_of(text: str) -> list[tuple]:
    extraction = Extractor(default_lexicon()).extract(text)
    return [(t.title, tuple(t.lead), tuple(t.coordinating), t.deadline.as_dict() if t.deadline else None)
            for t in extraction.tasks]


def test_a_pdf_plan_with_an_appendix_table_yields_the_tasks_of_its_docx():
    pdf = read_document("ke-hoach.pdf", programme_pdf())
    rows = [line for line in pdf.text.split("\n") if "\t" in line]
    assert rows[0] == "\t".join(HEADER) and rows[1] == "\t".join([GROUP] * len(HEADER))
    assert rows[3].split("\t")[2] == "Bộ Tư pháp"  # the merged lead, repeated as the DOCX reader does
    from_docx = tasks_of(read_document("ke-hoach.docx", programme_docx()).text)
    from_pdf = tasks_of(pdf.text)
    assert len(from_docx) >= 3 and from_pdf == from_docx


def test_tesseract_words_become_lines_in_reading_order():
    words = {"text": ["", "1.", "Sở", "Y", "tế", "", "chủ", "trì", "rác"],
             "conf": [-1, 96, 95, 90, 92, -1, 88, 91, 12],
             "block_num": [1, 1, 1, 1, 1, 2, 2, 2, 2], "par_num": [1] * 9,
             "line_num": [0, 1, 1, 1, 1, 0, 1, 1, 1]}
    text, confidence, count = text_from_words(words)
    assert text == "1. Sở Y tế\nchủ trì rác"  # no blank line between Tesseract's blocks
    assert count == 7 and confidence == pytest.approx((96 + 95 + 90 + 92 + 88 + 91 + 12) / 7)


def test_recognised_pages_go_back_in_place_and_are_located():
    text, spans = assemble(["Trang một có lớp chữ.", "", "Trang ba."], {2: "Trang hai nhận dạng."})
    assert text == "Trang một có lớp chữ.\nTrang hai nhận dạng.\nTrang ba."
    assert [text[s:e] for s, e in spans] == ["Trang hai nhận dạng."]


SCANNED_LINES = [
    "ỦY BAN NHÂN DÂN THÀNH PHỐ",
    "KẾ HOẠCH chuyển đổi số năm 2027",
    "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành",
    "xây dựng nền tảng dữ liệu dùng chung, hoàn thành trước ngày 30/6/2027.",
    "2. Ủy ban nhân dân các xã, phường rà soát thủ tục hành chính,",
    "đề xuất cắt giảm thời gian giải quyết; thời hạn: Quý III/2027.",
]


def scanned_pdf(lines: list[str]) -> bytes:
    """A page of text as a 300 dpi image, saved as a PDF with no text layer: a scan."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(SERIF), 44)
    for i, line in enumerate(lines):
        draw.text((200, 200 + 80 * i), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=300)
    return buffer.getvalue()


def character_accuracy(expected: str, got: str) -> float:
    """1 − character error rate (Levenshtein distance over the expected length)."""
    previous = list(range(len(got) + 1))
    for i, a in enumerate(expected, 1):
        current = [i]
        for j, b in enumerate(got, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return 1 - previous[-1] / len(expected)


def test_a_scanned_page_is_recognised_in_vietnamese(tesseract):
    page = ocr_page(scanned_pdf(SCANNED_LINES), 1)
    expected = "\n".join(SCANNED_LINES)
    assert character_accuracy(expected, page.text) >= 0.97, page.text
    assert page.confidence > 80
    # What the extractor then makes of it: both directives, their leads and deadlines.
    assert tasks_of(page.text) == tasks_of(expected)
