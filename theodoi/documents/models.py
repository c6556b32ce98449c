from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from theodoi.agencies.models import Agency


class DocumentKind(models.TextChoices):
    NGHI_QUYET = "nghi-quyet", "Nghị quyết"
    KET_LUAN = "ket-luan", "Kết luận"
    CHI_THI = "chi-thi", "Chỉ thị"
    CHUONG_TRINH = "chuong-trinh", "Chương trình"
    KE_HOACH = "ke-hoach", "Kế hoạch"
    QUYET_DINH = "quyet-dinh", "Quyết định"
    THONG_BAO = "thong-bao", "Thông báo"
    BAO_CAO = "bao-cao", "Báo cáo"
    OTHER = "other", "Khác"


class Document(models.Model):
    kind = models.CharField("loại văn bản", max_length=20, choices=DocumentKind.choices)
    number = models.CharField("số, ký hiệu", max_length=64, blank=True)
    issuer = models.ForeignKey(
        Agency, verbose_name="cơ quan ban hành", null=True, blank=True,
        on_delete=models.PROTECT, related_name="documents_issued",
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu")
    # NFC-normalised; task source spans are offsets into exactly this string.
    text = models.TextField("toàn văn", blank=True)
    original_file = models.FileField("tệp gốc", upload_to="documents/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="người tạo",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="document_number_unique"
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"{self.get_kind_display()} số {self.number}"
        return self.title[:80]


class DocumentLink(models.Model):
    class Relation(models.TextChoices):
        IMPLEMENTS = "implements", "thực hiện"
        CONTINUES = "continues", "tiếp tục thực hiện"
        AMENDS = "amends", "sửa đổi, bổ sung"
        REPLACES = "replaces", "thay thế"

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="incoming_links")
    relation = models.CharField("quan hệ", max_length=20, choices=Relation.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "liên kết văn bản"
        verbose_name_plural = "liên kết văn bản"
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "relation"], name="document_link_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="document_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_relation_display()} {self.target}"
