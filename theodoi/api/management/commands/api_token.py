from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from theodoi.api import services
from theodoi.api.models import ApiToken
from theodoi.core.exceptions import ApplicationError


def _user(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"Không có người dùng '{username}'.") from None


class Command(BaseCommand):
    help = (
        "Cấp, thu hồi, liệt kê mã truy cập API. Ví dụ: "
        "theodoi api-token issue ubnd --name 'Hệ thống báo cáo' --by vanphong; "
        "theodoi api-token revoke AbCd1234 --by vanphong; theodoi api-token list"
    )

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="cấp mã mới cho một người dùng (mã hiện một lần)")
        issue.add_argument("username")
        issue.add_argument("--name", required=True, help="dùng cho việc gì")
        issue.add_argument("--by", required=True, help="tên đăng nhập của người cấp (Văn phòng UBND)")
        revoke = sub.add_parser("revoke", help="thu hồi một mã theo mã nhận diện (8 ký tự đầu)")
        revoke.add_argument("prefix")
        revoke.add_argument("--by", required=True, help="tên đăng nhập của người thu hồi (Văn phòng UBND)")
        sub.add_parser("list", help="liệt kê các mã (không hiện mã)")

    def handle(self, *args, action: str, **options) -> None:
        try:
            if action == "issue":
                issued = services.api_token_issue(actor=_user(options["by"]), user=_user(options["username"]),
                                                  name=options["name"])
                self.stdout.write(f"Mã truy cập cho {issued.token.user} (chép ngay, mã chỉ hiện một lần):")
                self.stdout.write(issued.key)
            elif action == "revoke":
                token = ApiToken.objects.filter(prefix=options["prefix"]).first()
                if token is None:
                    raise CommandError(f"Không có mã truy cập nào bắt đầu bằng '{options['prefix']}'.")
                services.api_token_revoke(actor=_user(options["by"]), token=token)
                self.stdout.write(f"Đã thu hồi mã {token.prefix}… của {token.user}.")
            else:
                for token in ApiToken.objects.select_related("user"):
                    state = (f"thu hồi {timezone.localtime(token.revoked_at):%d/%m/%Y}" if token.revoked_at
                             else "đang dùng")
                    self.stdout.write(f"{token.prefix}…\t{token.user}\t{token.name}\t"
                                      f"cấp {timezone.localtime(token.created_at):%d/%m/%Y}\t{state}")
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
