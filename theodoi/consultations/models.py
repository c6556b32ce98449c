"""Public consultation on drafts: a draft in versions, split into sections with stable keys,
comments on sections (with replies and supports), moderation, and the office's responses."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from theodoi.agencies.models import Agency
from theodoi.core.audit import audit_trail
from theodoi.documents.models import Document


class OfficeRecord(models.Model):
    """What the office writes (a consultation, a draft version, a response): who and when."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        abstract = True


class Consultation(OfficeRecord):
    title = models.CharField(_("tên dự thảo"), max_length=500)
    summary = models.TextField(_("giới thiệu"), blank=True)
    drafting_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan soạn thảo"), on_delete=models.PROTECT, related_name="consultations",
    )
    opens_on = models.DateField(_("ngày bắt đầu lấy ý kiến"))
    closes_on = models.DateField(_("ngày kết thúc lấy ý kiến"))
    # The document the draft became, once adopted; its page links back here.
    adopted_document = models.ForeignKey(
        Document, verbose_name=_("văn bản được ban hành"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="consultations",
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("đợt lấy ý kiến")
        verbose_name_plural = _("đợt lấy ý kiến")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="consultation_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.closes_on


class DraftVersion(OfficeRecord):
    consultation = models.ForeignKey(Consultation, verbose_name=_("đợt lấy ý kiến"), on_delete=models.CASCADE,
                                     related_name="versions")
    number = models.PositiveIntegerField(_("bản số"))
    text = models.TextField(_("toàn văn"))
    original_file = models.FileField(_("tệp gốc"), upload_to="consultations/%Y/", blank=True)
    note = models.TextField(_("ghi chú thay đổi"), blank=True)

    class Meta:
        verbose_name = _("bản dự thảo")
        verbose_name_plural = _("bản dự thảo")
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="draft_version_unique")]

    def __str__(self) -> str:
        return _("Bản dự thảo %(number)s") % {"number": self.number}


class Section(models.Model):
    version = models.ForeignKey(DraftVersion, verbose_name=_("bản dự thảo"), on_delete=models.CASCADE,
                                related_name="sections")
    # Stable across versions: a comment is attached to (consultation, key).
    key = models.CharField(_("mã phần"), max_length=80)
    position = models.PositiveIntegerField(_("thứ tự"))
    heading = models.CharField(_("tiêu đề"), max_length=300, blank=True)
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("phần")
        verbose_name_plural = _("phần")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="section_key_unique")]

    def __str__(self) -> str:
        return self.heading or str(_("Phần mở đầu"))


class Comment(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Chờ kiểm duyệt")
        PUBLISHED = "published", _("Đã đăng")
        HIDDEN = "hidden", _("Đã ẩn")

    consultation = models.ForeignKey(Consultation, verbose_name=_("đợt lấy ý kiến"), on_delete=models.CASCADE,
                                     related_name="comments")
    section_key = models.CharField(_("mã phần"), max_length=80)
    # The version and section the comment was made on: shown as "góp ý trên bản 1".
    section = models.ForeignKey(Section, verbose_name=_("phần"), on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey("self", verbose_name=_("góp ý được trả lời"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="replies")
    author_name = models.CharField(_("tên hiển thị"), max_length=120, blank=True)
    # Private: only the office sees it; never on a public page or export.
    contact = models.CharField(_("thư điện tử hoặc điện thoại"), max_length=200, blank=True)
    text = models.TextField(_("nội dung góp ý"))
    state = models.CharField(_("trạng thái"), max_length=12, choices=State.choices, default=State.PENDING)
    hidden_reason = models.TextField(_("lý do ẩn"), blank=True)
    # A secret for the author's own link (see the state and, if hidden, why).
    author_token = models.CharField(_("mã riêng của người góp ý"), max_length=40, unique=True)
    # Who wrote it, as a keyed hash of the browser session: for "first-time comments held".
    client_key = models.CharField(_("mã trình duyệt"), max_length=64, blank=True, db_index=True)
    support_count = models.PositiveIntegerField(_("số lượt ủng hộ"), default=0)
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)

    history = audit_trail(excluded_fields=["support_count"])

    class Meta:
        verbose_name = _("góp ý")
        verbose_name_plural = _("góp ý")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["consultation", "section_key", "state"])]

    def __str__(self) -> str:
        return self.text[:60]


class Support(models.Model):
    """One support per comment and browser: a hash of the session, never an identity."""

    comment = models.ForeignKey(Comment, verbose_name=_("góp ý"), on_delete=models.CASCADE, related_name="supports")
    client_key = models.CharField(_("mã trình duyệt"), max_length=64)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt ủng hộ")
        verbose_name_plural = _("lượt ủng hộ")
        constraints = [models.UniqueConstraint(fields=["comment", "client_key"], name="support_once")]


class Response(OfficeRecord):
    """The office's answer to a group of comments on a section, for the summary."""

    class Kind(models.TextChoices):
        ACCEPTED = "tiep-thu", _("Tiếp thu")
        EXPLAINED = "giai-trinh", _("Giải trình")

    consultation = models.ForeignKey(Consultation, verbose_name=_("đợt lấy ý kiến"), on_delete=models.CASCADE,
                                     related_name="responses")
    section_key = models.CharField(_("mã phần"), max_length=80)
    kind = models.CharField(_("hình thức"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("nội dung tiếp thu, giải trình"))
    comments = models.ManyToManyField(Comment, verbose_name=_("góp ý"), related_name="responses", blank=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("tiếp thu, giải trình")
        verbose_name_plural = _("tiếp thu, giải trình")
        ordering = ["consultation", "section_key", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
