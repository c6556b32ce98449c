import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from theodoi.intake.lexicon import registry_lexicon
from theodoi.extraction.extractor import Extractor
from theodoi.extraction.readers import ReadError, read_document


class Command(BaseCommand):
    help = "Đọc một văn bản (txt, docx, pdf, html) và in các nhiệm vụ trích xuất được."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON (định dạng của bộ chấm điểm)")

    def handle(self, *args, file: Path, json: bool, **options) -> None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}") from None
        try:
            document = read_document(file.name, data)
        except ReadError as exc:
            raise CommandError(exc.message) from None
        result = Extractor(registry_lexicon()).extract(document.text)
        if json:
            self.stdout.write(_json_dumps(result.as_dict()))
            return
        header = result.document
        self.stdout.write(f"{header.kind} {header.number or '(không số)'} – {header.issuer or '?'} – "
                          f"{header.issued_on:%d/%m/%Y}" if header.issued_on else
                          f"{header.kind} {header.number or '(không số)'} – {header.issuer or '?'}")
        for index, task in enumerate(result.tasks, 1):
            due = task.deadline.due.strftime("%d/%m/%Y") if task.deadline and task.deadline.due else "—"
            self.stdout.write(f"{index:>3}. [{task.domain}] {task.title}\n"
                              f"     chủ trì: {', '.join(task.lead) or '—'} · phối hợp: "
                              f"{', '.join(task.coordinating) or '—'} · hạn: {due}")


def _json_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
