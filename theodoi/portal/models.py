"""Following: people who asked for a daily digest of what changed on a task, a programme
or an agency, and what the digest job has already seen and sent.

An address is stored to send mail to it and for nothing else: no page, list, export or
API shows it (not even the admin: the models are not registered there).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.tasks.models import Task


class Follower(models.Model):
    email = models.EmailField(_("e-mail"), max_length=254, unique=True)  # stored lower-cased
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    # A staff member following from their own pages: the address is their account's.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("người theo dõi")
        verbose_name_plural = _("người theo dõi")

    def __str__(self) -> str:
        return f"#{self.pk}"  # never the address


class Follow(models.Model):
    class Kind(models.TextChoices):
        TASK = "task", _("nhiệm vụ")
        DOCUMENT = "document", _("chương trình")
        AGENCY = "agency", _("cơ quan")

    follower = models.ForeignKey(Follower, verbose_name=_("người theo dõi"), on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    target_id = models.BigIntegerField(_("mã nội dung theo dõi"))
    # Double opt-in: nothing is sent until the link in the confirmation mail is opened.
    confirmed_at = models.DateTimeField(_("lúc xác nhận"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký theo dõi")
        verbose_name_plural = _("đăng ký theo dõi")
        constraints = [models.UniqueConstraint(fields=["follower", "kind", "target_id"], name="follow_unique")]
        indexes = [models.Index(fields=["confirmed_at"], condition=Q(confirmed_at__isnull=False),
                                name="follow_confirmed")]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id}"


class Digest(models.Model):
    """One row per follower and day a digest was sent: a second run sends nothing again."""

    follower = models.ForeignKey(Follower, verbose_name=_("người theo dõi"), on_delete=models.CASCADE, related_name="digests")
    day = models.DateField(_("ngày"))
    sent_at = models.DateTimeField(pgettext_lazy("e-mail", "lúc gửi"))
    items = models.PositiveIntegerField(_("số mục"), default=0)

    class Meta:
        verbose_name = _("thư tin theo dõi")
        verbose_name_plural = _("thư tin theo dõi")
        constraints = [models.UniqueConstraint(fields=["follower", "day"], name="digest_once_a_day")]


class StatusSeen(models.Model):
    """The stored status of each public task as the digest job last saw it."""

    task = models.OneToOneField(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, primary_key=True,
                                related_name="+")
    status = models.CharField(_("tình trạng"), max_length=16)

    class Meta:
        verbose_name = _("tình trạng đã ghi nhận")
        verbose_name_plural = _("tình trạng đã ghi nhận")


class StatusChange(models.Model):
    """A public task's status as the digest job found it changed (what a digest announces)."""

    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="+")
    old_status = models.CharField(_("tình trạng cũ"), max_length=16)
    new_status = models.CharField(_("tình trạng mới"), max_length=16)
    seen_at = models.DateTimeField(_("lúc phát hiện"), db_index=True)

    class Meta:
        verbose_name = _("thay đổi tình trạng")
        verbose_name_plural = _("thay đổi tình trạng")
