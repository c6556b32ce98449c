from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from theodoi.core.backup import BackupError, create_backup, describe


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ: một tệp .tar.gz gồm bản sao nhất quán của cơ sở dữ liệu (SQLite hoặc pg_dump) "
        "và các tệp đã tải lên. Mặc định ghi vào var/backups/."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="đường dẫn tệp sao lưu (.tar.gz)")

    def handle(self, *args, output: Path | None = None, **options) -> None:
        try:
            summary = create_backup(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{summary.archive}\n{describe(summary.manifest)}")
