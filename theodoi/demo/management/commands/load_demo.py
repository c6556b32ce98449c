from django.core.management.base import BaseCommand

from theodoi.demo.loader import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Nạp chương trình minh họa Hải Phòng (văn bản, nhiệm vụ, báo cáo) và tài khoản minh họa."

    def handle(self, *args, **options) -> None:
        counts = load_demo()
        self.stdout.write(
            f"Dữ liệu minh họa: {counts['documents']} văn bản, {counts['tasks_created']} nhiệm vụ mới, "
            f"{counts['reports_created']} báo cáo mới."
        )
        self.stdout.write("\nTài khoản minh họa (mật khẩu chung: %s)" % DEMO_PASSWORD)
        for username, full_name, role, agency in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {role:<15} {full_name} – {agency}")
        self.stdout.write("")
