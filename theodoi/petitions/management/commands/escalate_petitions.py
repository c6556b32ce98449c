from django.core.management.base import BaseCommand

from theodoi.petitions.services import petitions_escalate_overdue


class Command(BaseCommand):
    help = "Báo Văn phòng UBND các kiến nghị quá hạn trả lời (mỗi kiến nghị một lần cho mỗi lần giao)."

    def handle(self, *args, **options) -> None:
        overdue = petitions_escalate_overdue()
        self.stdout.write(f"Kiến nghị quá hạn mới báo: {len(overdue)}.")
