"""`Authorization: Token <key>` (or `Bearer <key>`): the caller is the token's user."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from theodoi.api.models import ApiToken, key_hash

KEYWORDS = ("token", "bearer")
MAX_KEY_LENGTH = 200  # issued keys are 43 characters; anything far longer is not one


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower().decode("latin-1") not in KEYWORDS:
            return None  # no token: an anonymous caller (or the session, for the browsable API)
        if len(parts) != 2 or len(parts[1]) > MAX_KEY_LENGTH:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng \"Token <mã truy cập>\"."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ.")) from None
        token = ApiToken.objects.select_related("user").filter(key_hash=key_hash(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập này đã bị Văn phòng thu hồi."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Tài khoản của mã truy cập này đã bị khóa."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Token"  # so that a refused token is a 401, not a 403
