from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from theodoi.core.text import clean_text, match_key


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "Chính phủ, Thủ tướng"
    MINISTRY = "ministry", "Bộ"
    MINISTRY_LEVEL = "ministry_level", "Cơ quan ngang bộ"
    GOVERNMENT_AGENCY = "government_agency", "Cơ quan thuộc Chính phủ"
    PARTY = "party", "Cơ quan Đảng"
    LEGISLATURE = "legislature", "Quốc hội và cơ quan của Quốc hội"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    PEOPLES_COUNCIL = "peoples_council", "Hội đồng nhân dân"
    DEPARTMENT = "department", "Sở, ban, ngành"
    LOCAL = "local", "Cấp xã, phường, đặc khu"
    MASS_ORG = "mass_org", "Mặt trận, đoàn thể"
    COLLECTIVE = "collective", "Tập hợp cơ quan"
    OTHER = "other", "Khác"


class Agency(models.Model):
    name = models.CharField("tên cơ quan", max_length=255, unique=True)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    kind = models.CharField("loại", max_length=32, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name="cơ quan cấp trên", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="children",
    )
    # Many-to-many: one dissolved body's functions can go to several successors.
    succeeded_by = models.ManyToManyField(
        "self", verbose_name="cơ quan kế thừa", symmetrical=False, blank=True,
        related_name="predecessors",
    )
    dissolved_on = models.DateField("ngày giải thể/hợp nhất", null=True, blank=True)
    name_key = models.CharField(max_length=255, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = clean_text(self.name)
        self.name_key = match_key(self.name)
        super().save(*args, **kwargs)

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None


class AgencyAlias(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField("tên gọi khác", max_length=255)
    alias_key = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs) -> None:
        self.alias = clean_text(self.alias)
        self.alias_key = match_key(self.alias)
        super().save(*args, **kwargs)


class Membership(models.Model):
    """Which agency a staff user works for (agency officers report for it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership",
        verbose_name="người dùng",
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="members", verbose_name="cơ quan"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "cán bộ thuộc cơ quan"
        verbose_name_plural = "cán bộ thuộc cơ quan"

    def __str__(self) -> str:
        return f"{self.user} – {self.agency}"
