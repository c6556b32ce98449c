"""The official report as DOCX (python-docx), laid out as Decree 30/2020/NĐ-CP asks.

Times New Roman 13 pt body (14 pt title); A4, margins 20–30 mm top/bottom, 30–35 mm left,
15–20 mm right. The header and signature blocks are borderless two-column tables, as
offices' own templates do.
"""

import copy
import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from theodoi.reports.official import ReportContent

FONT = "Times New Roman"
PERIOD_COLUMNS = ("Đến hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chưa xong, trong hạn",
                  "Chưa xong, quá hạn", "Tỷ lệ đúng hạn")


def _font(run, *, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    """The face and size of a run (or a style)."""
    run.font.name, run.font.size = FONT, Pt(size)
    if bold:
        run.font.bold = True
    if italic:
        run.font.italic = True
    # East-Asian and complex-script slots too, or Word falls back to another face for them.
    fonts = run.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:eastAsia", "w:cs", "w:hAnsi"):
        fonts.set(qn(slot), FONT)


def _para(container, text: str = "", *, size: float = 13, bold: bool = False, italic: bool = False,
          align=None, indent: bool = False, space_after: float = 6):
    paragraph = container.add_paragraph()
    if text:
        _font(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell(cell, text: str, *, size: float = 13, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph = cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(line), size=size, bold=bold, italic=italic)


def _row_cells(table, row) -> list[_Cell]:
    """A row's cells straight from its XML: `row.cells` walks the whole table each time,
    which makes a 1,000-row table take seconds."""
    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def _table_style(doc, size: float):
    """A paragraph style for table text: the font set once, not on each of thousands of runs."""
    name = f"Bảng {size:g}"
    if name in [s.name for s in doc.styles]:
        return doc.styles[name]
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    _font(style, size=size)
    style.paragraph_format.space_after = Pt(0)
    return style


def _grid(doc, header: list[str], rows: list[list[str]], widths: list[float], *, size: float = 12,
          centered: tuple[int, ...] = ()):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)  # the grid: every row added below takes its widths from it
    style = _table_style(doc, size)
    for cell, text, width in zip(_row_cells(table, table.rows[0]), header, widths):
        cell.width = Mm(width)
        paragraph = cell.paragraphs[0]
        paragraph.style, paragraph.alignment = style, WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    # Repeat the header row on every page of a long table.
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)
    # Body rows are copies of one prototype row (style, widths, alignment already set) with
    # their texts filled in: python-docx's proxies look the style up among all styles and
    # run XPath for every cell, seconds for a 1,000-row table.
    if rows:
        prototype = table.add_row()._tr
        for index, tc in enumerate(prototype.tc_lst):
            p = tc.p_lst[0]
            p.style = style.style_id
            if index in centered:
                p.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.CENTER
            p.add_r().text = ""
        prototype.getparent().remove(prototype)
        body = table._tbl
        for values in rows:
            tr = copy.deepcopy(prototype)
            for tc, text in zip(tr.tc_lst, values):
                tc.p_lst[0].r_lst[0].text = text
            body.append(tr)
    return table


