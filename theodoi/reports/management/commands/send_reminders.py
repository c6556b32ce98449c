from django.core.management.base import BaseCommand

from theodoi.reports.reminders import send_reminders


class Command(BaseCommand):
    help = ("Gửi thư nhắc việc cho từng cơ quan (sắp đến hạn, quá hạn, báo cáo bị trả lại) và báo cáo Văn phòng "
            "các nhiệm vụ quá hạn kéo dài. Chạy lại không gửi trùng. Hằng ngày: deploy/theodoi-reminders.timer.")

    def handle(self, *args, **options) -> None:
        result = send_reminders()
        self.stdout.write(f"Đã gửi {result.digests} thư ({result.items} mục, {result.escalations} mục báo cáo Văn phòng).")
        if result.skipped_no_address:
            self.stdout.write("Chưa gửi được (không có địa chỉ email): " + "; ".join(result.skipped_no_address))
