from django.core.management.base import BaseCommand

from theodoi.portal.services import send_digests


class Command(BaseCommand):
    help = ("Gửi thư tin theo dõi hằng ngày cho người theo dõi có thay đổi mới (chạy lại trong ngày "
            "không gửi trùng).")

    def handle(self, *args, **options) -> None:
        sent = send_digests()
        self.stdout.write(f"Đã gửi {sent} thư tin theo dõi.")
