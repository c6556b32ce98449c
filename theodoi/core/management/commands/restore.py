from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from theodoi.core.backup import BackupError, describe, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của `theodoi backup` vào một cài đặt trống (cơ sở dữ liệu mới, "
        "MEDIA_ROOT trống); từ chối nếu đã có tài khoản hoặc tệp."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path, help="tệp sao lưu (.tar.gz)")

    def handle(self, *args, archive: Path, **options) -> None:
        try:
            summary = restore_backup(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Đã khôi phục: %(summary)s") % {"summary": describe(summary.manifest)})
