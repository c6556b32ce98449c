from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from theodoi.agencies.models import Agency


class DocumentKind(models.TextChoices):
    NGHI_QUYET = "nghi-quyet", _("Nghị quyết")
    KET_LUAN = "ket-luan", _("Kết luận")
    CHI_THI = "chi-thi", _("Chỉ thị")
    CHUONG_TRINH = "chuong-trinh", _("Chương trình")
    KE_HOACH = "ke-hoach", _("Kế hoạch")
    QUYET_DINH = "quyet-dinh", _("Quyết định")
    THONG_BAO = "thong-bao", _("Thông báo")
    BAO_CAO = "bao-cao", _("Báo cáo")
    OTHER = "other", _("Khác")


class Document(models.Model):
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issuer = models.ForeignKey(
        Agency, verbose_name=_("cơ quan ban hành"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="documents_issued",
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.TextField(_("trích yếu"))
    # NFC-normalised; task source spans are offsets into exactly this string.
    text = models.TextField(_("toàn văn"), blank=True)
    original_file = models.FileField(_("tệp gốc"), upload_to="documents/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="document_number_unique"
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return gettext("%(kind)s số %(number)s") % {"kind": self.get_kind_display(), "number": self.number}
        return self.title[:80]


class DocumentLink(models.Model):
    class Relation(models.TextChoices):
        IMPLEMENTS = "implements", _("thực hiện")
        CONTINUES = "continues", _("tiếp tục thực hiện")
        AMENDS = "amends", _("sửa đổi, bổ sung")
        REPLACES = "replaces", _("thay thế")

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="incoming_links")
    relation = models.CharField(_("quan hệ"), max_length=20, choices=Relation.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("liên kết văn bản")
        verbose_name_plural = _("liên kết văn bản")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "relation"], name="document_link_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="document_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_relation_display()} {self.target}"

    @property
    def incoming_label(self) -> str:
        """The relation seen from the target: "Được thực hiện bởi" (implemented by) …"""
        label = _INCOMING_LABELS.get(self.relation)
        if label is None:
            return gettext("Được %(relation)s bởi") % {"relation": self.get_relation_display()}
        return str(label)


# Passive forms of the relations, written out whole so that each language can word them.
_INCOMING_LABELS = {
    DocumentLink.Relation.IMPLEMENTS: _("Được thực hiện bởi"),
    DocumentLink.Relation.CONTINUES: _("Được tiếp tục thực hiện bởi"),
    DocumentLink.Relation.AMENDS: _("Được sửa đổi, bổ sung bởi"),
    DocumentLink.Relation.REPLACES: _("Được thay thế bởi"),
}


class Intake(models.Model):
    """An uploaded document under review: its text and the extractor's task candidates.

    Nothing becomes a task until the office commits the review.
    """

    class State(models.TextChoices):
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
    warnings = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("người tải lên")
    )
    created_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["text", "updated_at"])

    class Meta:
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

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveIntegerField(default=0)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    lead_names = models.JSONField(_("cơ quan chủ trì"), default=list, blank=True)
    coordinating_names = models.JSONField(_("cơ quan phối hợp"), default=list, blank=True)
    unresolved = models.JSONField(default=list, blank=True)
    output = models.TextField(_("sản phẩm"), blank=True)
    deadline_text = models.CharField(_("thời hạn"), max_length=200, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    recurrence = models.CharField(_("tính chất thời hạn"), max_length=16, default="once")
    domain = models.CharField(_("lĩnh vực"), max_length=32, default="chung")
    confidence = models.FloatField(default=0.5)
    decision = models.CharField(_("quyết định"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    # For a new version of a tracked document: the task this candidate continues.
    matched_task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_fields = models.JSONField(default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
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
