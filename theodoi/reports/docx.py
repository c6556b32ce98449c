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

from theodoi.reports.official import Grid, ReportContent

FONT = "Times New Roman"


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


def _grid(doc, grid: Grid, *, size: float = 12):
    header, rows, widths, centered = grid.header, grid.rows, grid.widths, grid.centered
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
    drawn by fpdf2 (as in the PDF) and rasterised by PDFium at 200 dpi."""
    import pypdfium2

    from theodoi.reports.pdf import chart_pdf

    pdf = pypdfium2.PdfDocument(chart_pdf(svg))
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
    _para(doc, content.subtitle, size=14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(doc, "I. TÌNH HÌNH CHUNG", bold=True)
    _para(doc, content.summary, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _para(doc, "II. KẾT QUẢ THEO LĨNH VỰC", bold=True)
    for heading, sentence in content.domain_paragraphs:
        _para(doc, heading, bold=True, italic=True, indent=True)
        _para(doc, sentence, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _para(doc, content.ranking_heading, bold=True)
    if content.ranking.rows:
        _grid(doc, content.ranking_grid, size=11)
    else:
        _para(doc, "Không có nhiệm vụ đến hạn trong kỳ.", indent=True)

    _para(doc, "IV. DANH MỤC NHIỆM VỤ", bold=True, space_after=6)
    _grid(doc, content.task_grid, size=11)

    if content.indicators:
        _para(doc, "V. CÁC CHỈ TIÊU SO VỚI MỤC TIÊU", bold=True)
        _grid(doc, content.indicator_grid, size=11)
        for number, line in enumerate(content.indicators, start=1):
            doc.add_picture(io.BytesIO(chart_png(line.svg)), width=Mm(150))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _para(doc, f"Biểu đồ {number}. {line.chart_title}", size=11, italic=True,
                  align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, content.proposals_heading, bold=True)
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
