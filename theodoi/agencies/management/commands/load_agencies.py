from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from theodoi.agencies.services import registry_load
from theodoi.core.exceptions import ApplicationError

DEFAULT_REGISTRY = Path(settings.BASE_DIR) / "data" / "agencies.json"


class Command(BaseCommand):
    help = "Nạp danh mục cơ quan (bộ, ngành, cơ quan Đảng, sở, ngành Hải Phòng) từ tệp JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_REGISTRY)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            counts = registry_load(path=file)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Danh mục cơ quan: thêm {counts['created']}, cập nhật {counts['updated']}.")
