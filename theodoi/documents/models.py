from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from theodoi.core.audit import audit_trail
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
    # On the public portal (theodoi/portal/visibility.py): only while the office says so,
    # through `documents.services.document_publish` (audited in the history).
    published = models.BooleanField(_("công khai"), default=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    history = audit_trail()

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
        return document_label(kind=self.kind, number=self.number, title=self.title)


class DocumentLink(models.Model):
    class Relation(models.TextChoices):
        IMPLEMENTS = "implements", _("thực hiện")
        CONTINUES = "continues", _("tiếp tục thực hiện")
        AMENDS = "amends", _("sửa đổi, bổ sung")
        REPLACES = "replaces", _("thay thế")

    source = models.ForeignKey(Document, verbose_name=_("văn bản"), on_delete=models.CASCADE,
                               related_name="outgoing_links")
    target = models.ForeignKey(Document, verbose_name=_("văn bản liên quan"), on_delete=models.CASCADE,
                               related_name="incoming_links")
    relation = models.CharField(_("quan hệ"), max_length=20, choices=Relation.choices)

    history = audit_trail()

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


def document_label(*, kind: str, number: str, title: str) -> str:
    """How a document is named on screen ("Quyết định số 12/QĐ-UBND", else its title's start):
    `str(document)`, and the task list's rows, which read these three columns without a model."""
    if number:
        # The enum's label, not get_kind_display(): that rebuilds the choices on every
        # call, and every row of a task list names its document.
        try:
            label = DocumentKind(kind).label
        except ValueError:
            label = kind
        return gettext("%(kind)s số %(number)s") % {"kind": label, "number": number}
    return title[:80]
