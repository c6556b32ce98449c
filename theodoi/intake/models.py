"""An uploaded document under review and the task candidates the extractor found in it.

The tables kept their names from when these models lived in `documents` (the data moved
with the code, not between tables).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.core.audit import audit_trail
from theodoi.documents.models import Document, DocumentKind


class Intake(models.Model):
    """An uploaded document under review: its text and the extractor's task candidates.

    Nothing becomes a task until the office commits the review.
    """

    class State(models.TextChoices):
        OCR = "ocr", _("Đang nhận dạng chữ (OCR)")
        OCR_FAILED = "ocr-failed", _("Nhận dạng chữ không thành công")
        REVIEW = "review", _("Đang rà soát")
        COMMITTED = "committed", _("Đã tạo nhiệm vụ")
        CANCELLED = "cancelled", _("Đã hủy")

    original_file = models.FileField(_("tệp gốc"), upload_to="intake/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    source_format = models.CharField(_("định dạng"), max_length=10)
    encoding = models.CharField(_("bảng mã"), max_length=20, blank=True)
    # NFC-normalised; candidate spans are offsets into exactly this string.
    text = models.TextField(_("toàn văn"))
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issuer_name = models.CharField(_("cơ quan ban hành (như văn bản ghi)"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    implements = models.JSONField(_("thực hiện văn bản"), default=list, blank=True)
    # Set when the upload is a new version of a document already tracked.
    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), null=True, blank=True, on_delete=models.PROTECT, related_name="intakes"
    )
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default=State.REVIEW)
    warnings = models.JSONField(_("cảnh báo"), default=list, blank=True)
    # A scanned PDF (or scanned pages in one): the pages Tesseract must read, how many it has
    # read (the review page polls it), each page's text layer to put the recognised pages
    # among, and where the recognised text lies in `text` once done (the review marks it).
    ocr_pages = models.JSONField(_("trang cần nhận dạng chữ"), default=list, blank=True)
    ocr_done = models.PositiveIntegerField(_("số trang đã nhận dạng"), default=0)
    page_texts = models.JSONField(_("chữ của từng trang"), default=list, blank=True)
    ocr_spans = models.JSONField(_("vị trí chữ nhận dạng trong văn bản"), default=list, blank=True)
    ocr_confidence = models.FloatField(_("độ tin cậy nhận dạng chữ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("người tải lên")
    )
    created_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    history = audit_trail(excluded_fields=["text", "updated_at", "ocr_done", "page_texts", "ocr_spans"],
                          table_name="documents_historicalintake")

    class Meta:
        db_table = "documents_intake"
        verbose_name = _("văn bản đang rà soát")
        verbose_name_plural = _("văn bản đang rà soát")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number or self.original_name} ({self.get_state_display()})"


class Candidate(models.Model):
    """One directive the extractor found, with the fields the reviewer may correct."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Chưa xem")
        ACCEPTED = "accepted", _("Chấp nhận")
        REJECTED = "rejected", pgettext_lazy("candidate decision", "Loại")

    intake = models.ForeignKey(Intake, verbose_name=_("văn bản đang rà soát"), on_delete=models.CASCADE,
                               related_name="candidates")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    start = models.PositiveIntegerField(_("vị trí đầu trong văn bản"))
    end = models.PositiveIntegerField(_("vị trí cuối trong văn bản"))
    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    lead_names = models.JSONField(_("cơ quan chủ trì"), default=list, blank=True)
    coordinating_names = models.JSONField(_("cơ quan phối hợp"), default=list, blank=True)
    unresolved = models.JSONField(_("cơ quan chưa có trong danh mục"), default=list, blank=True)
    output = models.TextField(_("sản phẩm"), blank=True)
    deadline_text = models.CharField(_("thời hạn"), max_length=200, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    recurrence = models.CharField(_("tính chất thời hạn"), max_length=16, default="once")
    domain = models.CharField(_("lĩnh vực"), max_length=32, default="chung")
    confidence = models.FloatField(_("độ tin cậy"), default=0.5)
    decision = models.CharField(_("quyết định"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    # For a new version of a tracked document: the task this candidate continues.
    matched_task = models.ForeignKey(
        "tasks.Task", verbose_name=_("nhiệm vụ tương ứng"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_fields = models.JSONField(_("điểm thay đổi"), default=list, blank=True)

    history = audit_trail(table_name="documents_historicalcandidate")

    class Meta:
        db_table = "documents_candidate"
        verbose_name = _("nhiệm vụ đề xuất")
        verbose_name_plural = _("nhiệm vụ đề xuất")
        ordering = ["intake", "position", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="candidate_span_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def text(self) -> str:
        return self.intake.text[self.start:self.end]
