from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.agencies.models import Agency
from theodoi.tasks.models import Task


class Digest(models.Model):
    """One email sent to an agency (or to the office): what it said and to whom."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="reminder_digests")  # null: the office's escalations
    sent_at = models.DateTimeField(pgettext_lazy("e-mail", "lúc gửi"), auto_now_add=True)
    recipients = models.TextField(_("người nhận"))
    subject = models.CharField(pgettext_lazy("e-mail", "tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("thư nhắc việc")
        verbose_name_plural = _("thư nhắc việc")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["agency", "sent_at"])]

    def __str__(self) -> str:
        return self.subject


class Reminder(models.Model):
    """One item of a digest. `state` names what the item was about (the due date, the
    returned report, the overdue period…): the same reminder is never sent twice for the
    same state, which the unique constraint holds even for two runs at once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")
        RETURNED = "returned", _("Báo cáo bị trả lại")
        INDICATOR = "indicator", _("Chỉ tiêu chờ nhập số liệu")
        ESCALATION = "escalation", _("Quá hạn kéo dài, báo cáo Văn phòng")
        # Tasks the agency coordinates, for information: the lead answers for them, but a
        # coordinating agency owes its part and should hear that the deadline is near or missed.
        COORDINATING = "coordinating", _("Nhiệm vụ phối hợp sắp đến hạn, quá hạn (để biết)")

    digest = models.ForeignKey(Digest, verbose_name=_("thư nhắc việc"), on_delete=models.CASCADE, related_name="items")
    # The agency the item is about (for an escalation too, though it goes to the office).
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="reminders")
    subject_key = models.CharField(_("mã đối tượng nhắc"), max_length=64)  # "task:12", "indicator:3:2025"
    state = models.CharField(_("tình huống được nhắc"), max_length=100)
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("mục nhắc việc")
        verbose_name_plural = _("mục nhắc việc")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "subject_key", "state"], name="reminder_once_per_state"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
