"""The official report as a file: one entry point for the command line and the download."""

import datetime as dt

from django.conf import settings
from django.utils import translation

from theodoi.core.types import AnyUser
from theodoi.documents.models import Document
from theodoi.lib.text import search_key
from theodoi.tasks.periods import Period

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def build_report(*, user: AnyUser | None, document: Document, period: Period, kind: str,
                 date: dt.date | None = None) -> bytes:
    from theodoi.reports.official import report_content

    # An official document, in Vietnamese whatever the office's screens are in: its kinds,
    # periods and states are translated labels ("Resolution", "Quarter IV/2025" otherwise).
    with translation.override(settings.LANGUAGE_CODE):
        content = report_content(user=user, document=document, period=period, date=date)
        if kind == "pdf":
            from theodoi.reports.pdf import build_pdf

            return build_pdf(content)
        from theodoi.reports.docx import build_docx

        return build_docx(content)


def report_filename(document: Document, period: Period, kind: str) -> str:
    number = "-".join(search_key(document.number or str(document.pk)).replace("/", " ").split())
    return f"bao-cao-{number}-{period.key}.{kind}"