def chart_png(svg: str) -> bytes:
    """The indicators app's SVG chart as a PNG for Word, which does not take SVG everywhere:
    drawn by WeasyPrint (as in the PDF) and rasterised by PDFium at 200 dpi."""
    import pypdfium2
    from weasyprint import HTML

    from django.template.loader import render_to_string

    pdf = pypdfium2.PdfDocument(HTML(string=render_to_string("reports/chart_page.html", {"svg": svg})).write_pdf())
    try:
        image = pdf[0].render(scale=200 / 72).to_pil()
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def build_docx(content: ReportContent) -> bytes:
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)

    issuer = content.issuer
    header = doc.add_table(rows=2, cols=2)
    _no_borders(header)
    left = "\n".join(filter(None, [issuer.parent, issuer.name]))
    _cell(header.cell(0, 0), left, size=13, bold=True)
    _cell(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    motto = header.cell(0, 1).add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(motto.add_run("Độc lập - Tự do - Hạnh phúc"), size=14, bold=True)
    _cell(header.cell(1, 0), content.number_line, size=13)
    _cell(header.cell(1, 1), content.date_line, size=14, italic=True)
    for row in header.rows:
        row.cells[0].width, row.cells[1].width = Mm(65), Mm(100)

    _para(doc, space_after=0)
    _para(doc, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(doc, f"Tình hình thực hiện {content.document_name}", size=14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(doc, f"{content.document.title} – {content.period.label}", size=14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(doc, "I. TÌNH HÌNH CHUNG", bold=True)
    _para(doc, (f"{content.document_name} giao {content.total} nhiệm vụ. Tính đến ngày "
                f"{content.date:%d/%m/%Y}: " + "; ".join(
                    f"{label.lower()}: {n}" for label, n in zip(content.status_labels, content.totals)) + "."),
          indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _para(doc, "II. KẾT QUẢ THEO LĨNH VỰC", bold=True)
    for number, line in enumerate(content.domains, start=1):
        _para(doc, f"{number}. {line.label}", bold=True, italic=True, indent=True)
        _para(doc, f"Tổng số {line.total} nhiệm vụ: " + "; ".join(
            f"{label.lower()} {n}" for label, n in zip(content.status_labels, line.counts)) + ".",
            indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _para(doc, f"III. KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ TRONG {content.period.label.upper()}", bold=True)
    rows = [[str(i), (r.agency.name if r.agency else "Chưa giao") + (
        " (gồm nhiệm vụ của " + ", ".join(p.name for p in r.predecessors) + ")" if r.predecessors else ""),
        str(r.due), *[str(n) for _, n in r.cells], f"{r.percent}%" if r.rate is not None else "–"]
        for i, r in enumerate(content.ranking.rows, start=1)]
    if rows:
        _grid(doc, ["STT", "Cơ quan", *PERIOD_COLUMNS], rows, [10, 50, 16, 16, 18, 16, 16, 18], size=11,
              centered=(0, 2, 3, 4, 5, 6, 7))
    else:
        _para(doc, "Không có nhiệm vụ đến hạn trong kỳ.", indent=True)

    _para(doc, "IV. DANH MỤC NHIỆM VỤ", bold=True, space_after=6)
    _grid(doc, ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng", "Kết quả"],
          [[t.stt, t.title, t.lead, t.deadline, t.status, t.result] for t in content.tasks],
          [12, 55, 30, 20, 24, 24], size=11, centered=(0, 3))

    proposals = "V"
    if content.indicators:
        proposals = "VI"
        _para(doc, "V. CÁC CHỈ TIÊU SO VỚI MỤC TIÊU", bold=True)
        _grid(doc, ["STT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Thực hiện", "Đánh giá"],
              [[str(n), i.name, i.unit, i.target, i.value, i.assessment]
               for n, i in enumerate(content.indicators, start=1)],
              [12, 55, 18, 30, 30, 20], size=11, centered=(0, 2, 5))
        for number, line in enumerate(content.indicators, start=1):
            doc.add_picture(io.BytesIO(chart_png(line.svg)), width=Mm(150))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _para(doc, f"Biểu đồ {number}. {line.chart_title}", size=11, italic=True,
                  align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"{proposals}. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    _para(doc, "(Văn phòng Ủy ban nhân dân bổ sung.)", italic=True, indent=True)
    _para(doc, "…" * 40, indent=True)

    footer = doc.add_table(rows=1, cols=2)
    _no_borders(footer)
    recipients = footer.cell(0, 0)
    _cell(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for name in issuer.recipients:
        paragraph = recipients.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(f"- {name};"), size=11)
    _cell(footer.cell(0, 1), "\n".join(issuer.signer_capacity), size=13, bold=True)
    for _ in range(4):
        footer.cell(0, 1).add_paragraph()
    if issuer.signer_name:
        signer = footer.cell(0, 1).add_paragraph()
        signer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(signer.add_run(issuer.signer_name), size=13, bold=True)
    footer.rows[0].cells[0].width, footer.rows[0].cells[1].width = Mm(85), Mm(80)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
