"""Petitions (kiến nghị, phản ánh) from the public, routed to the agency that must answer."""

import datetime as dt


from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.agencies.models import Agency
from theodoi.core.audit import audit_trail
from theodoi.petitions.codes import format_code

# Contact details are seen only by the office and the assigned agency: every field listed
# here is kept off public pages, e-mails to others, Open311 and exports.
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


class Category(models.Model):
    """What a petition is about; an Open311 "service". The office sets each one's deadline."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    # Shown instead of the name when the interface is in English (empty: the name, as is).
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời (ngày làm việc)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(90)])
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("lĩnh vực kiến nghị")
        verbose_name_plural = _("lĩnh vực kiến nghị")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language: the English name in English when there is one."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class DayOff(models.Model):
    """A one-off day off the office declares (besides public holidays): no deadline counts it."""

    day = models.DateField(_("ngày nghỉ"), unique=True)
    reason = models.CharField(_("lý do"), max_length=200)

    history = audit_trail()

    class Meta:
        verbose_name = _("ngày nghỉ bổ sung")
        verbose_name_plural = _("ngày nghỉ bổ sung")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} – {self.reason}"


class State(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("petition", "Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đã chuyển cơ quan xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã kết thúc")
    REJECTED = "rejected", _("Không thụ lý")


# States in which the assigned agency owes an answer (the deadline runs).
OWED_STATES = (State.ASSIGNED, State.IN_PROGRESS)
OPEN_STATES = (State.RECEIVED, State.ASSIGNED, State.IN_PROGRESS)


class Petition(models.Model):
    code = models.CharField(_("mã theo dõi"), max_length=16, unique=True, editable=False)
    category = models.ForeignKey(Category, verbose_name=pgettext_lazy("petition", "lĩnh vực"), on_delete=models.PROTECT,
                                 related_name="petitions")
    title = models.CharField(_("tiêu đề"), max_length=200)
    text = models.TextField(_("nội dung"))
    address = models.CharField(_("địa điểm"), max_length=300, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True,
                                   validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True,
                                    validators=[MinValueValidator(-180), MaxValueValidator(180)])
    contact_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    contact_phone = models.CharField(_("số điện thoại"), max_length=30, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), max_length=200, blank=True)

    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default=State.RECEIVED,
                             db_index=True)
    state_reason = models.TextField(_("lý do"), blank=True)
    # The routing proposal made at submission: [{"agency_id", "agency", "score", "reasons"}].
    proposals = models.JSONField(_("đề xuất cơ quan"), default=list, blank=True)
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan xử lý"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="petitions")
    handed_back_reason = models.TextField(_("lý do cơ quan trả lại"), blank=True)
    assigned_on = models.DateField(_("ngày giao"), null=True, blank=True)
    due_on = models.DateField(_("hạn trả lời"), null=True, blank=True, db_index=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(Agency, verbose_name=_("cơ quan trả lời"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answer_public = models.BooleanField(_("công khai trả lời"), default=True)
    answer_private_reason = models.TextField(_("lý do không công khai"), blank=True)
    merged_into = models.ForeignKey("self", verbose_name=_("gộp vào"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="duplicates")
    escalated_on = models.DateField(_("ngày báo quá hạn cho văn phòng"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("petition", "ngày gửi"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True, db_index=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="rejected") | ~models.Q(state_reason=""), name="petition_rejected_has_reason"),
            models.CheckConstraint(
                condition=models.Q(answer_public=True) | ~models.Q(answer_private_reason=""),
                name="petition_private_answer_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} – {self.title}"

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    def is_overdue(self, today: dt.date) -> bool:
        return self.state in OWED_STATES and self.due_on is not None and self.due_on < today

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Attachment(models.Model):
    petition = models.ForeignKey(Petition, verbose_name=_("kiến nghị"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="kien-nghi/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=200)
    kind = models.CharField(_("loại"), max_length=16)
    size = models.PositiveIntegerField(_("dung lượng"))

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
