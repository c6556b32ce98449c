import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from theodoi.agencies.services import registry_load
from theodoi.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = ("Nạp danh mục cơ quan: bộ, ngành, cơ quan Đảng và 34 tỉnh, thành phố (với các tỉnh cũ "
            "đã hợp nhất) — data/agencies.json và data/provinces-2025.json —, hoặc một tệp JSON.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=None,
                            help="Tệp JSON theo định dạng data/agencies.json (mặc định: danh mục kèm theo)")

    def handle(self, *args, file: Path | None, **options) -> None:
        started = time.perf_counter()
        try:
            counts = registry_load(path=file)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Danh mục cơ quan: thêm {counts['created']}, cập nhật {counts['updated']}, "
                          f"giữ nguyên {counts['unchanged']} ({time.perf_counter() - started:.1f} giây).")
