from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from theodoi.core.search import ensure_search_index, index_differences, index_missing, rebuild_search_index
from theodoi.tasks.models import Task


class Command(BaseCommand):
    help = (
        "Kiểm tra chỉ mục tìm kiếm nhiệm vụ (SQLite: bảng FTS5 và các trigger; PostgreSQL: chỉ mục "
        "pg_trgm) so với khóa tìm kiếm của từng nhiệm vụ; --rebuild dựng lại chỉ mục từ bảng nhiệm vụ."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="dựng lại chỉ mục (SQLite) trước khi kiểm tra")

    def handle(self, *args, rebuild: bool, **options) -> None:
        table = Task._meta.db_table
        if rebuild:
            with transaction.atomic():
                missing = ensure_search_index(connection, table)
                if not missing:  # ensure_search_index refills it when it creates it
                    rebuild_search_index(connection, table)
            self.stdout.write(f"Đã dựng lại chỉ mục tìm kiếm ({Task.objects.count()} nhiệm vụ).")
        missing = index_missing(connection, table)
        if missing:
            raise CommandError(f"Thiếu {', '.join(missing)}: chạy lại với --rebuild.")
        differences = index_differences(connection, table)
        if differences:
            raise CommandError(f"{differences} nhiệm vụ có khóa trong chỉ mục khác bảng: chạy lại với --rebuild.")
        self.stdout.write("Chỉ mục tìm kiếm khớp với khóa tìm kiếm của mọi nhiệm vụ.")
