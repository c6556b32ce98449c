"""The official report as PDF: the HTML template `reports/official_report.html` through
WeasyPrint (Pango lays out the Vietnamese text; fonts from the system: Times New Roman
where installed, else Debian's metric-compatible Liberation Serif)."""

from django.template.loader import render_to_string
from django.utils import translation
from django.conf import settings

from theodoi.reports.docx import PERIOD_COLUMNS
from theodoi.reports.official import ReportContent


def build_html(content: ReportContent) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("reports/official_report.html", {"c": content, "period_columns": PERIOD_COLUMNS})


def build_pdf(content: ReportContent) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a second at start-up

    return HTML(string=build_html(content)).write_pdf()
