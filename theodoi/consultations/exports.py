"""The consultation summary for the drafting agency, as DOCX (python-docx) and XLSX
(openpyxl): per section the counts, the most supported comments and the office's
responses. Built from `selectors.consultation_summary`, which holds no personal data; the
sheet is laid out by `lib.sheets.xlsx_table` like every other export."""

import io

from django.utils.translation import gettext as _
from docx import Document as DocxDocument
from docx.shared import Pt

from theodoi.consultations.models import Consultation
from theodoi.consultations.selectors import SectionSummary, consultation_summary
from theodoi.lib.sheets import xlsx_table


def _headers() -> list[str]:
    return [_("Phần"), _("Góp ý đã đăng"), _("Chờ kiểm duyệt"), _("Đã ẩn"),
            _("Góp ý được ủng hộ nhiều nhất"), _("Tiếp thu, giải trình")]


def _row(row: SectionSummary) -> list:
    supported = "\n".join(f"({c.support_count}) {c.text}" for c in row.supported)
    responses = "\n".join(f"{r.get_kind_display()}: {r.text}" for r in row.responses)
    heading = row.heading if row.in_current_version else _("%(heading)s (không còn trong bản hiện hành)") % {
        "heading": row.heading}
    return [heading, row.published, row.pending, row.hidden, supported, responses]


def summary_docx(consultation: Consultation) -> bytes:
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    doc.add_heading(_("TỔNG HỢP Ý KIẾN GÓP Ý"), level=1)
    doc.add_paragraph(consultation.title)
    doc.add_paragraph(_("Cơ quan soạn thảo: %(agency)s. Thời gian lấy ý kiến: %(start)s – %(end)s.") % {
        "agency": consultation.drafting_agency.name,
        "start": consultation.opens_on.strftime("%d/%m/%Y"), "end": consultation.closes_on.strftime("%d/%m/%Y")})
    headers = _headers()
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
    for row in consultation_summary(consultation):
        cells = table.add_row().cells
        for cell, value in zip(cells, _row(row)):
            cell.text = str(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def summary_xlsx(consultation: Consultation) -> bytes:
    # The shared sheet layout also keeps a public comment that starts with "=" as text.
    rows = [_row(row) for row in consultation_summary(consultation)]
    return xlsx_table(_headers(), rows, widths=(40, 12, 12, 10, 60, 60), sheet_title=_("Tổng hợp"))
