import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from theodoi.core.exceptions import ApplicationError
from theodoi.reports.files import build_report, report_filename
from theodoi.reports.periods import parse_period
from theodoi.tasks.importing import document_by_number


class Command(BaseCommand):
    help = ("Lập báo cáo tình hình thực hiện một văn bản (thể thức Nghị định 30/2020/NĐ-CP), DOCX hoặc PDF. "
            "Ví dụ: theodoi report --document 7/NQ-CP --period 2025-Q4 --format pdf -o bao-cao.pdf")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--document", required=True, help="Số, ký hiệu văn bản, ví dụ 7/NQ-CP")
        parser.add_argument("--period", required=True, help="Kỳ báo cáo: 2025-Q4 (quý) hoặc 2025 (năm)")
        parser.add_argument("--format", choices=["docx", "pdf"], default="docx")
        parser.add_argument("--date", help="Ngày báo cáo dd/mm/yyyy (mặc định: hôm nay)")
        parser.add_argument("-o", "--output", type=Path, help="Tệp ghi ra (mặc định: tên theo văn bản và kỳ)")

    def handle(self, *args, document: str, period: str, format: str, date: str | None, output: Path | None,
               **options) -> None:
        try:
            day = dt.datetime.strptime(date, "%d/%m/%Y").date() if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"Ngày '{date}' không hợp lệ: ghi theo dạng dd/mm/yyyy.") from None
        try:
            found = document_by_number(document)
            data = build_report(user=None, document=found, period=parse_period(period, today=day),
                                kind=format, date=day)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        target = output or Path(report_filename(found, parse_period(period, today=day), format))
        try:
            target.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {target}: {exc.strerror}") from None
        self.stdout.write(f"Đã ghi {target} ({len(data):,} byte).")
