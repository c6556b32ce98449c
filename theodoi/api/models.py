"""API tokens: issued by the office to a staff user, shown once, stored only as a hash."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.core.audit import audit_trail

PREFIX_LENGTH = 8


def key_hash(key: str) -> str:
    """The stored form of a key. Keys are long random strings, so a plain SHA-256 suffices
    (no salt or stretching: nothing to guess, unlike a password)."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens",
    )
    name = models.CharField(_("dùng cho"), max_length=200, help_text=_("Ví dụ: hệ thống báo cáo của Sở Xây dựng"))
    # The first characters of the key, to tell tokens apart without the key itself.
    prefix = models.CharField(_("mã nhận diện"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    key_hash = models.CharField(_("mã băm của khóa"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("ngày cấp"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cấp"), null=True, on_delete=models.SET_NULL, related_name="+",
    )
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thu hồi"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )

    history = audit_trail(excluded_fields=["key_hash"])

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user}, {self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
