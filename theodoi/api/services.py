"""Issuing and revoking API tokens (the office, from the admin or `theodoi api-token`)."""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.api.models import PREFIX_LENGTH, ApiToken, key_hash
from theodoi.core.audit import attribute_to
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import require_perm
from theodoi.core.predicates import is_staff_role
from theodoi.core.types import AnyUser, User


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # shown once to the office, never stored


def api_token_issue(*, actor: AnyUser, user: User, name: str) -> IssuedToken:
    """A new token for `user`: the API then answers them as the app would."""
    require_perm(actor, "api.manage_tokens", message=_("Chỉ Văn phòng UBND được cấp mã truy cập API."))
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError(_("Hãy ghi mã truy cập dùng cho việc gì (ví dụ: tên hệ thống sẽ dùng nó)."))
    if not user.is_active:
        raise ApplicationError(_("Tài khoản %(user)s đã bị khóa: không cấp mã truy cập.") % {"user": user})
    if not is_staff_role(user):
        # Without a role the API shows only the public data, which needs no token.
        raise ApplicationError(_("Tài khoản %(user)s không có vai trò nào: dữ liệu công khai không cần mã truy cập.")
                               % {"user": user})
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = attribute_to(ApiToken(user=user, name=name[:200], prefix=key[:PREFIX_LENGTH], key_hash=key_hash(key),
                                      created_by=actor if actor.is_authenticated else None), actor)
        token.save()
    return IssuedToken(token, key)


def api_token_revoke(*, actor: AnyUser, token: ApiToken) -> ApiToken:
    """From now on the key is refused; the row stays, for the record of who used what."""
    require_perm(actor, "api.manage_tokens", message=_("Chỉ Văn phòng UBND được thu hồi mã truy cập API."))
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise ApplicationError(_("Mã truy cập %(prefix)s… đã bị thu hồi ngày %(date)s.") % {
                "prefix": locked.prefix, "date": timezone.localtime(locked.revoked_at).strftime("%d/%m/%Y")})
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor if actor.is_authenticated else None
        attribute_to(locked, actor).save(update_fields=["revoked_at", "revoked_by"])
    return locked
