import datetime as dt

from django.core.management.base import BaseCommand

from theodoi.tasks.counts import compact
from theodoi.tasks.status import settle_all, settle_due


class Command(BaseCommand):
    help = (
        "Tính lại tình trạng đã lưu của các nhiệm vụ mà thời gian đã làm thay đổi (chạy hằng ngày, "
        "sau nửa đêm); --all: tính lại tất cả (sau khi khôi phục hoặc nạp dữ liệu trực tiếp)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", help="tính lại mọi nhiệm vụ")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="ngày coi là hôm nay (YYYY-MM-DD)")

    def handle(self, *args, all: bool, today: dt.date | None, **options) -> None:
        changed = settle_all(today=today) if all else settle_due(today=today)
        compact()  # the day's changes to the dashboard's counts, folded into one row per key
        self.stdout.write(f"Đã cập nhật tình trạng của {changed} nhiệm vụ.")
