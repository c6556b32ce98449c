from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from theodoi.core.exceptions import ApplicationError
from theodoi.tasks.importing import document_by_number, import_task_file


class Command(BaseCommand):
    help = (
        "Nhập bảng nhiệm vụ (XLSX hoặc CSV, bố cục như phụ lục chương trình hành động) vào một văn bản. "
        "Ví dụ: theodoi import-tasks phu-luc.xlsx --document 7/NQ-CP --user vanphong"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--document", required=True, help="Số, ký hiệu văn bản, ví dụ 7/NQ-CP")
        parser.add_argument("--user", required=True, help="Tên đăng nhập của người nhập (cần quyền nhập)")

    def handle(self, *args, file: Path, document: str, user: str, **options) -> None:
        try:
            actor = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Không có người dùng '{user}'.") from None
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc.strerror}") from None
        try:
            result = import_task_file(actor=actor, document=document_by_number(document), name=file.name, data=data)
        except ApplicationError as exc:
            raise CommandError("\n".join([exc.message, *exc.errors])) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Đã nhập: {result.created} nhiệm vụ mới, {result.updated} cập nhật, {result.unchanged} không đổi."
        )
        if result.not_in_file:
            self.stdout.write(f"{len(result.not_in_file)} nhiệm vụ đã nhập trước đây không có trong tệp này (giữ nguyên).")
