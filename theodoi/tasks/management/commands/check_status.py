import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from theodoi.core.dataversion import tables_with_trigger, versioned_tables
from theodoi.tasks.counts import count_differences
from theodoi.tasks.involvement import involvement_differences
from theodoi.tasks.status import status_differences, verdict_differences


class Command(BaseCommand):
    help = (
        "Tính lại tình trạng của mọi nhiệm vụ theo quy tắc (tasks/status.py) và so với tình trạng "
        "đã lưu, và đếm lại số nhiệm vụ theo lĩnh vực × cơ quan chủ trì × tình trạng mà cơ sở dữ liệu "
        "giữ sẵn cho trang tổng quan, và các cơ quan liên quan đến từng nhiệm vụ (trang Việc của tôi), và "
        "tính lại kết quả từng nhiệm vụ trong các kỳ đã đóng mà bảng xếp hạng đọc sẵn; báo từng chỗ khác "
        "nhau và trả mã lỗi nếu có."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, help="ngày coi là hôm nay (YYYY-MM-DD)")
        parser.add_argument("--show", type=int, default=50, help="số chỗ khác nhau in ra tối đa")

    def handle(self, *args, today: dt.date | None, show: int, **options) -> None:
        differences, pending = status_differences(today=today)
        for difference in differences[:show]:
            self.stdout.write(f"nhiệm vụ {difference.task_id}: đã lưu {difference.stored}, theo quy tắc {difference.rule}")
        if pending:
            self.stdout.write(f"{pending} nhiệm vụ đến hạn tính lại (lần đọc tới hoặc settle_status sẽ tính).")
        miscounted = count_differences()
        for difference in miscounted[:show]:
            self.stdout.write(f"số nhiệm vụ {difference.key}: đã lưu {difference.stored}, đếm lại {difference.actual}")
        involved = involvement_differences()
        for difference in involved[:show]:
            self.stdout.write(f"cơ quan {difference.key[0]} – nhiệm vụ {difference.key[1]}: "
                              f"đã lưu {difference.stored}, theo quy tắc {difference.actual}")
        misjudged = verdict_differences(today=today)
        for verdict in misjudged[:show]:
            self.stdout.write(f"nhiệm vụ {verdict.task_id}, kỳ {verdict.period}: đã lưu {verdict.stored}, "
                              f"theo quy tắc {verdict.rule}")
        # Kept pages are only as fresh as the data version's triggers (core/dataversion.py).
        unversioned = sorted(versioned_tables() - tables_with_trigger())
        if unversioned:
            self.stdout.write(f"bảng thiếu trigger phiên bản dữ liệu: {', '.join(unversioned[:show])}")
        if differences:
            raise CommandError(f"{len(differences)} nhiệm vụ có tình trạng đã lưu khác quy tắc.")
        if unversioned:
            raise CommandError(f"{len(unversioned)} bảng ghi mà không đổi phiên bản dữ liệu: các trang giữ sẵn "
                               "có thể hiện nội dung cũ (chạy lại migrate để cài lại trigger).")
        if miscounted:
            raise CommandError(f"{len(miscounted)} nhóm có số nhiệm vụ đã lưu khác số đếm lại "
                               "(chạy lại migrate để cài lại trigger và đếm lại).")
        if involved:
            raise CommandError(f"{len(involved)} cặp cơ quan – nhiệm vụ đã lưu khác quy tắc "
                               "(chạy lại migrate để cài lại trigger và tính lại).")
        if misjudged:
            raise CommandError(f"{len(misjudged)} kết quả trong kỳ đã lưu khác quy tắc "
                               "(chạy settle_status --all để tính lại).")
        self.stdout.write("Tình trạng đã lưu khớp với quy tắc.")
